static u64 nic_pci_map_page(struct device *dev, struct page *page,
			    unsigned long offset, size_t size,
			    enum dma_data_direction direction)
{
	return dma_map_page(dev, page, offset, size, direction);
}

static const struct nic_ops nic_pci_ops = {
	.map_page	= nic_pci_map_page,
};

static dma_addr_t bridge_map_page(struct device *dev, struct page *page,
				  unsigned long offset, size_t size,
				  enum dma_data_direction dir,
				  unsigned long attrs)
{
	struct pci_dev *pdev = to_bridge_pci(dev);
	int dac_allowed;

	dac_allowed = pdev ? bridge_dac_supported(pdev) : 0;
	return bridge_map_single(pdev, (char *)page_address(page) + offset,
				 size, dac_allowed);
}

static dma_addr_t sbus_map_page(struct device *dev, struct page *page,
				unsigned long offset, size_t sz,
				enum dma_data_direction direction,
				unsigned long attrs)
{
	unsigned long oaddr;

	oaddr = (unsigned long)(page_address(page) + offset);
	return sbus_map_addr(dev, oaddr, sz, direction);
}

static const struct dma_map_ops bridge_ops = {
	.map_page		= bridge_map_page,
};

static const struct dma_map_ops sbus_ops = {
	.map_page		= sbus_map_page,
};

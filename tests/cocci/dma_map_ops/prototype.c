static dma_addr_t fw_map_page(struct device *dev, struct page *page,
			      unsigned long offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs);

static const struct dma_map_ops fw_ops = {
	.map_page = fw_map_page,
};

static dma_addr_t fw_map_page(struct device *dev, struct page *page,
			      unsigned long offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	return fw_map(dev, page_to_phys(page) + offset, size, dir);
}

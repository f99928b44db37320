static dma_addr_t tt_map_page(struct device *dev, struct page *page,
			      unsigned long offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	phys_addr_t phys = tt_base(dev);

	return tt_map(dev, phys, page_to_phys(page) + offset, size);
}

static const struct dma_map_ops tt_ops = {
	.map_page = tt_map_page,
};

static dma_addr_t sb_map_page(struct device *_dev, struct page *page,
	unsigned long offset, size_t size, enum dma_data_direction direction,
	unsigned long attrs)
{
	struct sb_device *dev = to_sb_device(_dev);
	void *ptr = page_address(page) + offset;
	dma_addr_t bus_addr;

	if (sb_map(dev->region, (unsigned long)ptr, size, &bus_addr))
		return DMA_MAPPING_ERROR;
	return bus_addr;
}

static void sb_unmap_page(struct device *_dev, dma_addr_t dma_addr,
	size_t size, enum dma_data_direction direction, unsigned long attrs)
{
	sb_unmap(to_sb_device(_dev)->region, dma_addr, size);
}

static const struct dma_map_ops sb_dma_ops = {
	.alloc = sb_alloc_coherent,
	.free = sb_free_coherent,
	.map_page = sb_map_page,
	.unmap_page = sb_unmap_page,
};

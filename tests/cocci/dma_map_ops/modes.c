static dma_addr_t a_map_page(struct device *dev, struct page *page,
			     unsigned long offset, size_t size,
			     enum dma_data_direction dir, unsigned long attrs)
{
	return a_map(dev, page_to_phys(page) + offset, size);
}

static void a_unmap_page(struct device *dev, dma_addr_t addr, size_t size,
			 enum dma_data_direction dir, unsigned long attrs)
{
	a_unmap(dev, addr, size);
}

static dma_addr_t a_map_resource(struct device *dev, phys_addr_t phys,
				 size_t size, enum dma_data_direction dir,
				 unsigned long attrs)
{
	return a_map(dev, phys, size);
}

static dma_addr_t b_map_phys(struct device *dev, phys_addr_t phys,
			     size_t size, enum dma_data_direction dir,
			     unsigned long attrs)
{
	if (unlikely(attrs & DMA_ATTR_MMIO))
		return DMA_MAPPING_ERROR;
	return b_map(dev, phys, size);
}

static const struct dma_map_ops a_ops = {
	.map_page = a_map_page,
	.unmap_page = a_unmap_page,
	.map_resource = a_map_resource,
};

static const struct dma_map_ops b_ops = {
	.map_phys = b_map_phys,
};

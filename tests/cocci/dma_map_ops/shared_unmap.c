static dma_addr_t sb_map_page(struct device *dev, struct page *page,
			      unsigned long offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	return sb_map(dev, page_to_phys(page) + offset, size);
}

static dma_addr_t ioc_map_page(struct device *dev, struct page *page,
			       unsigned long offset, size_t size,
			       enum dma_data_direction dir,
			       unsigned long attrs)
{
	return ioc_map(dev, page_to_phys(page) + offset, size);
}

static void common_unmap_page(struct device *dev, dma_addr_t dma_addr,
			      size_t size, enum dma_data_direction dir,
			      unsigned long attrs)
{
	common_unmap(dev, dma_addr, size);
}

static const struct dma_map_ops sb_ops = {
	.map_page = sb_map_page,
	.unmap_page = common_unmap_page,
};

static const struct dma_map_ops ioc_ops = {
	.map_page = ioc_map_page,
	.unmap_page = common_unmap_page,
};

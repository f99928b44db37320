/* Map a single area into the IOMMU */
static dma_addr_t gtt_map_page(struct device *dev, struct page *page,
			       unsigned long offset, size_t size,
			       enum dma_data_direction dir,
			       unsigned long attrs)
{
	unsigned long bus;
	phys_addr_t paddr = page_to_phys(page) + offset;

	if (!need_iommu(dev, paddr, size))
		return paddr;

	bus = map_area(dev, paddr, size, dir, 0);
	flush_gtt();

	return bus;
}

static void gtt_unmap_page(struct device *dev, dma_addr_t dma_addr,
			   size_t size, enum dma_data_direction dir,
			   unsigned long attrs)
{
	unmap_area(dev, dma_addr, size);
}

static void gtt_free_coherent(struct device *dev, size_t size, void *vaddr,
			      dma_addr_t dma_addr, unsigned long attrs)
{
	gtt_unmap_page(dev, dma_addr, size, DMA_BIDIRECTIONAL, 0);
	dma_direct_free(dev, size, vaddr, dma_addr, attrs);
}

static const struct dma_map_ops gtt_dma_ops = {
	.map_page			= gtt_map_page,
	.unmap_page			= gtt_unmap_page,
	.free				= gtt_free_coherent,
};

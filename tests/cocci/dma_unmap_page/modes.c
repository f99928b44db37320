static void unmap_two(struct device *dev, dma_addr_t *d)
{
	dma_unmap_page(dev, d[0], PAGE_SIZE, DMA_TO_DEVICE);
	dma_unmap_page_attrs(dev, d[1], PAGE_SIZE, DMA_TO_DEVICE,
			     DMA_ATTR_SKIP_CPU_SYNC);
}

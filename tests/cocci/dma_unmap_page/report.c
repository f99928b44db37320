static void unmap_both(struct device *dev, dma_addr_t a, dma_addr_t b)
{
	dma_unmap_page(dev, a, PAGE_SIZE, DMA_TO_DEVICE);
	dma_unmap_page_attrs(dev, b, PAGE_SIZE, DMA_TO_DEVICE,
			     DMA_ATTR_SKIP_CPU_SYNC);
	dma_unmap_phys(dev, b, PAGE_SIZE, DMA_TO_DEVICE, 0);
}

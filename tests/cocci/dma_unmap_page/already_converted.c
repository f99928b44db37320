static void unmap_done(struct device *dev, dma_addr_t dma, size_t len)
{
	dma_unmap_phys(dev, dma, len, DMA_TO_DEVICE, 0);
}

static void unmap_commented(struct device *dev, dma_addr_t dma, size_t len)
{
	/* give the buffer back to the CPU */
	dma_unmap_page_attrs(dev, dma, len /* whole buffer */,
			     DMA_FROM_DEVICE, 0);
}

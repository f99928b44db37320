static dma_addr_t map_pfn_off(struct device *dev, unsigned long pfn,
			      unsigned int off, size_t len)
{
	return dma_map_page(dev, pfn_to_page(pfn), off, len, DMA_TO_DEVICE);
}

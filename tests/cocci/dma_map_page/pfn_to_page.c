static dma_addr_t map_pfn(struct device *dev, unsigned long pfn)
{
	return dma_map_page(dev, pfn_to_page(pfn), 0, PAGE_SIZE,
			    DMA_BIDIRECTIONAL);
}

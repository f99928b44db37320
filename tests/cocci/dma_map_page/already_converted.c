static dma_addr_t map_done(struct device *dev, struct page *page,
			   unsigned int off, size_t len)
{
	return dma_map_phys(dev, page_to_phys(page) + off, len,
			    DMA_TO_DEVICE, 0);
}

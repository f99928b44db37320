static dma_addr_t map_chunk(struct device *dev, struct page *page,
			    unsigned int off, size_t len)
{
	return dma_map_page(dev, page, off, len, DMA_TO_DEVICE);
}

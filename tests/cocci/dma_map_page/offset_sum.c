static dma_addr_t map_frag(struct device *dev, struct page *page,
			   unsigned int base, unsigned int off, size_t len)
{
	return dma_map_page(dev, page, base + off, len, DMA_TO_DEVICE);
}

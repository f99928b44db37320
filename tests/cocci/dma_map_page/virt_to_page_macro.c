static dma_addr_t map_aligned(struct device *dev, void *buf, size_t len)
{
	return dma_map_page(dev, virt_to_page(PTR_ALIGN(buf, 64)),
			    offset_in_page(PTR_ALIGN(buf, 64)), len,
			    DMA_BIDIRECTIONAL);
}

static dma_addr_t map_shared(struct device *dev, struct ring *r, size_t len)
{
	return dma_map_page(dev, virt_to_page(READ_ONCE(r->buf)),
			    offset_in_page(READ_ONCE(r->buf)), len,
			    DMA_TO_DEVICE);
}

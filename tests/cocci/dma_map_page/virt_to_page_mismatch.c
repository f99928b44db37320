static dma_addr_t map_pair(struct device *dev, void *a, void *b, size_t len)
{
	return dma_map_page(dev, virt_to_page(a), offset_in_page(b), len,
			    DMA_TO_DEVICE);
}

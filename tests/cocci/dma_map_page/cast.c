static u32 map_low(struct device *dev, void *obj, size_t len)
{
	return (u32)dma_map_page(dev, (struct page *)obj, 0, len,
				 DMA_TO_DEVICE);
}

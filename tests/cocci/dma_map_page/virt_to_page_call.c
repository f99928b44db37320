static dma_addr_t map_buf(struct device *dev, struct ctx *ctx, size_t len)
{
	return dma_map_page(dev, virt_to_page(next_buf(ctx)),
			    offset_in_page(next_buf(ctx)), len, DMA_TO_DEVICE);
}

static dma_addr_t map_next(struct device *dev, char **cursor, size_t len)
{
	/* the cursor moves twice: both calls must stay */
	return dma_map_page(dev, virt_to_page((*cursor)++),
			    offset_in_page((*cursor)++), len, DMA_TO_DEVICE);
}

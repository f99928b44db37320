static void map_sources(struct device *dev, struct page **src_list,
			unsigned int *src_offs, unsigned int offset,
			size_t len, int src_cnt, dma_addr_t *addr)
{
	int i;

	for (i = 0; i < src_cnt; i++)
		addr[i] = dma_map_page(dev, src_list[i],
				       src_offs ? src_offs[i] : offset,
				       len, DMA_TO_DEVICE);
}

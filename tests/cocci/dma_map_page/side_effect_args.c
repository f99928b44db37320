static void map_many(struct device *dev, struct page **pages, int n,
		     dma_addr_t *d)
{
	int i = 0, j = 0;

	while (i < n)
		d[j++] = dma_map_page(dev, pages[i++], 0, PAGE_SIZE,
				      DMA_TO_DEVICE);
}

static void unmap_all(struct device *dev, struct frag *f, int n)
{
	int i = 0;

	while (i < n)
		dma_unmap_page(dev, f[i++].dma, PAGE_SIZE, DMA_TO_DEVICE);
}

static void unmap_fifo(struct device *dev, struct chan *c, unsigned long attrs)
{
	dma_unmap_resource(dev, c->dst, 4, DMA_BIDIRECTIONAL, 0);
	dma_unmap_resource(dev, c->src, 4, DMA_BIDIRECTIONAL, attrs);
}

static int map_fifo(struct device *dev, struct chan *c, phys_addr_t fifo)
{
	c->dst = dma_map_resource(dev, fifo, 4, DMA_BIDIRECTIONAL, 0);
	if (dma_mapping_error(dev, c->dst))
		return -ENOMEM;
	return 0;
}

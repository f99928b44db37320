static dma_addr_t map_bar(struct device *dev, struct resource *res,
			  unsigned long attrs)
{
	return dma_map_resource(dev, res->start, resource_size(res),
				DMA_BIDIRECTIONAL, attrs);
}

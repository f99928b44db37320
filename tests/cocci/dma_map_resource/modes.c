static void map_fifo_twice(struct device *dev, phys_addr_t fifo)
{
	dma_addr_t d = dma_map_resource(dev, fifo, 4, DMA_TO_DEVICE, 0);

	dma_unmap_resource(dev, d, 4, DMA_TO_DEVICE, 0);
}

static void map_unmap(struct device *dev, phys_addr_t reg)
{
	dma_addr_t d = dma_map_resource(dev, reg, 4, DMA_TO_DEVICE, 0);

	dma_unmap_resource(dev, d, 4, DMA_TO_DEVICE, 0);
}

static int map_check(struct device *dev, phys_addr_t reg, unsigned long attrs)
{
	if (dma_mapping_error(dev, dma_map_resource(dev, reg, 4, DMA_TO_DEVICE,
						    0)))
		return -EIO;
	return dma_mapping_error(dev, dma_map_resource(dev, reg, 4,
						       DMA_FROM_DEVICE, attrs));
}

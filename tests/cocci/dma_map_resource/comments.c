static dma_addr_t map_reg_commented(struct device *dev, phys_addr_t reg)
{
	return dma_map_resource(dev, reg /* FIFO register */, 4,
				DMA_TO_DEVICE, 0);
}

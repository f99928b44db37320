static dma_addr_t map_done(struct device *dev, phys_addr_t reg)
{
	return dma_map_phys(dev, reg, 4, DMA_TO_DEVICE, DMA_ATTR_MMIO);
}

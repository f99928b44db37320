static dma_addr_t map_reg(struct device *dev, phys_addr_t reg)
{
	return dma_map_resource(dev, reg, SZ_4K, DMA_TO_DEVICE,
				DMA_ATTR_SKIP_CPU_SYNC | DMA_ATTR_NO_WARN);
}

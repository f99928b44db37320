static dma_addr_t map_reg(struct device *dev, phys_addr_t reg, bool sync)
{
	return dma_map_resource(dev, reg, SZ_4K, DMA_TO_DEVICE,
				sync ? 0 : DMA_ATTR_SKIP_CPU_SYNC);
}

static dma_addr_t jz_map_phys(struct device *dev, phys_addr_t phys,
			      size_t size, enum dma_data_direction dir,
			      unsigned long attrs)
{
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		arch_sync_dma_for_device(phys, size, dir);
	return jz_alloc(phys, size);
}

static void jz_unmap_phys(struct device *dev, dma_addr_t dma_addr,
			  size_t size, enum dma_data_direction dir,
			  unsigned long attrs)
{
	jz_free(dma_addr);
}

const struct dma_map_ops jz_dma_ops = {
	.map_phys		= jz_map_phys,
	.unmap_phys		= jz_unmap_phys,
};

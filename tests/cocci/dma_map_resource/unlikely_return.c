static int map_doorbell(struct device *dev, struct ring *r, phys_addr_t db)
{
	r->db_dma = dma_map_resource(dev, db, sizeof(u32), DMA_FROM_DEVICE, 0);
	if (unlikely(dma_mapping_error(dev, r->db_dma)))
		return -ENOMEM;
	return 0;
}

static dma_addr_t map_direct(struct device *dev, phys_addr_t addr)
{
	return dma_map_resource(dev, addr, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
}

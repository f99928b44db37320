static dma_addr_t bounce_map_page(struct device *dev, struct page *page,
				  unsigned long offset, size_t size,
				  enum dma_data_direction dir,
				  unsigned long attrs)
{
	phys_addr_t map, phys = page_to_phys(page) + offset;
	dma_addr_t dev_addr = phys_to_bus(dev, phys);

	if (bus_capable(dev, dev_addr, size))
		return dev_addr;
	map = bounce_tbl_map(dev, phys, size, dir, attrs);
	return phys_to_bus(dev, map);
}

static int bounce_map_sg(struct device *dev, struct scatterlist *sgl,
			 int nelems, enum dma_data_direction dir,
			 unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nelems, i) {
		sg->dma_address = bounce_map_page(dev, sg_page(sg),
				sg->offset, sg->length, dir, attrs);
		if (sg->dma_address == DMA_MAPPING_ERROR)
			return -EIO;
	}
	return nelems;
}

const struct dma_map_ops bounce_dma_ops = {
	.map_sg = bounce_map_sg,
	.map_page = bounce_map_page,
};

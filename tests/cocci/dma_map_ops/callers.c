static dma_addr_t grant_map_page(struct device *dev, struct page *page,
				 unsigned long offset, size_t size,
				 enum dma_data_direction dir,
				 unsigned long attrs)
{
	return grant_map(dev, page_to_phys(page) + offset, size, dir);
}

static int grant_map_sg(struct device *dev, struct scatterlist *sg, int nents,
			enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i) {
		s->dma_address = grant_map_page(dev, sg_page(s), s->offset,
				s->length, dir, attrs);
		if (s->dma_address == DMA_MAPPING_ERROR)
			return -EIO;
	}
	return nents;
}

static dma_addr_t grant_map_buf(struct device *dev, void *buf, size_t len)
{
	return grant_map_page(dev, virt_to_page(buf), offset_in_page(buf),
			      len, DMA_TO_DEVICE, 0);
}

static dma_addr_t grant_map_zero(struct device *dev)
{
	return grant_map_page(dev, ZERO_PAGE(0), 0 /* start of page */,
			      PAGE_SIZE, DMA_TO_DEVICE, 0);
}

static int grant_map_check(struct device *dev, struct page *page)
{
	if (grant_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE, 0) ==
	    DMA_MAPPING_ERROR)
		return -EIO;
	return 0;
}

static const struct dma_map_ops grant_dma_ops = {
	.map_sg = grant_map_sg,
	.map_page = grant_map_page,
};

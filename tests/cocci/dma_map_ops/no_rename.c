static dma_addr_t vio_map(struct device *dev, struct page *page,
			  unsigned long offset, size_t size,
			  enum dma_data_direction dir, unsigned long attrs)
{
	return tbl_map(dev, page, offset, size, dir, attrs);
}

static const struct dma_map_ops vio_dma_ops = {
	.map_page = vio_map,
};

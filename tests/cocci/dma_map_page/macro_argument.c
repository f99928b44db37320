#define MAP_OR_FAIL(d, e)				\
	do {						\
		if (dma_mapping_error(d, e))		\
			return -ENOMEM;			\
	} while (0)

static int map_it(struct device *dev, struct page *page, size_t len)
{
	WARN_ON(!dma_map_page(dev, page, 0, len, DMA_TO_DEVICE));
	MAP_OR_FAIL(dev, dma_map_page(dev, page, 0, len, DMA_FROM_DEVICE));
	return 0;
}

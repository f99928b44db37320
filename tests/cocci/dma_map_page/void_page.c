/* A page kept in a void * (a ring's cookie) is cast for page_to_phys(). */
struct desc_cb {
	void *priv;
	dma_addr_t dma;
	unsigned int page_offset;
	unsigned int length;
};

void *cookie_of(struct desc_cb *cb);

static int map_buffer(struct device *dev, struct desc_cb *cb)
{
	cb->dma = dma_map_page(dev, cb->priv, 0,
			       cb->length, DMA_FROM_DEVICE);
	if (unlikely(dma_mapping_error(dev, cb->dma)))
		return -EIO;
	return 0;
}

static dma_addr_t map_at(struct device *dev, struct desc_cb *cb)
{
	return dma_map_page_attrs(dev, cb->priv, cb->page_offset, cb->length,
				  DMA_FROM_DEVICE, DMA_ATTR_SKIP_CPU_SYNC);
}

static dma_addr_t map_param(struct device *dev, void *page, size_t len)
{
	dma_addr_t addr = dma_map_page(dev, page, 0, len, DMA_TO_DEVICE);

	return addr;
}

static bool map_failed(struct device *dev, struct desc_cb *cb)
{
	return dma_mapping_error(dev, dma_map_page(dev, cookie_of(cb), 0,
						   PAGE_SIZE, DMA_TO_DEVICE));
}

static dma_addr_t map_cast(struct device *dev, void *obj, struct page *page)
{
	dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	return dma_map_page(dev, (struct page *)obj, 0, PAGE_SIZE,
			    DMA_TO_DEVICE);
}

/* dma_map_page() is mentioned here, in a comment, and must stay */
static dma_addr_t my_dma_map_page(struct device *dev, void *buf, size_t len)
{
	pr_debug("dma_map_page(%p)\n", buf);
	return dma_map_single(dev, buf, len, DMA_TO_DEVICE);
}

static int ops_user(struct my_ops *ops, struct device *dev, struct page *pg)
{
	return ops->dma_map_page(dev, pg, 0, PAGE_SIZE);
}

static dma_addr_t wrong_arity(struct device *dev, struct page *pg)
{
	return dma_map_page(dev, pg, PAGE_SIZE);
}

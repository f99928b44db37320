static dma_addr_t pool_map(struct page_pool *pool, struct page *page)
{
	return dma_map_page_attrs(pool->p.dev, page, 0,
				  PAGE_SIZE << pool->p.order, pool->p.dma_dir,
				  DMA_ATTR_SKIP_CPU_SYNC | DMA_ATTR_WEAK_ORDERING);
}

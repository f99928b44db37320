#define rx_map(d, p, l) dma_map_page(d, p, 0, l, DMA_FROM_DEVICE)

static dma_addr_t refill(struct device *dev, struct page *page)
{
	return rx_map(dev, page, PAGE_SIZE);
}

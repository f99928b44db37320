static int rx_refill(struct device *dev, struct rx_ring *ring, struct page *page)
{
	dma_addr_t dma;

	dma = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_FROM_DEVICE);
	if (dma_mapping_error(dev, dma))
		return -ENOMEM;
	ring->dma = dma;
	return 0;
}

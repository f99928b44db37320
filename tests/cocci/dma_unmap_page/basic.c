static void rx_free(struct device *dev, struct rx_buf *buf)
{
	dma_unmap_page(dev, buf->dma, PAGE_SIZE, DMA_FROM_DEVICE);
	__free_page(buf->page);
}

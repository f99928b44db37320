static void refill(struct device *dev, struct ring *ring, int i)
{
	ring->desc[i].info->dma_addr = dma_map_page(&ring->pdev->dev,
						    ring->buf[i].page,
						    ring->buf[i].page_offset,
						    ring->buf_len,
						    DMA_FROM_DEVICE);
}

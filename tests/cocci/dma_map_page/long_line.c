static int refill_one(struct adapter *adapter, struct rx_buffer *bi)
{
	bi->dma = dma_map_page(&adapter->pdev->dev, bi->page, bi->page_offset, adapter->rx_buf_len, DMA_FROM_DEVICE);
	return 0;
}

static void tx_clean(struct adapter *adapter, struct tx_buffer *tx_buffer)
{
	if (tx_buffer->dma)
		dma_unmap_page(&adapter->pdev->dev,
			       dma_unmap_addr(tx_buffer, dma),
			       dma_unmap_len(tx_buffer, len),
			       DMA_TO_DEVICE);
}

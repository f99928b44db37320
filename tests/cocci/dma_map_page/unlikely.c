static int map_hdr(struct device *dev, struct tx_buf *buf, struct page *page,
		   unsigned int off, unsigned int len)
{
	buf->dma = dma_map_page(dev, page, off, len, DMA_TO_DEVICE);
	if (unlikely(dma_mapping_error(dev, buf->dma)))
		return -ENOMEM;
	if (unlikely(!dma_map_page(dev, page, 0, len, DMA_TO_DEVICE)))
		return -EIO;
	return 0;
}

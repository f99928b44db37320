static int unmap_checked(struct device *dev, struct buf *b)
{
	if (unlikely(b->flags & BUF_MAPPED)) {
		dma_unmap_page(dev, b->dma, b->len, DMA_TO_DEVICE);
		b->flags &= ~BUF_MAPPED;
	}
	return 0;
}

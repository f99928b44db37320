static void unmap_other(struct device *dev, struct sg_table *sgt,
			dma_addr_t dma, size_t len)
{
	dma_unmap_single(dev, dma, len, DMA_TO_DEVICE);
	dma_unmap_sg(dev, sgt->sgl, sgt->orig_nents, DMA_TO_DEVICE);
	my_dma_unmap_page(dev, dma, len, DMA_TO_DEVICE);
}

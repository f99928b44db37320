static void map_all(struct device *dev, struct scatterlist *sg, void *buf,
		    struct page *page, unsigned int off, unsigned long attrs,
		    dma_addr_t *d)
{
	d[0] = dma_map_page_attrs(dev, sg_page(sg), sg->offset, sg->length,
				  DMA_TO_DEVICE, attrs);
	d[1] = dma_map_page_attrs(dev, virt_to_page(buf), offset_in_page(buf),
				  64, DMA_FROM_DEVICE, attrs);
	d[2] = dma_map_page_attrs(dev, page, off, 64, DMA_FROM_DEVICE, 0);
}

static void map_both(struct device *dev, struct page *page, unsigned long a,
		     dma_addr_t *d)
{
	d[0] = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	d[1] = dma_map_page_attrs(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE, a);
	d[2] = dma_map_phys(dev, page_to_phys(page), PAGE_SIZE,
			    DMA_TO_DEVICE, a);
}

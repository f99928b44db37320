static int map_two(struct device *dev, struct page *page, dma_addr_t *d)
{
	if (is_pci_p2pdma_page(page))
		return -EREMOTEIO;
	d[0] = dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
	d[1] = dma_map_page_attrs(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE,
				  DMA_ATTR_SKIP_CPU_SYNC);
	return 0;
}

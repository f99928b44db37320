static dma_addr_t map_commented(struct device *dev, struct page *page,
				unsigned int off, size_t len)
{
	/* map the payload for the device to read */
	return dma_map_page(dev /* parent device */, page, off,
			    len, /* bytes */
			    DMA_TO_DEVICE);
}

static dma_addr_t map_phys_range(struct device *dev, phys_addr_t paddr,
				 size_t len)
{
	return dma_map_page(dev, phys_to_page(paddr), offset_in_page(paddr),
			    len, DMA_TO_DEVICE);
}

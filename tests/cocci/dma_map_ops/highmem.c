static dma_addr_t hm_map_page(struct device *dev, struct page *page,
			      unsigned long offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	struct hm_iommu *iommu = dev_to_hm(dev);
	int len = PAGE_ALIGN(size + offset);
	dma_addr_t iova;

	if (!PageHighMem(page))
		hm_flush(page_address(page) + offset, size, dir);
	else
		hm_flush_highmem(page, offset, size, dir);

	iova = hm_alloc_iova(iommu, len);
	if (hm_map(iommu, iova, page_to_phys(page), len))
		return DMA_MAPPING_ERROR;
	return iova + offset;
}

static const struct dma_map_ops hm_dma_ops = {
	.map_page = hm_map_page,
};

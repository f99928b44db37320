static int map_nested(struct device *dev, struct scatterlist *sg,
		      struct bio_vec *bv, struct bio_vec bvec, void *buf,
		      phys_addr_t paddr, unsigned long pfn, struct page *page)
{
	if (dma_mapping_error(dev, dma_map_page(dev, sg_page(sg), sg->offset,
						sg->length, DMA_TO_DEVICE)))
		return -EIO;
	if (dma_mapping_error(dev, dma_map_page(dev, bv->bv_page, bv->bv_offset,
						bv->bv_len, DMA_TO_DEVICE)))
		return -EIO;
	if (dma_mapping_error(dev, dma_map_page(dev, bvec.bv_page,
						bvec.bv_offset, bvec.bv_len,
						DMA_TO_DEVICE)))
		return -EIO;
	if (dma_mapping_error(dev, dma_map_page_attrs(dev, virt_to_page(buf),
						      offset_in_page(buf), 64,
						      DMA_TO_DEVICE, 0)))
		return -EIO;
	if (dma_mapping_error(dev, dma_map_page(dev, phys_to_page(paddr),
						offset_in_page(paddr), 64,
						DMA_TO_DEVICE)))
		return -EIO;
	if (dma_mapping_error(dev, dma_map_page(dev, pfn_to_page(pfn), 0, 64,
						DMA_TO_DEVICE)))
		return -EIO;
	if (dma_mapping_error(dev, dma_map_page(dev, page, 128, 64,
						DMA_TO_DEVICE)))
		return -EIO;
	return 0;
}

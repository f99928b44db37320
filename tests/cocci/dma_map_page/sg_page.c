static int map_one_sg(struct device *dev, struct scatterlist *sg)
{
	sg->dma_address = dma_map_page(dev, sg_page(sg), sg->offset,
				       sg->length, DMA_TO_DEVICE);
	return dma_mapping_error(dev, sg->dma_address);
}

static dma_addr_t map_bvec(struct device *dev, struct bio_vec *bv,
			   enum dma_data_direction dir)
{
	return dma_map_page(dev, bv->bv_page, bv->bv_offset, bv->bv_len, dir);
}

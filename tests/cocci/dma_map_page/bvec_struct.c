static int map_request(struct device *dev, struct request *req,
		       struct cmd *cmd)
{
	struct bio_vec bv = req_bvec(req);

	cmd->dma = dma_map_page(dev, bv.bv_page, bv.bv_offset, bv.bv_len,
				rq_dma_dir(req));
	return dma_mapping_error(dev, cmd->dma);
}

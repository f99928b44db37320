// SPDX-License-Identifier: GPL-2.0
/*
 * A phys that is only POSSIBLY MMIO is never a phys-attr finding, with
 * or without DMA_ATTR_MMIO: sg_phys(sg), the phys of a bio_vec's page,
 * bvec_phys(), a phys_vec's paddr.  Whether such a mapping is right
 * depends on a P2PDMA test the code may make elsewhere (or on the caller);
 * a finding here would be a guess.
 */
#include <include_cases/physcheck_cases.h>

dma_addr_t tamn_sg(struct device *dev, struct scatterlist *sg, bool mmio);
dma_addr_t tamn_bvec_page(struct device *dev, struct bio_vec *bv);
dma_addr_t tamn_bvec_phys(struct device *dev, struct bio_vec *bv);
int tamn_phys_vec(struct device *dev, struct dma_iova_state *state,
		  struct phys_vec *vec);

dma_addr_t tamn_sg(struct device *dev, struct scatterlist *sg, bool mmio)
{
	if (mmio)
		return dma_map_phys(dev, sg_phys(sg), sg->length, DMA_TO_DEVICE, DMA_ATTR_MMIO);
	return dma_map_phys(dev, sg_phys(sg), sg->length, DMA_TO_DEVICE, 0);
}

dma_addr_t tamn_bvec_page(struct device *dev, struct bio_vec *bv)
{
	phys_addr_t phys = page_to_phys(bv->bv_page) + bv->bv_offset;

	return dma_map_phys(dev, phys, bv->bv_len, DMA_FROM_DEVICE, 0);
}

dma_addr_t tamn_bvec_phys(struct device *dev, struct bio_vec *bv)
{
	dma_addr_t plain, mmio;

	plain = dma_map_phys(dev, bvec_phys(bv), bv->bv_len, DMA_FROM_DEVICE, 0);
	mmio = dma_map_phys(dev, bvec_phys(bv), bv->bv_len, DMA_FROM_DEVICE, DMA_ATTR_MMIO);
	return plain | mmio;
}

int tamn_phys_vec(struct device *dev, struct dma_iova_state *state,
		  struct phys_vec *vec)
{
	int ret = dma_iova_link(dev, state, vec->paddr, 0, vec->len, DMA_TO_DEVICE, 0);

	if (ret)
		return ret;
	return dma_iova_link(dev, state, vec->paddr, vec->len, vec->len, DMA_TO_DEVICE, DMA_ATTR_MMIO);
}

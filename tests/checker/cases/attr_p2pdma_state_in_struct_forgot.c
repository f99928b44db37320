// SPDX-License-Identifier: GPL-2.0
/*
 * attr_p2pdma_state_in_struct.c before the fix ("block-dma: properly
 * take MMIO path", Linux 6.19): the helpers that map a segment pass
 * attrs 0, so the first segment of a P2PDMA request through the host
 * bridge, which the start function's switch proved MMIO, is mapped as
 * RAM.  The helpers' own phys is a phys_vec's paddr, only possibly MMIO:
 * no finding inside them.  Each gets the summary "parameter 3's paddr
 * must be RAM" (or, had it tested iter->p2pdma.map, "unless parameter
 * 2's p2pdma.map is PCI_P2PDMA_MAP_THRU_HOST_BRIDGE"), and the start
 * function breaks it on the host-bridge path: phys-attr at its calls.
 * The host-bridge case falls through into PCI_P2PDMA_MAP_NONE, so only
 * an analysis that keeps the two paths apart after the switch sees it;
 * joined, the paddr is "either" and says nothing.
 *
 * tests/checker/pending lists this case: it needs more than the
 * phys-attr definition's shapes (the summary over a pointed-to field).
 */
#include <include_cases/physcheck_cases.h>

struct tasf_dma_iter {
	dma_addr_t			addr;
	u32				len;
	struct pci_p2pdma_map_state	p2pdma;
	int				status;
};

bool tasf_map_start(struct device *dev, struct dma_iova_state *state,
		    struct tasf_dma_iter *iter, struct bio_vec *bv,
		    size_t total_len, bool iova);

static bool tasf_map_direct(struct device *dev, struct tasf_dma_iter *iter,
			    struct phys_vec *vec)
{
	iter->addr = dma_map_phys(dev, vec->paddr, vec->len, DMA_TO_DEVICE, 0);
	if (dma_mapping_error(dev, iter->addr)) {
		iter->status = -ENOMEM;
		return false;
	}
	iter->len = vec->len;
	return true;
}

static bool tasf_map_iova(struct device *dev, struct dma_iova_state *state,
			  struct tasf_dma_iter *iter, struct phys_vec *vec)
{
	int error;

	iter->addr = state->addr;
	iter->len = dma_iova_size(state);
	error = dma_iova_link(dev, state, vec->paddr, 0, vec->len,
			      DMA_TO_DEVICE, 0);
	if (!error)
		error = dma_iova_sync(dev, state, 0, vec->len);
	if (error) {
		dma_iova_destroy(dev, state, 0, DMA_TO_DEVICE, 0);
		iter->status = error;
		return false;
	}
	return true;
}

bool tasf_map_start(struct device *dev, struct dma_iova_state *state,
		    struct tasf_dma_iter *iter, struct bio_vec *bv,
		    size_t total_len, bool iova)
{
	struct phys_vec vec;

	iter->status = 0;
	iter->p2pdma.map = PCI_P2PDMA_MAP_NONE;
	vec.paddr = bvec_phys(bv);
	vec.len = bv->bv_len;

	switch (pci_p2pdma_state(&iter->p2pdma, dev, phys_to_page(vec.paddr))) {
	case PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:
	case PCI_P2PDMA_MAP_NONE:
		break;
	default:
		iter->status = -EREMOTEIO;
		return false;
	}

	if (iova && dma_iova_try_alloc(dev, state, vec.paddr, total_len))
		return tasf_map_iova(dev, state, iter, &vec); /* expect: phys-attr */
	return tasf_map_direct(dev, iter, &vec); /* expect: phys-attr */
}

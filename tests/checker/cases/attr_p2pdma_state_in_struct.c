// SPDX-License-Identifier: GPL-2.0
/*
 * The P2PDMA state kept in a struct and tested later, as Linux 7.3's
 * block/blk-mq-dma.c does.  The start function switches on
 * pci_p2pdma_state(&iter->p2pdma, ...) for the first segment and leaves
 * the map type in iter->p2pdma.map; the functions that map a segment
 * (this one or a later one) test `iter->p2pdma.map ==
 * PCI_P2PDMA_MAP_THRU_HOST_BRIDGE` and set attrs |= DMA_ATTR_MMIO before
 * dma_map_phys() or dma_iova_link() of the phys_vec's paddr.  That is
 * the fixed ("block-dma: properly take MMIO path") code: clean.  The
 * segments' phys comes from bvec_phys(), only possibly MMIO, so no
 * phys-attr either way here; the mutation of the real file in
 * tests/kernel/test_mutations.py is where the host-bridge path is
 * followed from the switch to the map call.
 */
#include <include_cases/physcheck_cases.h>

struct tass_dma_iter {
	dma_addr_t			addr;
	u32				len;
	struct pci_p2pdma_map_state	p2pdma;
	int				status;
	struct bio			*bio;
};

bool tass_map_start(struct device *dev, struct dma_iova_state *state,
		    struct tass_dma_iter *iter, size_t total_len);
bool tass_map_next(struct device *dev, struct tass_dma_iter *iter);

static bool tass_next_vec(struct tass_dma_iter *iter, struct phys_vec *vec)
{
	struct bio_vec *bv = &iter->bio->bi_io_vec[iter->bio->bi_iter.bi_idx];

	if (!iter->bio->bi_iter.bi_size)
		return false;
	vec->paddr = bvec_phys(bv);
	vec->len = bv->bv_len;
	iter->bio->bi_iter.bi_idx++;
	iter->bio->bi_iter.bi_size -= bv->bv_len;
	return true;
}

static bool tass_map_bus(struct tass_dma_iter *iter, struct phys_vec *vec)
{
	iter->addr = pci_p2pdma_bus_addr_map(&iter->p2pdma, vec->paddr);
	iter->len = vec->len;
	return true;
}

static bool tass_map_direct(struct device *dev, struct tass_dma_iter *iter,
			    struct phys_vec *vec)
{
	unsigned int attrs = 0;

	if (iter->p2pdma.map == PCI_P2PDMA_MAP_THRU_HOST_BRIDGE)
		attrs |= DMA_ATTR_MMIO;

	iter->addr = dma_map_phys(dev, vec->paddr, vec->len, DMA_TO_DEVICE,
				  attrs);
	if (dma_mapping_error(dev, iter->addr)) {
		iter->status = -ENOMEM;
		return false;
	}
	iter->len = vec->len;
	return true;
}

static bool tass_map_iova(struct device *dev, struct dma_iova_state *state,
			  struct tass_dma_iter *iter, struct phys_vec *vec)
{
	unsigned int attrs = 0;
	size_t mapped = 0;
	int error;

	iter->addr = state->addr;
	iter->len = dma_iova_size(state);

	if (iter->p2pdma.map == PCI_P2PDMA_MAP_THRU_HOST_BRIDGE)
		attrs |= DMA_ATTR_MMIO;

	do {
		error = dma_iova_link(dev, state, vec->paddr, mapped, vec->len,
				      DMA_TO_DEVICE, attrs);
		if (error)
			goto out_unlink;
		mapped += vec->len;
	} while (tass_next_vec(iter, vec));

	error = dma_iova_sync(dev, state, 0, mapped);
	if (error)
		goto out_unlink;
	return true;

out_unlink:
	dma_iova_destroy(dev, state, mapped, DMA_TO_DEVICE, attrs);
	iter->status = error;
	return false;
}

bool tass_map_start(struct device *dev, struct dma_iova_state *state,
		    struct tass_dma_iter *iter, size_t total_len)
{
	struct phys_vec vec;

	iter->status = 0;
	iter->p2pdma.map = PCI_P2PDMA_MAP_NONE;

	if (!tass_next_vec(iter, &vec))
		return false;

	switch (pci_p2pdma_state(&iter->p2pdma, dev, phys_to_page(vec.paddr))) {
	case PCI_P2PDMA_MAP_BUS_ADDR:
		return tass_map_bus(iter, &vec);
	case PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:
		/* like RAM below, but with DMA_ATTR_MMIO */
	case PCI_P2PDMA_MAP_NONE:
		break;
	default:
		iter->status = -EREMOTEIO;
		return false;
	}

	if (dma_iova_try_alloc(dev, state, vec.paddr, total_len))
		return tass_map_iova(dev, state, iter, &vec);
	return tass_map_direct(dev, iter, &vec);
}

bool tass_map_next(struct device *dev, struct tass_dma_iter *iter)
{
	struct phys_vec vec;

	if (!tass_next_vec(iter, &vec))
		return false;
	if (iter->p2pdma.map == PCI_P2PDMA_MAP_BUS_ADDR)
		return tass_map_bus(iter, &vec);
	return tass_map_direct(dev, iter, &vec);
}

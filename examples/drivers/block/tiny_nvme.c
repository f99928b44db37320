// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_nvme: maps the bio_vecs of a block request for an NVMe-like
 * controller.  A request may carry P2PDMA pages (a peer device's BAR),
 * so some of these pages are MMIO and must never be kmapped.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/bvec.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

#define TNVME_MAX_SEGS	16

struct tnvme_iod {
	dma_addr_t dma[TNVME_MAX_SEGS];
	unsigned int len[TNVME_MAX_SEGS];
	unsigned int nr;
	bool p2p;
};

struct tnvme_request {
	struct bio_vec *bvecs;
	unsigned int nr_bvecs;
	struct bio_vec meta;
	dma_addr_t meta_dma;
	enum dma_data_direction dir;
	struct tnvme_iod iod;
};

/* entry points for subsystem glue that is not part of this example */
int tnvme_queue_rq(struct device *dev, struct tnvme_request *rq,
		   char *bounce, u16 *tag);

/* a single-segment request skips the PRP list: map it by value */
static dma_addr_t tnvme_map_simple(struct device *dev, struct bio_vec bv,
				   enum dma_data_direction dir)
{
	/* the caller syncs the whole request once, after the doorbell */
	return dma_map_page_attrs(dev, bv.bv_page, bv.bv_offset, bv.bv_len, dir,
				  DMA_ATTR_SKIP_CPU_SYNC);
}

static int tnvme_map_data(struct device *dev, struct tnvme_request *rq)
{
	struct tnvme_iod *iod = &rq->iod;
	unsigned int i;

	for (i = 0; i < rq->nr_bvecs; i++) {
		struct bio_vec *bv = &rq->bvecs[i];
		unsigned long attrs = 0;

		/*
		 * A P2PDMA page is a peer's BAR: never in a CPU cache, so
		 * there is nothing to sync.  The page here may be MMIO.
		 */
		if (is_pci_p2pdma_page(bv->bv_page)) {
			iod->p2p = true;
			attrs |= DMA_ATTR_SKIP_CPU_SYNC;
		}
		iod->dma[i] = dma_map_page_attrs(dev, bv->bv_page, bv->bv_offset,
						 bv->bv_len, rq->dir, attrs);
		if (dma_mapping_error(dev, iod->dma[i]))
			goto unmap;
		iod->len[i] = bv->bv_len;
		iod->nr++;
	}
	return 0;

unmap:
	while (i--)
		dma_unmap_page_attrs(dev, iod->dma[i], iod->len[i], rq->dir,
				     DMA_ATTR_SKIP_CPU_SYNC);
	iod->nr = 0;
	return -EIO;
}

static int tnvme_map_meta(struct device *dev, struct tnvme_request *rq)
{
	struct bio_vec *mbv = &rq->meta;

	rq->meta_dma = dma_map_page(dev, mbv->bv_page, mbv->bv_offset,
				    mbv->bv_len, rq->dir);
	return dma_mapping_error(dev, rq->meta_dma);
}

static void tnvme_unmap_rq(struct device *dev, struct tnvme_request *rq)
{
	unsigned int i;

	for (i = 0; i < rq->iod.nr; i++)
		dma_unmap_page(dev, rq->iod.dma[i], rq->iod.len[i], rq->dir);
	dma_unmap_page(dev, rq->meta_dma, rq->meta.bv_len, rq->dir);
}

/*
 * Software guard tag over the data.  BUG: a P2P segment's bvec_phys()
 * is a peer's BAR memory, and kmap_local_pfn() has the CPU read it
 * through a kernel mapping.
 */
static u16 tnvme_guard_tag(const struct bio_vec *bv)
{
	phys_addr_t phys = bvec_phys(bv);
	u8 *p = kmap_local_pfn(PHYS_PFN(phys)); /* expect: phys-kmap */
	unsigned int off = offset_in_page(phys);
	unsigned int i;
	u16 sum = 0;

	for (i = 0; i < bv->bv_len; i++)
		sum = (sum << 1 | sum >> 15) ^ p[off + i];
	kunmap_local(p);
	return sum;
}

/* the bounce path for controllers that cannot take unaligned segments */
static int tnvme_bounce_in(struct tnvme_request *rq, char *bounce)
{
	unsigned int i;

	for (i = 0; i < rq->nr_bvecs; i++) {
		struct page *page = rq->bvecs[i].bv_page;

		/* P2P memory cannot be copied by the CPU: ask for direct DMA */
		if (is_pci_p2pdma_page(page))
			return -EREMOTEIO;
		memcpy_from_page(bounce, page, rq->bvecs[i].bv_offset,
				 rq->bvecs[i].bv_len);
		bounce += rq->bvecs[i].bv_len;
	}
	return 0;
}

int tnvme_queue_rq(struct device *dev, struct tnvme_request *rq,
		   char *bounce, u16 *tag)
{
	int ret;

	if (rq->nr_bvecs == 1) {
		rq->iod.dma[0] = tnvme_map_simple(dev, rq->bvecs[0], rq->dir);
		rq->iod.len[0] = rq->bvecs[0].bv_len;
		rq->iod.nr = 1;
		if (dma_mapping_error(dev, rq->iod.dma[0]))
			return -EIO;
	} else if (bounce) {
		ret = tnvme_bounce_in(rq, bounce);
		if (ret)
			return ret;
	} else {
		ret = tnvme_map_data(dev, rq);
		if (ret)
			return ret;
	}
	*tag = tnvme_guard_tag(&rq->bvecs[0]);
	ret = tnvme_map_meta(dev, rq);
	if (ret)
		tnvme_unmap_rq(dev, rq);
	return ret;
}
EXPORT_SYMBOL_GPL(tnvme_queue_rq);

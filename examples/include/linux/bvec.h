/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_BVEC_H
#define _LINUX_BVEC_H

#include <linux/mm.h>

struct bio_vec {
	struct page	*bv_page;
	unsigned int	bv_len;
	unsigned int	bv_offset;
};

struct bvec_iter {
	unsigned int	bi_size;
	unsigned int	bi_idx;
	unsigned int	bi_bvec_done;
};

/* like sg_phys(): a bio may carry P2PDMA pages, so this may be MMIO */
static inline phys_addr_t bvec_phys(const struct bio_vec *bvec)
{
	return page_to_phys(bvec->bv_page) + bvec->bv_offset;
}

#endif /* _LINUX_BVEC_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * A guard whose inline body folds to a constant in this configuration
 * still decides its branch: the model's `guard page_is_ram 1 true kmap`
 * holds after `if (!page_is_ram(pfn)) return;` even where page_is_ram()
 * is `return 1` (sparse tests the folded value of the body, not the
 * call's result).  A pfn that may be MMIO is then kmappable: silent.
 * Without the test: phys-kmap.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>

static inline int page_is_ram(unsigned long pfn)
{
	return 1;
}

u8 tfold_read(struct scatterlist *sg);
u8 tfold_unchecked(struct scatterlist *sg);

u8 tfold_read(struct scatterlist *sg)
{
	unsigned long pfn = PHYS_PFN(sg_phys(sg));
	const u8 *p;

	if (!page_is_ram(pfn))
		return 0;
	p = kmap_local_pfn(pfn);
	return p[0];
}

u8 tfold_unchecked(struct scatterlist *sg)
{
	const u8 *p = kmap_local_pfn(PHYS_PFN(sg_phys(sg))); /* expect: phys-kmap */

	return p[0];
}

// SPDX-License-Identifier: GPL-2.0
/*
 * PageHighMem() true proves RAM: a highmem page is in ZONE_HIGHMEM (or a
 * highmem ZONE_MOVABLE), and P2PDMA pages are in ZONE_DEVICE, never
 * highmem.  The model's own comment says so ("highmem is RAM, lowmem
 * maybe not") but only lists the false branch.  The classic split below,
 * kmap() for highmem and page_address() for lowmem, is therefore clean on
 * the kmap() side; the lowmem side is accepted by the weak false guard.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>

void *thmt_map(struct scatterlist *sg);

void *thmt_map(struct scatterlist *sg)
{
	struct page *page = sg_page(sg);

	if (PageHighMem(page))
		return kmap(page);
	return page_address(page);
}

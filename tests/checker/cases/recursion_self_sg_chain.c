// SPDX-License-Identifier: GPL-2.0
/*
 * Recursion: a helper that walks a chained scatterlist recursively and
 * zeroes each page by phys.  Its own parameter reaches kmap_local_pfn()
 * on every path, so its summary is "parameter 1 must be kmappable",
 * found by iterating the summary of a self-recursive function to a fixed
 * point.  Calling it with an sg entry's phys is phys-requires; with a
 * kmalloc buffer's phys it is clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>

void trec_clear_sg(struct scatterlist *sg);
void trec_clear_buf(void *buf, unsigned int pages);

static void trec_clear(phys_addr_t phys, unsigned int pages)
{
	void *va;

	if (!pages)
		return;
	va = kmap_local_pfn(PHYS_PFN(phys));
	memset(va, 0, PAGE_SIZE);
	kunmap_local(va);
	trec_clear(phys + PAGE_SIZE, pages - 1);
}

void trec_clear_sg(struct scatterlist *sg)
{
	trec_clear(sg_phys(sg), sg->length >> PAGE_SHIFT); /* expect: phys-requires */
}

void trec_clear_buf(void *buf, unsigned int pages)
{
	trec_clear(virt_to_phys(buf), pages);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * sg_page() is a MAYBE source (page kind): the page of a scatterlist
 * entry may be a P2PDMA page.  kmap_local_page() on it is phys-kmap.
 * (sg_virt(), which hides the same sink in an inline, is
 * inline_nested_sg_virt.c.)
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>

void tsgp_zero(struct scatterlist *sg);

void tsgp_zero(struct scatterlist *sg)
{
	struct page *page = sg_page(sg);
	char *va = kmap_local_page(page); /* expect: phys-kmap */

	memset(va + sg->offset, 0, sg->length);
	kunmap_local(va);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * __must_kmap on a parameter of a function declared but not defined in
 * this file (its body is in another translation unit): the annotation on
 * the prototype is all the checker has.  An sg page (MAYBE) passed to it
 * is phys-requires; an allocated page is clean; an unannotated parameter
 * of a caller passed through is not reported (no information).
 */
#include <physcheck.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>

void tmk_checksum_page(struct page * __must_kmap page, unsigned int len);
void tmk_callers(struct scatterlist *sg, struct page *unknown);

void tmk_callers(struct scatterlist *sg, struct page *unknown)
{
	tmk_checksum_page(sg_page(sg), sg->length); /* expect: phys-requires */
	tmk_checksum_page(alloc_page(GFP_KERNEL), PAGE_SIZE);
	tmk_checksum_page(unknown, PAGE_SIZE);
}

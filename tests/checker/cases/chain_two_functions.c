// SPDX-License-Identifier: GPL-2.0
/*
 * A chain through two functions: tch2_copy() kmaps its phys parameter,
 * so its summary is "parameter 2 must be kmappable".  The caller passing
 * an sg entry's phys gets phys-requires at its call; the caller passing
 * a kmalloc buffer's phys is clean.  Inside tch2_copy() there is no
 * warning: its parameter carries no information of its own.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>

void tch2_from_sg(struct scatterlist *sg, void *to);
void tch2_from_buf(void *buf, void *to);

static void tch2_copy(void *to, phys_addr_t phys, size_t len)
{
	char *from = kmap_local_pfn(PHYS_PFN(phys));

	memcpy(to, from + offset_in_page(phys), len);
	kunmap_local(from);
}

void tch2_from_sg(struct scatterlist *sg, void *to)
{
	tch2_copy(to, sg_phys(sg), sg->length); /* expect: phys-requires */
}

void tch2_from_buf(void *buf, void *to)
{
	tch2_copy(to, virt_to_phys(buf), 64);
}

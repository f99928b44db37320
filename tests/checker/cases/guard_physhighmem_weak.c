// SPDX-License-Identifier: GPL-2.0
/*
 * `guard PhysHighMem 1 false kmap weak`: the phys form of PageHighMem()
 * (a macro over PageHighMem(phys_to_page(phys)) in this tree, so the
 * guard reaches the phys through the page it shares an origin with).
 * swiotlb's bounce copy uses it to pick phys_to_virt(); that is accepted.
 * Without it, phys_to_virt() of a MAYBE phys is phys-kmap.
 */
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/scatterlist.h>

void tphm_bounce(struct scatterlist *sg, void *tlb, size_t len);
void tphm_bounce_blind(struct scatterlist *sg, void *tlb, size_t len);

void tphm_bounce(struct scatterlist *sg, void *tlb, size_t len)
{
	phys_addr_t orig = sg_phys(sg);

	if (PhysHighMem(orig))
		return;
	memcpy(tlb, phys_to_virt(orig), len);
}

void tphm_bounce_blind(struct scatterlist *sg, void *tlb, size_t len)
{
	memcpy(tlb, phys_to_virt(sg_phys(sg)), len); /* expect: phys-kmap */
}

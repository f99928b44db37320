// SPDX-License-Identifier: GPL-2.0
/*
 * sg_phys() is a MAYBE source: a scatterlist entry may point at a P2PDMA
 * page (a peer's BAR).  Mapping it through the linear map or kmap is
 * phys-kmap.  sg_phys() is an inline around page_to_phys(sg_page(sg)):
 * the checker must know it by name, not by what its body computes.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>

u32 tsg_first_word(struct scatterlist *sg);
void tsg_poke(struct scatterlist *sg, u8 val);

u32 tsg_first_word(struct scatterlist *sg)
{
	const u32 *va = phys_to_virt(sg_phys(sg)); /* expect: phys-kmap */

	return va[0];
}

void tsg_poke(struct scatterlist *sg, u8 val)
{
	phys_addr_t phys = sg_phys(sg);
	u8 *va = kmap_local_pfn(PHYS_PFN(phys)); /* expect: phys-kmap */

	va[offset_in_page(phys)] = val;
	kunmap_local(va);
}

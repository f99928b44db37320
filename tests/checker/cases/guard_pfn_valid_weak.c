// SPDX-License-Identifier: GPL-2.0
/*
 * `guard pfn_valid 1 true kmap weak`: code that kmaps a pfn only when
 * pfn_valid() is accepted, with a note that the guard is weak (P2PDMA
 * pages have valid pfns too).  So the guarded kmap is silent, and the
 * unguarded one on the other branch is phys-kmap.
 */
#include <include_cases/physcheck_cases.h>

u8 tpv_peek(dma_addr_t dma, struct device *dev);

u8 tpv_peek(dma_addr_t dma, struct device *dev)
{
	unsigned long pfn = PHYS_PFN(dma_to_phys(dev, dma));
	u8 *va;
	u8 c;

	if (pfn_valid(pfn)) {
		va = kmap_local_pfn(pfn);
	} else {
		va = kmap_local_pfn(pfn); /* expect: phys-kmap */
	}
	c = va[0];
	kunmap_local(va);
	return c;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * `noproof pfn_valid 1`: pfn_valid() is no guard.  P2PDMA ZONE_DEVICE
 * pages and no-map reserved memory have valid pfns (the Xen swiotlb
 * report; af0c3f058662 fixed dma_map_resource() for the same mistake).
 * So the kmap pfn_valid() "guards" is phys-kmap, with a note saying
 * pfn_valid() does not tell RAM from MMIO; the one on the other branch
 * is phys-kmap too, without that note (nothing took pfn_valid() for a
 * guard there).
 */
#include <include_cases/physcheck_cases.h>

u8 tpv_peek(dma_addr_t dma, struct device *dev);

u8 tpv_peek(dma_addr_t dma, struct device *dev)
{
	unsigned long pfn = PHYS_PFN(dma_to_phys(dev, dma));
	u8 *va;
	u8 c;

	if (pfn_valid(pfn)) {
		va = kmap_local_pfn(pfn); /* expect: phys-kmap */ /* note: pfn_valid() does not tell */
	} else {
		va = kmap_local_pfn(pfn); /* expect: phys-kmap */ /* no note: pfn_valid() */
	}
	c = va[0];
	kunmap_local(va);
	return c;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * `guard page_is_ram 1 true kmap`: a pfn the memory map calls System RAM
 * is kmappable, strongly.  The false branch proves nothing (could be a
 * hole or a BAR), so a kmap there stays phys-kmap.  /dev/mem style.
 */
#include <include_cases/physcheck_cases.h>

int tram_read(struct iommu_domain *dom, dma_addr_t iova, u8 *out);

int tram_read(struct iommu_domain *dom, dma_addr_t iova, u8 *out)
{
	phys_addr_t phys = iommu_iova_to_phys(dom, iova);
	unsigned long pfn = PHYS_PFN(phys);
	u8 *va;

	if (!page_is_ram(pfn)) {
		va = kmap_local_pfn(pfn); /* expect: phys-kmap */
		*out = va[offset_in_page(phys)];
		kunmap_local(va);
		return -EFAULT;
	}
	va = kmap_local_pfn(pfn);
	*out = va[offset_in_page(phys)];
	kunmap_local(va);
	return 0;
}

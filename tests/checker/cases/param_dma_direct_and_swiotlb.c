// SPDX-License-Identifier: GPL-2.0
/*
 * `param dma_direct_map_page 2 maybe page attrs=6` and `param
 * dma_direct_map_phys 2 maybe phys attrs=5`: the definitions in
 * kernel/dma/ get a MAYBE value they must refine before a cacheable
 * access.  Each has one unguarded sync (phys-kmap) and one guarded by the
 * DMA_ATTR_MMIO flag or is_pci_p2pdma_page() (clean).  swiotlb_map() is a
 * sink for its callers (sink_swiotlb_map.c); its own body, given no
 * information about paddr, stays silent.
 */
#include <include_cases/physcheck_cases.h>

dma_addr_t dma_direct_map_page(struct device *dev, struct page *page,
			       unsigned long offset, size_t size,
			       enum dma_data_direction dir, unsigned long attrs)
{
	phys_addr_t phys = page_to_phys(page) + offset;

	if (attrs & DMA_ATTR_WEAK_ORDERING)
		arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
	if (is_pci_p2pdma_page(page))
		return phys_to_dma(dev, phys);
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		arch_sync_dma_for_device(phys, size, dir);
	return phys_to_dma(dev, phys);
}

dma_addr_t dma_direct_map_phys(struct device *dev, phys_addr_t phys,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs)
{
	if (attrs & DMA_ATTR_WEAK_ORDERING)
		arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
	if (attrs & DMA_ATTR_MMIO)
		return phys_to_dma(dev, phys);
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		arch_sync_dma_for_device(phys, size, dir);
	return phys_to_dma(dev, phys);
}

dma_addr_t swiotlb_map(struct device *dev, phys_addr_t paddr, size_t size,
		       enum dma_data_direction dir, unsigned long attrs)
{
	phys_addr_t swiotlb_addr;

	if (attrs & DMA_ATTR_MMIO)
		return DMA_MAPPING_ERROR;
	/* the bounce copy reads paddr through the linear map: RAM here */
	swiotlb_addr = swiotlb_tbl_map_single(dev, paddr, size, 0, dir, attrs);
	if (swiotlb_addr == (phys_addr_t)DMA_MAPPING_ERROR)
		return DMA_MAPPING_ERROR;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		arch_sync_dma_for_device(swiotlb_addr, size, dir);
	return phys_to_dma(dev, swiotlb_addr);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * dma_to_phys() and iommu_iova_to_phys() are MAYBE sources: a DMA address
 * or IOVA may have been mapped from RAM or from a BAR (dma_map_resource,
 * P2PDMA).  Syncing or reading what they give back through a cacheable
 * mapping is phys-kmap.
 */
#include <include_cases/physcheck_cases.h>

void tiova_sync_for_cpu(struct device *dev, dma_addr_t dma, size_t size);
u32 tiova_peek(struct iommu_domain *dom, dma_addr_t iova);

void tiova_sync_for_cpu(struct device *dev, dma_addr_t dma, size_t size)
{
	phys_addr_t paddr = dma_to_phys(dev, dma);

	arch_sync_dma_for_cpu(paddr, size, DMA_FROM_DEVICE); /* expect: phys-kmap */
}

u32 tiova_peek(struct iommu_domain *dom, dma_addr_t iova)
{
	phys_addr_t phys = iommu_iova_to_phys(dom, iova);
	u32 *va;

	if (!phys)
		return 0;
	va = phys_to_virt(phys); /* expect: phys-kmap */
	return *va;
}

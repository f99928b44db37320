// SPDX-License-Identifier: GPL-2.0
/*
 * `guard pfn_is_map_memory 1 true kmap`: arm64's test for memory in the
 * linear map.  A cache sync under it is clean; the else branch, where the
 * pfn is not linear-mapped memory, must not touch it cacheable: a
 * phys_to_virt() there is phys-kmap (a MAYBE value, nothing proven).
 */
#include <include_cases/physcheck_cases.h>

void tmm_sync(struct device *dev, dma_addr_t dma, size_t size);

void tmm_sync(struct device *dev, dma_addr_t dma, size_t size)
{
	phys_addr_t phys = dma_to_phys(dev, dma);

	if (pfn_is_map_memory(__phys_to_pfn(phys)))
		arch_sync_dma_for_cpu(phys, size, DMA_FROM_DEVICE);
	else
		*(u8 *)phys_to_virt(phys) = 0; /* expect: phys-kmap */
}

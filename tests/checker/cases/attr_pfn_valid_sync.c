// SPDX-License-Identifier: GPL-2.0
/*
 * pfn_valid() proves nothing about RAM: a P2PDMA page (ZONE_DEVICE) has
 * a valid pfn and a struct page, and so does memory the firmware marked
 * no-map, which the linear map does not cover.  Cache maintenance of a
 * phys that may be MMIO, "guarded" by pfn_valid(), is still phys-kmap:
 * arch_sync_dma_for_device() of a DMA address turned back into a phys
 * (dma_to_phys()), and of an sg entry's phys, each behind
 * pfn_valid(PHYS_PFN(phys)).  The same without the test is phys-kmap
 * today already; a kmalloc buffer behind the test is clean.
 */
#include <include_cases/physcheck_cases.h>

void tapv_sync_dma(struct device *dev, dma_addr_t dma, size_t size,
		   enum dma_data_direction dir);
void tapv_sync_sg(struct scatterlist *sg, enum dma_data_direction dir);
void tapv_sync_sg_unguarded(struct scatterlist *sg, enum dma_data_direction dir);
void tapv_sync_buf(void *buf, size_t size, enum dma_data_direction dir);

void tapv_sync_dma(struct device *dev, dma_addr_t dma, size_t size,
		   enum dma_data_direction dir)
{
	phys_addr_t phys = dma_to_phys(dev, dma);

	if (pfn_valid(PHYS_PFN(phys)))
		arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
}

void tapv_sync_sg(struct scatterlist *sg, enum dma_data_direction dir)
{
	phys_addr_t phys = sg_phys(sg);

	if (pfn_valid(PHYS_PFN(phys)))
		arch_sync_dma_for_device(phys, sg->length, dir); /* expect: phys-kmap */
}

void tapv_sync_sg_unguarded(struct scatterlist *sg, enum dma_data_direction dir)
{
	arch_sync_dma_for_device(sg_phys(sg), sg->length, dir); /* expect: phys-kmap */
}

void tapv_sync_buf(void *buf, size_t size, enum dma_data_direction dir)
{
	phys_addr_t phys = virt_to_phys(buf);

	if (pfn_valid(PHYS_PFN(phys)))
		arch_sync_dma_for_device(phys, size, dir);
}

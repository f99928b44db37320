// SPDX-License-Identifier: GPL-2.0
/*
 * `assert dma_map_resource 2 mmio`: whoever passes a phys to
 * dma_map_resource() states it is MMIO (the API exists for BARs).  The
 * parameter below carries no information until that call; afterwards
 * kmapping the same phys is phys-mmio.  Before the call it is not.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/dma-mapping.h>

dma_addr_t tres_map_and_peek(struct device *dev, phys_addr_t phys, u32 *out);

dma_addr_t tres_map_and_peek(struct device *dev, phys_addr_t phys, u32 *out)
{
	dma_addr_t dma = dma_map_resource(dev, phys, PAGE_SIZE, DMA_FROM_DEVICE, 0);
	u32 *va;

	if (dma_mapping_error(dev, dma))
		return dma;
	va = kmap_local_pfn(PHYS_PFN(phys)); /* expect: phys-mmio */
	*out = va[0];
	kunmap_local(va);
	return dma;
}

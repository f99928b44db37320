// SPDX-License-Identifier: GPL-2.0
/*
 * `assert dma_map_phys 2 mmio if 5 DMA_ATTR_MMIO`: a caller that maps a
 * phys with DMA_ATTR_MMIO states it is MMIO, so touching it through the
 * linear map afterwards is phys-mmio.  Without the flag nothing is
 * stated: the unannotated parameter stays without information, so the
 * second function's phys_to_virt() is silent (it only gives the function
 * the summary "parameter 2 must be kmappable").
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>

dma_addr_t tattr_map_bar(struct device *dev, phys_addr_t phys, u8 *first);
dma_addr_t tattr_map_ram(struct device *dev, phys_addr_t phys, u8 *first);

dma_addr_t tattr_map_bar(struct device *dev, phys_addr_t phys, u8 *first)
{
	dma_addr_t dma = dma_map_phys(dev, phys, PAGE_SIZE, DMA_TO_DEVICE,
				      DMA_ATTR_MMIO | DMA_ATTR_SKIP_CPU_SYNC);

	*first = *(u8 *)phys_to_virt(phys); /* expect: phys-mmio */
	return dma;
}

dma_addr_t tattr_map_ram(struct device *dev, phys_addr_t phys, u8 *first)
{
	dma_addr_t dma = dma_map_phys(dev, phys, PAGE_SIZE, DMA_TO_DEVICE, 0);

	*first = *(u8 *)phys_to_virt(phys);
	return dma;
}

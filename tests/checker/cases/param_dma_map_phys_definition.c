// SPDX-License-Identifier: GPL-2.0
/*
 * `param dma_map_phys 2 maybe phys attrs=5`: inside the definition of
 * dma_map_phys() (kernel/dma/mapping.c), the phys may be RAM or MMIO and
 * attrs (argument 5) says which.  A cache sync with no DMA_ATTR_MMIO test
 * is phys-kmap; the same sync under !(attrs & DMA_ATTR_MMIO) is fine.
 * The sync sits in the definition's two branches, direct and bounced.
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

extern bool tdma_bounce;
dma_addr_t tdma_bounce_map(struct device *dev, phys_addr_t phys, size_t size);

dma_addr_t dma_map_phys(struct device *dev, phys_addr_t phys, size_t size,
			enum dma_data_direction dir, unsigned long attrs)
{
	if (tdma_bounce) {
		/* BUG: forgot that MMIO is never cached */
		if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
			arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
		return tdma_bounce_map(dev, phys, size);
	}
	if (!(attrs & (DMA_ATTR_SKIP_CPU_SYNC | DMA_ATTR_MMIO)))
		arch_sync_dma_for_device(phys, size, dir);
	return (dma_addr_t)phys;
}

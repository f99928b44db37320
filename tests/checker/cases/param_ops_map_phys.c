// SPDX-License-Identifier: GPL-2.0
/*
 * `param dma_map_ops.map_phys 2 maybe phys attrs=5` with both polarities
 * of `flag DMA_ATTR_MMIO`: in a .map_phys implementation, the phys is
 * MAYBE; where (attrs & DMA_ATTR_MMIO) is true it is MMIO, where it is
 * false it is KMAP.  So a sync under the flag is phys-mmio, a sync in the
 * else branch is clean, and a sync before any test is phys-kmap.
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

static dma_addr_t tmph_map_phys(struct device *dev, phys_addr_t phys,
				size_t size, enum dma_data_direction dir,
				unsigned long attrs)
{
	(void)dev;
	if (dir == DMA_BIDIRECTIONAL)
		arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
	if (attrs & DMA_ATTR_MMIO)
		arch_sync_dma_for_device(phys, size, dir); /* expect: phys-mmio */
	else
		arch_sync_dma_for_device(phys, size, dir);
	return phys;
}

extern const struct dma_map_ops tmph_dma_ops;

const struct dma_map_ops tmph_dma_ops = {
	.map_phys	= tmph_map_phys,
};

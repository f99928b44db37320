// SPDX-License-Identifier: GPL-2.0
/*
 * A switch on the DMA direction in a .map_phys implementation: the
 * direction says nothing about MMIO, so every case that syncs without a
 * DMA_ATTR_MMIO test is phys-kmap, and the case that tests the flag
 * first is clean.  Fallthrough and default are both covered.
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

static dma_addr_t tsd_map_phys(struct device *dev, phys_addr_t phys,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs)
{
	(void)dev;
	switch (dir) {
	case DMA_TO_DEVICE:
		arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
		break;
	case DMA_BIDIRECTIONAL:
		if (attrs & DMA_ATTR_MMIO)
			break;
		arch_sync_dma_for_device(phys, size, dir);
		/* fall through */
	case DMA_FROM_DEVICE:
		arch_sync_dma_for_cpu(phys, size, dir); /* expect: phys-kmap */
		break;
	default:
		return DMA_MAPPING_ERROR;
	}
	return phys;
}

extern const struct dma_map_ops tsd_dma_ops;

const struct dma_map_ops tsd_dma_ops = {
	.map_phys	= tsd_map_phys,
};

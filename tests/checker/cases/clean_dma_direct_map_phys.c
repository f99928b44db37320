// SPDX-License-Identifier: GPL-2.0
/*
 * Clean: a dma-direct style .map_phys that does everything right.  MMIO
 * is mapped without a CPU sync and never bounced; RAM that the device
 * cannot reach is bounced through swiotlb (whose copy kmaps it) and
 * synced.  Every sink is behind a DMA_ATTR_MMIO test.  No warning.
 */
#include <include_cases/physcheck_cases.h>

bool tdd_capable(struct device *dev, dma_addr_t dma, size_t size);

static dma_addr_t tdd_map_phys(struct device *dev, phys_addr_t phys,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs)
{
	dma_addr_t dma;

	if (attrs & DMA_ATTR_MMIO) {
		dma = phys_to_dma(dev, phys);
		if (!tdd_capable(dev, dma, size))
			return DMA_MAPPING_ERROR;
		return dma;
	}

	dma = phys_to_dma(dev, phys);
	if (!tdd_capable(dev, dma, size)) {
		phys = swiotlb_tbl_map_single(dev, phys, size, 0, dir, attrs);
		if (phys == (phys_addr_t)DMA_MAPPING_ERROR)
			return DMA_MAPPING_ERROR;
		dma = phys_to_dma(dev, phys);
	}
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		arch_sync_dma_for_device(phys, size, dir);
	return dma;
}

extern const struct dma_map_ops tdd_ops;

const struct dma_map_ops tdd_ops = {
	.map_phys	= tdd_map_phys,
};

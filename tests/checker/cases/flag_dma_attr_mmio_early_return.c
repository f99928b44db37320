// SPDX-License-Identifier: GPL-2.0
/*
 * `flag DMA_ATTR_MMIO false kmap`, through an early return: in a
 * dma_map_ops.map_phys implementation, returning early when attrs has
 * DMA_ATTR_MMIO leaves only RAM, so the cache sync after it is clean.
 * The flag tested through a local copy of attrs works the same way.
 * Testing an unrelated flag proves nothing: phys-kmap.
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

static dma_addr_t tfl_map_phys(struct device *dev, phys_addr_t phys,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs)
{
	(void)dev;
	if (attrs & DMA_ATTR_MMIO)
		return phys;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		arch_sync_dma_for_device(phys, size, dir);
	return phys;
}

static dma_addr_t tfl_map_phys_copy(struct device *dev, phys_addr_t phys,
				    size_t size, enum dma_data_direction dir,
				    unsigned long attrs)
{
	unsigned long flags = attrs;

	(void)dev;
	if (flags & DMA_ATTR_MMIO)
		return phys;
	arch_sync_dma_for_device(phys, size, dir);
	return phys;
}

static dma_addr_t tfl_map_phys_wrong(struct device *dev, phys_addr_t phys,
				     size_t size, enum dma_data_direction dir,
				     unsigned long attrs)
{
	(void)dev;
	if (attrs & DMA_ATTR_SKIP_CPU_SYNC)
		return phys;
	arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
	return phys;
}

extern const struct dma_map_ops tfl_dma_ops, tfl_copy_dma_ops, tfl_wrong_dma_ops;

const struct dma_map_ops tfl_dma_ops = {
	.map_phys	= tfl_map_phys,
};

const struct dma_map_ops tfl_copy_dma_ops = {
	.map_phys	= tfl_map_phys_copy,
};

const struct dma_map_ops tfl_wrong_dma_ops = {
	.map_phys	= tfl_map_phys_wrong,
};

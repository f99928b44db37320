// SPDX-License-Identifier: GPL-2.0
/*
 * `attrs & (DMA_ATTR_MMIO | DMA_ATTR_SKIP_CPU_SYNC)`, a mask of two flags
 * (7.3's dma-direct tests DMA_ATTR_MMIO | DMA_ATTR_REQUIRE_COHERENT so):
 * zero proves DMA_ATTR_MMIO clear, RAM; nonzero proves only that one of
 * the two is set, so the phys may still be RAM or MMIO: phys-kmap, never
 * phys-mmio.  A mask of the flag alone, nonzero, proves MMIO.
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

dma_addr_t swiotlb_map(struct device *dev, phys_addr_t phys, size_t size,
		       enum dma_data_direction dir, unsigned long attrs);

static dma_addr_t tfm_map_phys(struct device *dev, phys_addr_t phys,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs)
{
	if (attrs & (DMA_ATTR_MMIO | DMA_ATTR_SKIP_CPU_SYNC))
		return DMA_MAPPING_ERROR;
	return swiotlb_map(dev, phys, size, dir, attrs);
}

static dma_addr_t tfm_map_phys_inverted(struct device *dev, phys_addr_t phys,
					size_t size, enum dma_data_direction dir,
					unsigned long attrs)
{
	if (!(attrs & (DMA_ATTR_MMIO | DMA_ATTR_SKIP_CPU_SYNC)))
		return DMA_MAPPING_ERROR;
	return swiotlb_map(dev, phys, size, dir, attrs);	/* expect: phys-kmap */
}

static dma_addr_t tfm_map_phys_mmio_only(struct device *dev, phys_addr_t phys,
					 size_t size, enum dma_data_direction dir,
					 unsigned long attrs)
{
	if (!(attrs & DMA_ATTR_MMIO))
		return DMA_MAPPING_ERROR;
	return swiotlb_map(dev, phys, size, dir, attrs);	/* expect: phys-mmio */
}

static const struct dma_map_ops tfm_ops = {
	.map_phys = tfm_map_phys,
};

static const struct dma_map_ops tfm_ops_inverted = {
	.map_phys = tfm_map_phys_inverted,
};

static const struct dma_map_ops tfm_ops_mmio_only = {
	.map_phys = tfm_map_phys_mmio_only,
};

const struct dma_map_ops *tfm_all[] = { &tfm_ops, &tfm_ops_inverted, &tfm_ops_mmio_only };

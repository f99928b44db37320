// SPDX-License-Identifier: GPL-2.0
/*
 * Calling through a struct dma_map_ops table (get_dma_ops(dev)->map_phys)
 * is an indirect call: no summary, no phys-requires, even though the
 * table in this file holds an implementation that kmaps its phys.  That
 * implementation is itself checked (its phys is MAYBE as a .map_phys
 * member) and its unguarded sync is phys-kmap.  Nothing else is reported.
 */
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

static dma_addr_t tdisp_map_phys(struct device *dev, phys_addr_t phys,
				 size_t size, enum dma_data_direction dir,
				 unsigned long attrs)
{
	(void)dev;
	(void)attrs;
	arch_sync_dma_for_device(phys, size, dir); /* expect: phys-kmap */
	return phys;
}

extern const struct dma_map_ops tdisp_ops;

const struct dma_map_ops tdisp_ops = {
	.map_phys	= tdisp_map_phys,
};

dma_addr_t tdisp_map_sg_entry(struct device *dev, struct scatterlist *sg);

dma_addr_t tdisp_map_sg_entry(struct device *dev, struct scatterlist *sg)
{
	const struct dma_map_ops *ops = get_dma_ops(dev);

	if (ops && ops->map_phys)
		return ops->map_phys(dev, sg_phys(sg), sg->length,
				     DMA_TO_DEVICE, 0);
	return tdisp_ops.map_phys(dev, sg_phys(sg), sg->length,
				  DMA_TO_DEVICE, 0);
}

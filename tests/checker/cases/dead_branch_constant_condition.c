// SPDX-License-Identifier: GPL-2.0
/*
 * Dead code is not checked.  On x86, dev_is_dma_coherent() is an inline
 * `return true`, so `if (!dev_is_dma_coherent(dev)) arch_sync_...()` can
 * never run there: silent.  The same sync on a branch that can run, and a
 * condition folded to true, keep their finding.
 */
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

static inline bool tdead_coherent(struct device *dev)
{
	return true;
}

void tdead_sync(struct device *dev, struct scatterlist *sg, int dir);

void tdead_sync(struct device *dev, struct scatterlist *sg, int dir)
{
	if (!tdead_coherent(dev))
		arch_sync_dma_for_device(sg_phys(sg), sg->length, dir);
	if (tdead_coherent(dev))
		arch_sync_dma_for_device(sg_phys(sg), sg->length, dir); /* expect: phys-kmap */
	if (dir)
		arch_sync_dma_for_cpu(sg_phys(sg), sg->length, dir); /* expect: phys-kmap */
}

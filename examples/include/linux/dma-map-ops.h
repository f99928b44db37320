/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For DMA API implementations only.  The cache maintenance helpers take
 * a phys and reach it through the linear map, so it must be RAM.
 */
#ifndef _LINUX_DMA_MAP_OPS_H
#define _LINUX_DMA_MAP_OPS_H

#include <linux/dma-mapping.h>

void arch_sync_dma_for_device(phys_addr_t paddr, size_t size,
			      enum dma_data_direction dir);
void arch_sync_dma_for_cpu(phys_addr_t paddr, size_t size,
			   enum dma_data_direction dir);

#endif /* _LINUX_DMA_MAP_OPS_H */

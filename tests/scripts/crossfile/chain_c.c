// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/dma-mapping.h>

void chain_d(phys_addr_t p);
void chain_c(phys_addr_t p, unsigned long attrs);

/* needs RAM unless its attrs carry DMA_ATTR_MMIO */
void chain_c(phys_addr_t p, unsigned long attrs)
{
	if (!(attrs & DMA_ATTR_MMIO))
		chain_d(p);
}

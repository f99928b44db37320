// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/dma-mapping.h>

void chain_c(phys_addr_t p, unsigned long attrs);
void chain_b(phys_addr_t p);
void chain_b_mmio(phys_addr_t p);

/* attrs 0: chain_c()'s condition does not lift its requirement */
void chain_b(phys_addr_t p)
{
	chain_c(p, 0);
}

/* DMA_ATTR_MMIO: it does, so nothing is required of p here */
void chain_b_mmio(phys_addr_t p)
{
	chain_c(p, DMA_ATTR_MMIO);
}

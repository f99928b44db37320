// SPDX-License-Identifier: GPL-2.0
/*
 * A guard as either operand of &&: in `if (!is_pci_p2pdma_page(page) &&
 * x)` and `if (x && !is_pci_p2pdma_page(page))` the body runs only when
 * the page is not P2PDMA, so the kmap inside is clean in both orders.
 * This is how kernel/dma/ and drivers write it (the guard next to a
 * DMA_ATTR_SKIP_CPU_SYNC test).  A plain || lets MMIO through: phys-kmap.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

void tand_wback(const void *va, size_t len);
void tand_sync(struct scatterlist *sg, unsigned long attrs);

void tand_sync(struct scatterlist *sg, unsigned long attrs)
{
	struct page *page = sg_page(sg);

	if (!is_pci_p2pdma_page(page) && !(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		tand_wback(kmap_local_page(page), sg->length);
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC) && !is_pci_p2pdma_page(page))
		tand_wback(kmap_local_page(page), sg->length);
	if (!is_pci_p2pdma_page(page) || (attrs & DMA_ATTR_SKIP_CPU_SYNC))
		tand_wback(kmap_local_page(page), sg->length); /* expect: phys-kmap */
}

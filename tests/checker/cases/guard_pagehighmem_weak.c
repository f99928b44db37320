// SPDX-License-Identifier: GPL-2.0
/*
 * `guard PageHighMem 1 false kmap weak`: code that refuses highmem pages
 * before page_address() is accepted (a heuristic the notes call weak,
 * not a warning).  The IOMMU write-back below is that shape, inside a
 * .map_page implementation whose page starts MAYBE.  Without the test
 * the same write-back is phys-kmap.
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>

void thm_wback(const void *va, size_t size);

static dma_addr_t thm_map_page(struct device *dev, struct page *page,
			       unsigned long offset, size_t size,
			       enum dma_data_direction dir, unsigned long attrs)
{
	(void)dev;
	(void)attrs;
	if (dir == DMA_NONE)
		thm_wback(page_address(page) + offset, size); /* expect: phys-kmap */
	if (PageHighMem(page))
		return DMA_MAPPING_ERROR;
	thm_wback(page_address(page) + offset, size);
	return page_to_phys(page) + offset;
}

extern const struct dma_map_ops thm_dma_ops;

const struct dma_map_ops thm_dma_ops = {
	.map_page	= thm_map_page,
};

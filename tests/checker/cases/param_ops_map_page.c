// SPDX-License-Identifier: GPL-2.0
/*
 * `param dma_map_ops.map_page 2 maybe page attrs=6`: any function stored
 * in the .map_page member of a struct dma_map_ops gets a MAYBE page,
 * whatever it is called.  This one flushes with page_address() without a
 * P2PDMA check: phys-kmap.  The same body not assigned to an ops member
 * is an ordinary function whose parameter carries no information.
 */
#include <linux/mm.h>
#include <linux/dma-mapping.h>

void tops_wback(const void *va, size_t size);

static dma_addr_t tops_map_page(struct device *dev, struct page *page,
				unsigned long offset, size_t size,
				enum dma_data_direction dir, unsigned long attrs)
{
	(void)dev;
	(void)dir;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		tops_wback(page_address(page) + offset, size); /* expect: phys-kmap */
	return page_to_phys(page) + offset;
}

/* same body, not an ops implementation: no information about page */
dma_addr_t tops_helper_map_page(struct device *dev, struct page *page,
				unsigned long offset, size_t size,
				enum dma_data_direction dir, unsigned long attrs);

dma_addr_t tops_helper_map_page(struct device *dev, struct page *page,
				unsigned long offset, size_t size,
				enum dma_data_direction dir, unsigned long attrs)
{
	(void)dev;
	(void)dir;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		tops_wback(page_address(page) + offset, size);
	return page_to_phys(page) + offset;
}

extern const struct dma_map_ops tops_dma_ops;

const struct dma_map_ops tops_dma_ops = {
	.map_page	= tops_map_page,
};

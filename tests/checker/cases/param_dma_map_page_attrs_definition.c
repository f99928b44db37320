// SPDX-License-Identifier: GPL-2.0
/*
 * `param dma_map_page_attrs 2 maybe page attrs=6`: inside the definition
 * of dma_map_page_attrs() the page may be a P2PDMA page.  Flushing it
 * through kmap_local_page() is phys-kmap; after the early return for
 * is_pci_p2pdma_page() it is RAM and the same flush is clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

void tflush_dcache(const void *va, size_t size);

dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page,
			      size_t offset, size_t size,
			      enum dma_data_direction dir, unsigned long attrs)
{
	char *va;

	(void)dev;
	(void)dir;
	if (attrs & DMA_ATTR_WEAK_ORDERING) {
		va = kmap_local_page(page); /* expect: phys-kmap */
		tflush_dcache(va + offset, size);
		kunmap_local(va);
	}
	if (is_pci_p2pdma_page(page))
		return page_to_phys(page) + offset;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC)) {
		va = kmap_local_page(page);
		tflush_dcache(va + offset, size);
		kunmap_local(va);
	}
	return page_to_phys(page) + offset;
}

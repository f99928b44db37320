// SPDX-License-Identifier: GPL-2.0
/*
 * Clean: a bounce path that only ever kmaps its own kmalloc'd and
 * page-allocator memory: virt_to_phys() of a kmalloc buffer, and the
 * pages of an order-2 alloc_pages() (the second one by pointer
 * arithmetic).  The data from the sg
 * list is copied with DMA, never with the CPU.  No warning.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>
#include <linux/dma-mapping.h>

int tkb_prepare(struct device *dev, struct scatterlist *sg, unsigned int len);

int tkb_prepare(struct device *dev, struct scatterlist *sg, unsigned int len)
{
	void *bounce = kmalloc(len, GFP_KERNEL);
	struct page *pages = alloc_pages(GFP_KERNEL, 2);
	phys_addr_t phys;
	char *va;

	if (!bounce || !pages)
		return -ENOMEM;
	phys = virt_to_phys(bounce);
	va = kmap_local_pfn(PHYS_PFN(phys));
	memset(va + offset_in_page(phys), 0, len);
	kunmap_local(va);
	memzero_page(pages, 0, PAGE_SIZE);
	memzero_page(pages + 1, 0, PAGE_SIZE);
	sg_dma_address(sg) = dma_map_page(dev, sg_page(sg), sg->offset,
					  sg->length, DMA_TO_DEVICE);
	return dma_mapping_error(dev, sg_dma_address(sg));
}

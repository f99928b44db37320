// SPDX-License-Identifier: GPL-2.0
/*
 * phys-attr the other way round: RAM mapped with DMA_ATTR_MMIO.  The
 * DMA API then skips the cache maintenance RAM needs on a non-coherent
 * machine (and swiotlb, and the kmsan/debug checks), so the device and
 * the CPU disagree about the buffer.  A kmalloc buffer's virt_to_phys()
 * and page_to_phys(alloc_page()) are proven RAM: with DMA_ATTR_MMIO,
 * alone or among other flags, a finding on the call's line; without it,
 * clean.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/dma-mapping.h>

dma_addr_t tarm_kmalloc_mmio(struct device *dev, size_t len);
dma_addr_t tarm_page_mmio(struct device *dev);
dma_addr_t tarm_kmalloc_plain(struct device *dev, size_t len);
dma_addr_t tarm_page_plain(struct device *dev);

dma_addr_t tarm_kmalloc_mmio(struct device *dev, size_t len)
{
	void *buf = kmalloc(len, GFP_KERNEL);

	if (!buf)
		return DMA_MAPPING_ERROR;
	return dma_map_phys(dev, virt_to_phys(buf), len, DMA_TO_DEVICE, DMA_ATTR_MMIO); /* expect: phys-attr */
}

dma_addr_t tarm_page_mmio(struct device *dev)
{
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long attrs = DMA_ATTR_SKIP_CPU_SYNC | DMA_ATTR_MMIO;

	if (!page)
		return DMA_MAPPING_ERROR;
	return dma_map_phys(dev, page_to_phys(page), PAGE_SIZE, DMA_FROM_DEVICE, attrs); /* expect: phys-attr */
}

dma_addr_t tarm_kmalloc_plain(struct device *dev, size_t len)
{
	void *buf = kmalloc(len, GFP_KERNEL);

	if (!buf)
		return DMA_MAPPING_ERROR;
	return dma_map_phys(dev, virt_to_phys(buf), len, DMA_TO_DEVICE, 0);
}

dma_addr_t tarm_page_plain(struct device *dev)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return DMA_MAPPING_ERROR;
	return dma_map_phys(dev, page_to_phys(page), PAGE_SIZE, DMA_FROM_DEVICE,
			    DMA_ATTR_SKIP_CPU_SYNC);
}

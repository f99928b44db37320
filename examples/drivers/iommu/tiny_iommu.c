// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_iommu: dma_map_ops for a simple IOMMU in front of non-coherent
 * devices.  Every mapping gets an IOVA; RAM is written back from the
 * CPU cache first.  MMIO is never cached, so it must never be flushed
 * through a CPU mapping: that would create a cacheable alias of it.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

#define TIOMMU_PROT_READ	0x1
#define TIOMMU_PROT_WRITE	0x2
#define TIOMMU_PROT_MMIO	0x4

struct tiommu_domain {
	dma_addr_t next_iova;
	dma_addr_t limit;
};

/* installed by platform glue that is not part of this example */
extern const struct dma_map_ops tiommu_dma_ops;
extern const struct dma_map_ops tiommu_passthrough_ops;

/* the page-table side of the IOMMU, outside this example */
int tiommu_pgtable_map(struct tiommu_domain *dom, dma_addr_t iova,
		       phys_addr_t phys, size_t size, int prot);
void tiommu_pgtable_unmap(struct tiommu_domain *dom, dma_addr_t iova,
			  size_t size);
void tiommu_cache_wback(const void *va, size_t size);

static struct tiommu_domain *tiommu_dom(struct device *dev)
{
	return dev->iommu;
}

static int tiommu_prot(enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		return TIOMMU_PROT_READ;
	case DMA_FROM_DEVICE:
		return TIOMMU_PROT_WRITE;
	default:
		return TIOMMU_PROT_READ | TIOMMU_PROT_WRITE;
	}
}

/* a bump allocator is enough here: the example never runs out */
static dma_addr_t tiommu_iova_map(struct tiommu_domain *dom, phys_addr_t phys,
				  size_t size, int prot)
{
	dma_addr_t iova = dom->next_iova;
	size_t len = PAGE_ALIGN(offset_in_page(phys) + size);

	if (iova + len > dom->limit)
		return DMA_MAPPING_ERROR;
	if (tiommu_pgtable_map(dom, iova, phys & PAGE_MASK, len, prot))
		return DMA_MAPPING_ERROR;
	dom->next_iova += len;
	return iova + offset_in_page(phys);
}

static dma_addr_t tiommu_map_page(struct device *dev, struct page *page,
				  unsigned long offset, size_t size,
				  enum dma_data_direction dir,
				  unsigned long attrs)
{
	phys_addr_t phys = page_to_phys(page) + offset;

	/* the write-back below needs a permanent mapping, which highmem lacks */
	if (PageHighMem(page))
		return DMA_MAPPING_ERROR;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC) && dir != DMA_FROM_DEVICE)
		tiommu_cache_wback(page_address(page) + offset, size);
	return tiommu_iova_map(tiommu_dom(dev), phys, size, tiommu_prot(dir));
}

static void tiommu_unmap_page(struct device *dev, dma_addr_t dma_handle,
			      size_t size, enum dma_data_direction dir,
			      unsigned long attrs)
{
	(void)dir;
	(void)attrs;
	tiommu_pgtable_unmap(tiommu_dom(dev), dma_handle & PAGE_MASK,
			     PAGE_ALIGN(offset_in_page(dma_handle) + size));
}

/* BAR memory: map it uncached, and never touch it from the CPU */
static dma_addr_t tiommu_map_resource(struct device *dev, phys_addr_t phys_addr,
				      size_t size, enum dma_data_direction dir,
				      unsigned long attrs)
{
	(void)attrs;
	return tiommu_iova_map(tiommu_dom(dev), phys_addr, size,
			       tiommu_prot(dir) | TIOMMU_PROT_MMIO);
}

static int tiommu_map_sg(struct device *dev, struct scatterlist *sgl,
			 int nents, enum dma_data_direction dir,
			 unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		struct page *page = sg_page(sg);
		int prot = tiommu_prot(dir);
		void *va;

		/* a P2P page is a peer's BAR: nothing is cached, nothing to flush */
		if (is_pci_p2pdma_page(page)) {
			prot |= TIOMMU_PROT_MMIO;
			goto map;
		}
		if (attrs & DMA_ATTR_SKIP_CPU_SYNC)
			goto map;
		va = kmap_local_page(page);
		tiommu_cache_wback(va + sg->offset, sg->length);
		kunmap_local(va);
map:
		sg_dma_address(sg) = tiommu_iova_map(tiommu_dom(dev),
						     page_to_phys(page) + sg->offset,
						     sg->length, prot);
		if (sg_dma_address(sg) == DMA_MAPPING_ERROR)
			return -ENOMEM;
		sg_dma_len(sg) = sg->length;
	}
	return nents;
}

/*
 * Passthrough mode for trusted devices: the bus address is the phys, so
 * only the cache needs handling.  This path already takes a phys.
 */
static dma_addr_t tiommu_pt_map_phys(struct device *dev, phys_addr_t phys,
				     size_t size, enum dma_data_direction dir,
				     unsigned long attrs)
{
	(void)dev;
	/* MMIO is never cached, and a CPU write-back would alias it cacheable */
	if (attrs & DMA_ATTR_MMIO)
		return phys;
	if (!(attrs & DMA_ATTR_SKIP_CPU_SYNC))
		arch_sync_dma_for_device(phys, size, dir);
	return phys;
}

const struct dma_map_ops tiommu_dma_ops = {
	.map_page	= tiommu_map_page,
	.unmap_page	= tiommu_unmap_page,
	.map_sg		= tiommu_map_sg,
	.map_resource	= tiommu_map_resource,
	.unmap_resource	= tiommu_unmap_page,
};
EXPORT_SYMBOL_GPL(tiommu_dma_ops);

const struct dma_map_ops tiommu_passthrough_ops = {
	.map_phys	= tiommu_pt_map_phys,
};
EXPORT_SYMBOL_GPL(tiommu_passthrough_ops);

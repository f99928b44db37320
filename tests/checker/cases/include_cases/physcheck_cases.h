/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations the checker cases need and the example tree lacks: the
 * rest of the kernel functions that model/kernel.model names.  Their
 * prototypes follow the kernel's; where the kernel has an inline or a
 * macro whose shape does not matter to a case, an out-of-line
 * declaration stands for it, so that the model line itself is what the
 * checker must apply (an unknown function would tell it nothing).
 */
#ifndef _PHYSCHECK_CASES_H
#define _PHYSCHECK_CASES_H

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/bvec.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>
#include <linux/dma-map-ops.h>

/*
 * Read a byte through an address: a use that can fault.  The checker
 * reports an address sink (phys_to_virt, kmap_local_page ...) only when
 * the address it computed is used; the cases say so explicitly.
 */
#define touch(addr)	((void)*(volatile const char *)(addr))

/* mm: more page allocator and vmalloc entry points */
struct folio;
struct page *__alloc_pages(gfp_t gfp, unsigned int order, int preferred_nid,
			   void *nodemask);
struct page *alloc_pages_node(int nid, gfp_t gfp_mask, unsigned int order);
struct page *folio_page(struct folio *folio, unsigned long n);
struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);
struct page *kmap_to_page(void *addr);
void *vmalloc(unsigned long size);

/* the kernel image: __pa_symbol() is out of line with CONFIG_DEBUG_VIRTUAL */
unsigned long __pa_symbol(const volatile void *x);

/* out-of-line conversions, as an architecture without SPARSEMEM_VMEMMAP has */
unsigned long __phys_to_pfn(phys_addr_t phys);
phys_addr_t __pfn_to_phys(unsigned long pfn);
struct page *nth_page(struct page *page, unsigned long n);
struct page *compound_head(const struct page *page);
struct folio *page_folio(const struct page *page);

/* memory-map queries */
int pfn_valid(unsigned long pfn);
int page_is_ram(unsigned long pfn);
int pfn_is_map_memory(unsigned long pfn);

/* sinks that are not in the example headers */
static inline void *kmap_atomic_pfn(unsigned long pfn)
{
	return kmap_atomic(pfn_to_page(pfn));
}

static inline void *pfn_to_kaddr(unsigned long pfn)
{
	return __va(pfn << PAGE_SHIFT);
}

/* PCI and P2PDMA: BAR memory */
typedef u64 pci_bus_addr_t;
pci_bus_addr_t pci_bus_address(struct pci_dev *pdev, int bar);
pci_bus_addr_t pci_p2pmem_virt_to_bus(struct pci_dev *pdev, void *addr);

/* the block layer: a bio's pages may be P2PDMA pages */
struct bio {
	struct bio_vec		*bi_io_vec;
	struct bvec_iter	bi_iter;
	unsigned short		bi_vcnt;
};

static inline struct page *bio_page(struct bio *bio)
{
	return bio->bi_io_vec[bio->bi_iter.bi_idx].bv_page;
}

/* DMA internals: whatever an IOVA or a DMA address points at */
phys_addr_t dma_to_phys(struct device *dev, dma_addr_t dma_addr);
struct iommu_domain;
phys_addr_t iommu_iova_to_phys(struct iommu_domain *domain, dma_addr_t iova);
phys_addr_t pfn_to_phys(unsigned long pfn);

/* swiotlb: the bounce buffer copy reaches the original through the linear map */
phys_addr_t swiotlb_tbl_map_single(struct device *hwdev, phys_addr_t phys,
				   size_t mapping_size,
				   unsigned int alloc_aligned_mask,
				   enum dma_data_direction dir,
				   unsigned long attrs);
dma_addr_t swiotlb_map(struct device *dev, phys_addr_t phys, size_t size,
		       enum dma_data_direction dir, unsigned long attrs);
dma_addr_t dma_direct_map_page(struct device *dev, struct page *page,
			       unsigned long offset, size_t size,
			       enum dma_data_direction dir, unsigned long attrs);
dma_addr_t dma_direct_map_phys(struct device *dev, phys_addr_t phys,
			       size_t size, enum dma_data_direction dir,
			       unsigned long attrs);
dma_addr_t phys_to_dma(struct device *dev, phys_addr_t paddr);

#endif /* _PHYSCHECK_CASES_H */

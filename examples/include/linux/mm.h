/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small model of the x86_64 memory map: SPARSEMEM_VMEMMAP (struct pages
 * in one virtual array indexed by pfn) and a direct map at PAGE_OFFSET.
 * The conversions are macros and inlines as in the kernel, so a checker
 * sees the same expanded code it would see in a real build.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/gfp.h>

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_HIGHMEM,
	ZONE_MOVABLE,
	ZONE_DEVICE,
	__MAX_NR_ZONES
};

#define ZONES_PGSHIFT		56
#define ZONES_MASK		0x7UL

/* what a ZONE_DEVICE page stands for; P2PDMA pages are PCI BAR memory */
enum memory_type {
	MEMORY_DEVICE_PRIVATE = 1,
	MEMORY_DEVICE_COHERENT,
	MEMORY_DEVICE_FS_DAX,
	MEMORY_DEVICE_GENERIC,
	MEMORY_DEVICE_PCI_P2PDMA,
};

struct dev_pagemap {
	enum memory_type type;
	u64 pci_p2pdma_bus_offset;
	void *owner;
};

struct page {
	unsigned long flags;
	union {
		struct {
			void *mapping;
			unsigned long index;
			unsigned long private;
		};
		struct {
			/* ZONE_DEVICE pages */
			struct dev_pagemap *pgmap;
			void *zone_device_data;
		};
	};
	int _refcount;
};

/* x86: the struct page array lives at a fixed virtual address */
extern struct page *vmemmap_base;
#define vmemmap			vmemmap_base

#define __pfn_to_page(pfn)	(vmemmap + (pfn))
#define __page_to_pfn(page)	(unsigned long)((page) - vmemmap)
#define pfn_to_page		__pfn_to_page
#define page_to_pfn		__page_to_pfn

#define PFN_PHYS(x)		((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_DOWN(x)		((x) >> PAGE_SHIFT)
#define PFN_UP(x)		(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)

#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))
#define phys_to_page(phys)	pfn_to_page(PHYS_PFN(phys))

/* the direct map: valid only for RAM, never for MMIO */
/* as x86_64 with KASLR: the direct map's base is a variable */
extern unsigned long page_offset_base;
#define __PAGE_OFFSET		page_offset_base
#define PAGE_OFFSET		((unsigned long)__PAGE_OFFSET)
#define __pa(x)			((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)			((void *)((unsigned long)(x) + PAGE_OFFSET))

static inline phys_addr_t virt_to_phys(volatile void *address)
{
	return __pa(address);
}

static inline void *phys_to_virt(phys_addr_t address)
{
	return __va(address);
}

#define virt_to_pfn(kaddr)	PHYS_PFN(__pa(kaddr))
#define virt_to_page(kaddr)	pfn_to_page(virt_to_pfn(kaddr))
#define virt_addr_valid(kaddr)	((unsigned long)(kaddr) >= PAGE_OFFSET)

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline bool PageHighMem(const struct page *page)
{
	return page_zonenum(page) == ZONE_HIGHMEM;
}

#define PhysHighMem(phys)	PageHighMem(phys_to_page(phys))

static inline bool is_zone_device_page(const struct page *page)
{
	return page_zonenum(page) == ZONE_DEVICE;
}

static inline struct dev_pagemap *page_pgmap(const struct page *page)
{
	return page->pgmap;
}

static inline void *lowmem_page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

#define page_address(page)	lowmem_page_address(page)

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);

#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __free_page(page)	__free_pages((page), 0)
#define __get_free_page(gfp)	__get_free_pages((gfp), 0)
#define free_page(addr)		free_pages((addr), 0)

void get_page(struct page *page);
void put_page(struct page *page);

#endif /* _LINUX_MM_H */

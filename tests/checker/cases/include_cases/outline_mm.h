/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page/pfn/phys conversions as real calls.  linux/mm.h in the example
 * tree has them as x86's SPARSEMEM_VMEMMAP macros, which leave no name
 * behind after preprocessing; architectures and configurations that make
 * them functions (and a HIGHMEM build, whose page_address() is out of
 * line in mm/highmem.c) leave the call, and then the model's convert and
 * sink lines by these names are what the checker has to apply.
 */
#ifndef _OUTLINE_MM_H
#define _OUTLINE_MM_H

#include <linux/mm.h>
#include <linux/highmem.h>

#undef page_to_phys
#undef page_to_pfn
#undef pfn_to_page
#undef phys_to_page
#undef PHYS_PFN
#undef PFN_PHYS
#undef page_address

phys_addr_t page_to_phys(const struct page *page);
unsigned long page_to_pfn(const struct page *page);
struct page *pfn_to_page(unsigned long pfn);
struct page *phys_to_page(phys_addr_t phys);
unsigned long PHYS_PFN(phys_addr_t phys);
phys_addr_t PFN_PHYS(unsigned long pfn);
void *page_address(const struct page *page);

#endif /* _OUTLINE_MM_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * The x86 macro shapes carry provenance through plain arithmetic:
 * page_to_phys() is `(page - vmemmap) << PAGE_SHIFT`, PHYS_PFN() a shift,
 * an offset is an add, a page mask an and.  A MAYBE page from sg_page()
 * stays MAYBE through all of them (phys-kmap at each sink), and a
 * page from alloc_page() stays KMAP (silent).
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include "include_cases/physcheck_cases.h"

void tarith_maybe(struct scatterlist *sg);
void tarith_kmap(void);

void tarith_maybe(struct scatterlist *sg)
{
	phys_addr_t phys = page_to_phys(sg_page(sg)) + sg->offset;
	phys_addr_t base = phys & PAGE_MASK;
	unsigned long pfn = phys >> PAGE_SHIFT;

	touch(phys_to_virt(base)); /* expect: phys-kmap */
	touch(kmap_local_pfn(pfn + 1)); /* expect: phys-kmap */
	touch(kmap_local_page(pfn_to_page(PFN_DOWN(phys)))); /* expect: phys-kmap */
	touch(phys_to_virt((phys_addr_t)(u32)phys)); /* expect: phys-kmap */
}

void tarith_kmap(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	phys_addr_t phys = page_to_phys(page) + 0x10;

	touch(phys_to_virt(phys & PAGE_MASK));
	touch(kmap_local_pfn((phys >> PAGE_SHIFT) + 1));
	touch(kmap_local_page(pfn_to_page(PFN_DOWN(phys))));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Requirements on page and pfn parameters, not only phys: a helper that
 * kmaps a struct page * and one that kmaps a pfn.  Passing a P2PDMA-able
 * bio page or a BAR pfn is phys-requires; passing an allocated page or a
 * vmalloc pfn is clean.  The requirement follows the value through the
 * caller's conversion (page_to_pfn) to the helper's kind.
 */
#include <include_cases/physcheck_cases.h>

void tchp(struct bio *bio, struct pci_dev *pdev, void *vbuf);

static void tchp_zero_page(struct page *page)
{
	memzero_page(page, 0, PAGE_SIZE);
}

static void tchp_zero_pfn(unsigned long pfn)
{
	void *va = kmap_local_pfn(pfn);

	memset(va, 0, PAGE_SIZE);
	kunmap_local(va);
}

void tchp(struct bio *bio, struct pci_dev *pdev, void *vbuf)
{
	tchp_zero_page(bio_page(bio)); /* expect: phys-requires */
	tchp_zero_pfn(page_to_pfn(bio_page(bio))); /* expect: phys-requires */
	tchp_zero_pfn(PHYS_PFN(pci_resource_start(pdev, 0))); /* expect: phys-requires */
	tchp_zero_page(alloc_page(GFP_KERNEL));
	tchp_zero_pfn(vmalloc_to_pfn(vbuf));
}

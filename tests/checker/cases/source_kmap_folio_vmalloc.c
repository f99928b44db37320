// SPDX-License-Identifier: GPL-2.0
/*
 * folio_page(), vmalloc_to_page(), vmalloc_to_pfn() and kmap_to_page()
 * are KMAP sources: a folio of the page cache, and the pages behind a
 * vmalloc or kmap address, are RAM.  Each is joined with a BAR so that
 * recognition shows as phys-kmap (MAYBE) instead of phys-mmio.
 */
#include <include_cases/physcheck_cases.h>

void tvm_joins(struct pci_dev *pdev, struct folio *folio, void *vaddr,
	       void *kaddr, bool bar);
void tvm_clean(struct folio *folio, void *vaddr, void *kaddr);

void tvm_joins(struct pci_dev *pdev, struct folio *folio, void *vaddr,
	       void *kaddr, bool bar)
{
	unsigned long bar_pfn = PHYS_PFN(pci_resource_start(pdev, 0));
	struct page *bar_page = pfn_to_page(bar_pfn);

	touch(kmap_local_page(bar ? bar_page : folio_page(folio, 0))); /* expect: phys-kmap */
	touch(kmap_local_page(bar ? bar_page : vmalloc_to_page(vaddr))); /* expect: phys-kmap */
	touch(kmap_local_pfn(bar ? bar_pfn : vmalloc_to_pfn(vaddr))); /* expect: phys-kmap */
	touch(kmap_local_page(bar ? bar_page : kmap_to_page(kaddr))); /* expect: phys-kmap */
}

void tvm_clean(struct folio *folio, void *vaddr, void *kaddr)
{
	memzero_page(folio_page(folio, 1), 0, PAGE_SIZE);
	memzero_page(vmalloc_to_page(vaddr), 0, PAGE_SIZE);
	touch(kmap_local_pfn(vmalloc_to_pfn(vaddr)));
	touch(kmap_local_page(kmap_to_page(kaddr)));
}

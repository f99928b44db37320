// SPDX-License-Identifier: GPL-2.0
/*
 * pfn_to_page() and page_to_pfn() as x86's SPARSEMEM_VMEMMAP macros:
 * `vmemmap_base + pfn` and `page - vmemmap_base`, where vmemmap_base is a
 * global loaded at run time.  The load of vmemmap_base is not a source of
 * anything, so the pfn's provenance is what the page carries: a BAR pfn
 * gives an MMIO page (phys-mmio), and a round trip back to a pfn keeps
 * it (phys-mmio).  A vmalloc pfn's page is clean.
 */
#include <include_cases/physcheck_cases.h>

void tvmemmap(struct pci_dev *pdev, void *vbuf);

void tvmemmap(struct pci_dev *pdev, void *vbuf)
{
	unsigned long bar_pfn = PHYS_PFN(pci_resource_start(pdev, 0));
	struct page *bar_page = pfn_to_page(bar_pfn);
	struct page *ram_page = pfn_to_page(vmalloc_to_pfn(vbuf));

	touch(kmap_local_page(bar_page)); /* expect: phys-mmio */
	touch(kmap_local_pfn(page_to_pfn(bar_page))); /* expect: phys-mmio */
	touch(kmap_local_page(ram_page));
	touch(kmap_local_pfn(page_to_pfn(ram_page)));
}

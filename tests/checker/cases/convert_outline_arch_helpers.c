// SPDX-License-Identifier: GPL-2.0
/*
 * The convert lines __phys_to_pfn, __pfn_to_phys (arm's names), nth_page,
 * compound_head and page_folio, by name: declared out of line in
 * include_cases/physcheck_cases.h, so only the model carries provenance
 * through them.  MMIO in, MMIO out: phys-mmio at each sink.
 */
#include <include_cases/physcheck_cases.h>

struct folio {
	struct page page;
};

void tarch_conversions(struct pci_dev *pdev);

void tarch_conversions(struct pci_dev *pdev)
{
	phys_addr_t bar = pci_resource_start(pdev, 2);
	unsigned long pfn = __phys_to_pfn(bar);
	struct page *page = pfn_to_page(pfn);

	touch(kmap_local_pfn(pfn)); /* expect: phys-mmio */
	touch(phys_to_virt(__pfn_to_phys(pfn))); /* expect: phys-mmio */
	touch(kmap_local_page(nth_page(page, 3))); /* expect: phys-mmio */
	touch(kmap_local_page(compound_head(page))); /* expect: phys-mmio */
	touch(kmap_local_page(&page_folio(page)->page)); /* expect: phys-mmio */
}

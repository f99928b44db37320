// SPDX-License-Identifier: GPL-2.0
/*
 * The convert lines page_to_phys, page_to_pfn, pfn_to_page, phys_to_page,
 * PHYS_PFN and PFN_PHYS, by name: with include_cases/outline_mm.h they
 * are out-of-line calls, so provenance passes through them only because
 * the model says so (an unknown function's result carries nothing).  A
 * BAR run through each conversion stays MMIO: phys-mmio at every sink.
 */
#include <linux/pci.h>
#include <include_cases/outline_mm.h>
#include "include_cases/physcheck_cases.h"

void tout_conversions(struct pci_dev *pdev);

void tout_conversions(struct pci_dev *pdev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);
	unsigned long pfn = PHYS_PFN(bar);
	struct page *page = pfn_to_page(pfn);

	touch(kmap_local_pfn(pfn)); /* expect: phys-mmio */
	touch(kmap_local_page(page)); /* expect: phys-mmio */
	touch(phys_to_virt(PFN_PHYS(pfn))); /* expect: phys-mmio */
	touch(phys_to_virt(page_to_phys(page))); /* expect: phys-mmio */
	touch(kmap_local_pfn(page_to_pfn(page))); /* expect: phys-mmio */
	touch(kmap_local_page(phys_to_page(bar))); /* expect: phys-mmio */
}

// SPDX-License-Identifier: GPL-2.0
/*
 * An inline sink as the last statement of a void function.  memzero_page()
 * is a static inline; sparse leaves an inlined-call marker after its body
 * wherever it is called, including right before the function's return.
 * The BAR page below must be phys-mmio in both functions: with and
 * without a statement after the call.  And the helper whose only
 * statement is the sink gets the summary "page must be kmappable", so a
 * BAR page passed to it is phys-requires.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>

void tlast_only(struct pci_dev *pdev);
void tlast_then_store(struct pci_dev *pdev);
void tlast_caller(struct pci_dev *pdev);

void tlast_only(struct pci_dev *pdev)
{
	memzero_page(pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0))), 0, 64); /* expect: phys-mmio */
}

void tlast_then_store(struct pci_dev *pdev)
{
	memzero_page(pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0))), 0, 64); /* expect: phys-mmio */
	pdev->devfn = 0;
}

static void tlast_zero(struct page *page)
{
	memzero_page(page, 0, PAGE_SIZE);
}

void tlast_caller(struct pci_dev *pdev)
{
	tlast_zero(pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 2)))); /* expect: phys-requires */
}

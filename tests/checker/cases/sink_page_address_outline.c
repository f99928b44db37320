// SPDX-License-Identifier: GPL-2.0
/*
 * Sink page_address() by name: in a HIGHMEM build it is an out-of-line
 * function of mm/highmem.c, not the macro of this tree, so only the
 * model's sink line makes it one (include_cases/outline_mm.h).
 */
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <include_cases/outline_mm.h>

void tpao(struct pci_dev *pdev, struct scatterlist *sg);

void tpao(struct pci_dev *pdev, struct scatterlist *sg)
{
	u8 *a = page_address(sg_page(sg)); /* expect: phys-kmap */
	u8 *b = page_address(pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0)))); /* expect: phys-mmio */
	u8 *c = page_address(alloc_page(GFP_KERNEL));

	*a = *b = *c;
}

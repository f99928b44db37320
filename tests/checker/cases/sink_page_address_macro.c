// SPDX-License-Identifier: GPL-2.0
/*
 * Sinks page_address() and lowmem_page_address() (argument 1, a page).
 * In this !HIGHMEM tree page_address() is a macro over the inline
 * lowmem_page_address(), so both spellings reach the same sink and each
 * is reported once, at the call written.  P2P-capable sg page:
 * phys-kmap; BAR page: phys-mmio; allocated page: clean.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

void tpaddr(struct pci_dev *pdev, struct scatterlist *sg);

void tpaddr(struct pci_dev *pdev, struct scatterlist *sg)
{
	struct page *bar = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0)));
	struct page *ram = alloc_page(GFP_KERNEL);
	u8 *a = page_address(sg_page(sg)); /* expect: phys-kmap */
	u8 *b = lowmem_page_address(sg_page(sg)); /* expect: phys-kmap */
	u8 *c = page_address(bar); /* expect: phys-mmio */
	u8 *d = lowmem_page_address(bar); /* expect: phys-mmio */
	u8 *e = page_address(ram);

	*a = *b = *c = *d = *e;
}

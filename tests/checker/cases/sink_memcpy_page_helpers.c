// SPDX-License-Identifier: GPL-2.0
/*
 * Sinks memcpy_from_page() (argument 2, the page), memcpy_to_page() and
 * memzero_page() (argument 1): each kmaps the page.  An sg page:
 * phys-kmap; a BAR page: phys-mmio; an allocated page: clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

void tmcpy(struct pci_dev *pdev, struct scatterlist *sg, char *buf);

void tmcpy(struct pci_dev *pdev, struct scatterlist *sg, char *buf)
{
	struct page *maybe = sg_page(sg);
	struct page *bar = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0)));
	struct page *ram = alloc_page(GFP_KERNEL);

	memcpy_from_page(buf, maybe, 0, 16); /* expect: phys-kmap */
	memcpy_from_page(buf, bar, 0, 16); /* expect: phys-mmio */
	memcpy_from_page(buf, ram, 0, 16);
	memcpy_to_page(maybe, 0, buf, 16); /* expect: phys-kmap */
	memcpy_to_page(bar, 0, buf, 16); /* expect: phys-mmio */
	memcpy_to_page(ram, 0, buf, 16);
	memzero_page(maybe, 0, 16); /* expect: phys-kmap */
	memzero_page(bar, 0, 16); /* expect: phys-mmio */
	memzero_page(ram, 0, 16);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Sinks kmap_local_page(), kmap() and kmap_atomic() (argument 1, a page):
 * each gives a cacheable mapping.  An sg page: phys-kmap; a BAR page:
 * phys-mmio; an allocated page: clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

void tkfam(struct pci_dev *pdev, struct scatterlist *sg);

void tkfam(struct pci_dev *pdev, struct scatterlist *sg)
{
	struct page *maybe = sg_page(sg);
	struct page *bar = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0)));
	struct page *ram = alloc_page(GFP_KERNEL);

	kunmap_local(kmap_local_page(maybe)); /* expect: phys-kmap */
	kunmap_local(kmap_local_page(bar)); /* expect: phys-mmio */
	kunmap_local(kmap_local_page(ram));
	kmap(maybe); /* expect: phys-kmap */
	kmap(bar); /* expect: phys-mmio */
	kmap(ram);
	kunmap_atomic(kmap_atomic(maybe)); /* expect: phys-kmap */
	kunmap_atomic(kmap_atomic(bar)); /* expect: phys-mmio */
	kunmap_atomic(kmap_atomic(ram));
}

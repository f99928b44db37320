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
#include "include_cases/physcheck_cases.h"

void tkfam(struct pci_dev *pdev, struct scatterlist *sg);

void tkfam(struct pci_dev *pdev, struct scatterlist *sg)
{
	struct page *maybe = sg_page(sg);
	struct page *bar = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0)));
	struct page *ram = alloc_page(GFP_KERNEL);

	touch(kmap_local_page(maybe)); /* expect: phys-kmap */
	touch(kmap_local_page(bar)); /* expect: phys-mmio */
	touch(kmap_local_page(ram));
	touch(kmap(maybe)); /* expect: phys-kmap */
	touch(kmap(bar)); /* expect: phys-mmio */
	touch(kmap(ram));
	touch(kmap_atomic(maybe)); /* expect: phys-kmap */
	touch(kmap_atomic(bar)); /* expect: phys-mmio */
	touch(kmap_atomic(ram));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Sinks kmap_local_pfn() and kmap_atomic_pfn() (argument 1, a pfn): a BAR
 * pfn is phys-mmio, an sg entry's pfn is phys-kmap, a page allocator pfn
 * is clean.  Both are inlines over kmap_local_page()/kmap_atomic(); the
 * finding is reported once, at the call the code wrote.
 */
#include <include_cases/physcheck_cases.h>

void tkpfn(struct pci_dev *pdev, struct scatterlist *sg);

void tkpfn(struct pci_dev *pdev, struct scatterlist *sg)
{
	unsigned long bar = PHYS_PFN(pci_resource_start(pdev, 0));
	unsigned long maybe = PHYS_PFN(sg_phys(sg));
	unsigned long ram = page_to_pfn(alloc_page(GFP_KERNEL));

	touch(kmap_local_pfn(bar)); /* expect: phys-mmio */
	touch(kmap_local_pfn(maybe)); /* expect: phys-kmap */
	touch(kmap_local_pfn(ram));
	touch(kmap_atomic_pfn(bar)); /* expect: phys-mmio */
	touch(kmap_atomic_pfn(maybe)); /* expect: phys-kmap */
	touch(kmap_atomic_pfn(ram));
}

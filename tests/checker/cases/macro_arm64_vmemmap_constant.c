// SPDX-License-Identifier: GPL-2.0
/*
 * arm64's vmemmap shape: a constant address adjusted by a global,
 * `(struct page *)VMEMMAP_START - (memstart_addr >> PAGE_SHIFT)`, rather
 * than x86's vmemmap_base load.  The pfn added to it keeps its provenance
 * through this arithmetic: a BAR reaching kmap_local_page() through the
 * arm64 pfn_to_page() is phys-mmio, also with a page offset added after.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

extern s64 memstart_addr;
#define TARM_VMEMMAP_START	0xfffffc0000000000UL
#define tarm_vmemmap	((struct page *)TARM_VMEMMAP_START - (memstart_addr >> PAGE_SHIFT))
#define tarm_pfn_to_page(pfn)	(tarm_vmemmap + (pfn))

void tarm(struct pci_dev *pdev);

void tarm(struct pci_dev *pdev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	touch(kmap_local_page(tarm_pfn_to_page(PHYS_PFN(bar)))); /* expect: phys-mmio */
	touch(kmap_local_page(tarm_pfn_to_page(bar >> PAGE_SHIFT) + 1)); /* expect: phys-mmio */
}

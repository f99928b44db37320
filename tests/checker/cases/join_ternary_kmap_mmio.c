// SPDX-License-Identifier: GPL-2.0
/*
 * A join through ?: (a select, or a phi, depending on how the compiler
 * lowers it): page allocator page or BAR page gives MAYBE, phys-kmap.
 * Two BAR pages joined stay MMIO: phys-mmio.  Two allocated pages stay
 * KMAP: clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

void tsel(struct pci_dev *pdev, bool a, bool b);

void tsel(struct pci_dev *pdev, bool a, bool b)
{
	struct page *ram = alloc_page(GFP_KERNEL);
	struct page *ram2 = alloc_page(GFP_KERNEL);
	struct page *bar0 = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0)));
	struct page *bar2 = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 2)));

	touch(kmap_local_page(a ? ram : bar0)); /* expect: phys-kmap */
	touch(kmap_local_page(b ? bar2 : bar0)); /* expect: phys-mmio */
	touch(kmap_local_page(a ? ram : ram2));
}

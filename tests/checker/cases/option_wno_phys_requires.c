// SPDX-License-Identifier: GPL-2.0
// args: -Wno-phys-requires
/*
 * -Wno-phys-requires turns off the call-site check against summaries and
 * annotations: passing a BAR to a helper that kmaps it is silent.  The
 * sink checks are untouched: the direct kmap of the same BAR in the
 * caller is still phys-mmio.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

void twr(struct pci_dev *pdev);

static void twr_zero(unsigned long pfn)
{
	touch(kmap_local_pfn(pfn));
}

void twr(struct pci_dev *pdev)
{
	unsigned long pfn = PHYS_PFN(pci_resource_start(pdev, 0));

	twr_zero(pfn);
	touch(kmap_local_pfn(pfn)); /* expect: phys-mmio */
}

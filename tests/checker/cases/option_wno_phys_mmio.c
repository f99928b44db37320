// SPDX-License-Identifier: GPL-2.0
// args: -Wno-phys-mmio
/*
 * -Wno-phys-mmio turns off the proven-MMIO check only: the BAR reaching
 * kmap_local_pfn() is silent, the sg pfn is still phys-kmap.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include "include_cases/physcheck_cases.h"

void twm(struct pci_dev *pdev, struct scatterlist *sg);

void twm(struct pci_dev *pdev, struct scatterlist *sg)
{
	touch(kmap_local_pfn(PHYS_PFN(pci_resource_start(pdev, 0))));
	touch(kmap_local_pfn(PHYS_PFN(sg_phys(sg)))); /* expect: phys-kmap */
}

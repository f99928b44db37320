// SPDX-License-Identifier: GPL-2.0
// args: -Wno-phys-kmap
/*
 * -Wno-phys-kmap turns off the MAYBE check only: the sg phys reaching
 * phys_to_virt() (phys-kmap by default) is silent, while the BAR reaching
 * the same sink is still phys-mmio and the call that hands an sg phys to
 * a kmapping helper is still phys-requires.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include "include_cases/physcheck_cases.h"

void twk(struct pci_dev *pdev, struct scatterlist *sg);

static void twk_touch(phys_addr_t phys)
{
	*(u8 *)phys_to_virt(phys) = 0;
}

void twk(struct pci_dev *pdev, struct scatterlist *sg)
{
	touch(phys_to_virt(sg_phys(sg)));
	touch(phys_to_virt(pci_resource_start(pdev, 0))); /* expect: phys-mmio */
	twk_touch(sg_phys(sg)); /* expect: phys-requires */
}

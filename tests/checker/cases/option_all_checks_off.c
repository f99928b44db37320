// SPDX-License-Identifier: GPL-2.0
// args: -Wno-phys-mmio -Wno-phys-kmap -Wno-phys-requires -Wno-phys-annotation
/*
 * Every check turned off: the file is full of findings (a BAR and an sg
 * phys into phys_to_virt(), a BAR into a kmapping helper, a broken
 * __kmappable return), and none is printed.  The run still completes
 * with exit status 0, like sparse with its warnings off.
 */
#include <physcheck.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

void twoff(struct pci_dev *pdev, struct scatterlist *sg);
phys_addr_t __kmappable twoff_phys(struct scatterlist *sg);

static void twoff_touch(phys_addr_t phys)
{
	*(u8 *)phys_to_virt(phys) = 0;
}

phys_addr_t __kmappable twoff_phys(struct scatterlist *sg)
{
	return sg_phys(sg);
}

void twoff(struct pci_dev *pdev, struct scatterlist *sg)
{
	phys_to_virt(pci_resource_start(pdev, 0));
	phys_to_virt(sg_phys(sg));
	twoff_touch(pci_resource_start(pdev, 2));
}

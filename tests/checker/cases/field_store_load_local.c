// SPDX-License-Identifier: GPL-2.0
/*
 * Struct fields within a function: a BAR stored into a local descriptor
 * and loaded back is still MMIO (phys-mmio); an sg phys stored and
 * loaded is still MAYBE (phys-kmap); a kmalloc buffer's phys is clean.
 * The checker follows the store to the load of the same field.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include "include_cases/physcheck_cases.h"

struct tdesc {
	phys_addr_t	addr;
	u32		len;
	phys_addr_t	spare;
};

void tfield(struct pci_dev *pdev, struct scatterlist *sg, void *buf);

void tfield(struct pci_dev *pdev, struct scatterlist *sg, void *buf)
{
	struct tdesc bar, ent, host;

	bar.addr = pci_resource_start(pdev, 0);
	bar.len = 64;
	ent.addr = sg_phys(sg);
	ent.len = sg->length;
	host.addr = virt_to_phys(buf);
	host.len = 64;

	touch(phys_to_virt(bar.addr)); /* expect: phys-mmio */
	touch(kmap_local_pfn(PHYS_PFN(ent.addr))); /* expect: phys-kmap */
	touch(phys_to_virt(host.addr));
}

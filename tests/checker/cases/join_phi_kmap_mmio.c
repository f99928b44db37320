// SPDX-License-Identifier: GPL-2.0
/*
 * A join at an if/else phi: one arm a kmalloc buffer (KMAP), the other a
 * BAR (MMIO).  The merged value may be either: MAYBE, phys-kmap.  After
 * the phi, each arm on its own would be clean or phys-mmio; the sinks
 * inside the arms show that the phi, not the sources, made it MAYBE.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

void *tjoin_status(struct pci_dev *pdev, void *host_buf, int where);

void *tjoin_status(struct pci_dev *pdev, void *host_buf, int where)
{
	phys_addr_t phys;

	if (where) {
		phys = pci_resource_start(pdev, 0) + 0x1000;
		touch(phys_to_virt(phys)); /* expect: phys-mmio */
	} else {
		phys = virt_to_phys(host_buf);
		touch(phys_to_virt(phys));
	}
	return phys_to_virt(phys); /* expect: phys-kmap */
}

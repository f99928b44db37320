// SPDX-License-Identifier: GPL-2.0
/*
 * A field overwritten before it is read: the BAR stored first is gone
 * once the field holds a kmalloc buffer's phys, so the load after the
 * second store is clean.  Overwriting RAM with a BAR is phys-mmio at the
 * next load.  Another field of the same struct is not disturbed: the BAR
 * in .spare stays MMIO after .addr changes.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

struct tdesc2 {
	phys_addr_t	addr;
	phys_addr_t	spare;
};

void toverwrite(struct pci_dev *pdev, void *buf);

void toverwrite(struct pci_dev *pdev, void *buf)
{
	struct tdesc2 d;

	d.addr = pci_resource_start(pdev, 0);
	d.spare = pci_resource_start(pdev, 2);
	d.addr = virt_to_phys(buf);
	touch(phys_to_virt(d.addr));
	touch(phys_to_virt(d.spare)); /* expect: phys-mmio */
	d.addr = d.spare;
	touch(phys_to_virt(d.addr)); /* expect: phys-mmio */
}

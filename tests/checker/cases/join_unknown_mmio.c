// SPDX-License-Identifier: GPL-2.0
/*
 * An unknown value (an unannotated parameter, an unmodelled call) joined
 * with MMIO is still MMIO: no information is the lattice bottom, not
 * "kmappable", so it cannot dilute a proof.  phys-mmio at both sinks.
 * The unknown value alone is silent: the checker does not guess.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

phys_addr_t tunk_firmware_window(struct pci_dev *pdev);
void tunk(struct pci_dev *pdev, phys_addr_t hint, bool use_bar);

void tunk(struct pci_dev *pdev, phys_addr_t hint, bool use_bar)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);
	phys_addr_t a = use_bar ? bar : hint;
	phys_addr_t b;

	if (use_bar)
		b = bar;
	else
		b = tunk_firmware_window(pdev);
	touch(phys_to_virt(a)); /* expect: phys-mmio */
	touch(phys_to_virt(b)); /* expect: phys-mmio */
	touch(phys_to_virt(hint));
	touch(phys_to_virt(tunk_firmware_window(pdev)));
}

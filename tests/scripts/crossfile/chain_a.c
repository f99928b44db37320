// SPDX-License-Identifier: GPL-2.0
/* A chain of depth 4 across 4 files: a BAR handed to chain_b(), whose
 * parameter reaches phys_to_virt() three files away. */
#include <linux/mm.h>
#include <linux/pci.h>

void chain_b(phys_addr_t p);
void chain_a(struct pci_dev *pdev);

void chain_a(struct pci_dev *pdev)
{
	chain_b(pci_resource_start(pdev, 0));
}

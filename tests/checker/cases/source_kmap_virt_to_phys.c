// SPDX-License-Identifier: GPL-2.0
/*
 * virt_to_phys() is a KMAP source.  Joined with a BAR (MMIO) at a phi it
 * gives MAYBE, so the sink reports phys-kmap, not phys-mmio: that proves
 * the kmap source was recognised (an unknown value joined with MMIO would
 * still be MMIO).  Alone, a kmalloc buffer's phys maps cleanly.
 */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/pci.h>

void *tdev_status_va(struct pci_dev *pdev, void *ring, bool on_card);
void *tdev_ring_alias(void *ring);

void *tdev_status_va(struct pci_dev *pdev, void *ring, bool on_card)
{
	phys_addr_t status;

	if (on_card)
		status = pci_resource_start(pdev, 0) + 0x100;
	else
		status = virt_to_phys(ring);
	return phys_to_virt(status); /* expect: phys-kmap */
}

void *tdev_ring_alias(void *ring)
{
	return phys_to_virt(virt_to_phys(ring));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A value carried around a while loop: the first iteration uses a
 * kmalloc buffer, later ones move to a BAR.  At the loop head the phi
 * joins KMAP with MMIO, so the kmap in the body is phys-kmap; the
 * analysis must iterate to a fixed point to see the back edge.  A loop
 * that only ever advances within RAM stays clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>

void twhile(struct pci_dev *pdev, void *buf, unsigned int n);
void twhile_ram(void *buf, unsigned int n);

void twhile(struct pci_dev *pdev, void *buf, unsigned int n)
{
	phys_addr_t phys = virt_to_phys(buf);

	while (n--) {
		u8 *va = kmap_local_pfn(PHYS_PFN(phys)); /* expect: phys-kmap */

		va[0] = 0;
		kunmap_local(va);
		phys = pci_resource_start(pdev, 0) + n * PAGE_SIZE;
	}
}

void twhile_ram(void *buf, unsigned int n)
{
	phys_addr_t phys = virt_to_phys(buf);

	while (n--) {
		u8 *va = kmap_local_pfn(PHYS_PFN(phys));

		va[0] = 0;
		kunmap_local(va);
		phys += PAGE_SIZE;
	}
}

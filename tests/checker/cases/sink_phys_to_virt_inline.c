// SPDX-License-Identifier: GPL-2.0
/*
 * Sink phys_to_virt() (argument 1, a phys).  Here, as on x86, it is a
 * static inline around the __va() macro: the call is recognised by the
 * inline's name, and the finding is reported once, at the call, not a
 * second time for the __va() inside.  BAR: phys-mmio; sg: phys-kmap;
 * kmalloc buffer: clean.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

void tp2v(struct pci_dev *pdev, struct scatterlist *sg, void *buf);

void tp2v(struct pci_dev *pdev, struct scatterlist *sg, void *buf)
{
	u8 *a = phys_to_virt(pci_resource_start(pdev, 1)); /* expect: phys-mmio */
	u8 *b = phys_to_virt(sg_phys(sg)); /* expect: phys-kmap */
	u8 *c = phys_to_virt(virt_to_phys(buf));

	*a = *b = *c;
}

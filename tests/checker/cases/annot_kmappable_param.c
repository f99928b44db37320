// SPDX-License-Identifier: GPL-2.0
/*
 * A parameter annotated __kmappable (include/physcheck.h) states the
 * function needs RAM, whatever its body does: here the body only hands
 * the phys to an out-of-line helper, so no summary could find it.
 * Passing an sg phys (MAYBE) or a BAR (MMIO) is phys-requires; a kmalloc
 * buffer's phys is clean.
 */
#include <physcheck.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

void tak_hw_queue(phys_addr_t phys, size_t len);
void tak_submit(phys_addr_t __kmappable phys, size_t len);
void tak_callers(struct pci_dev *pdev, struct scatterlist *sg, void *buf);

void tak_submit(phys_addr_t __kmappable phys, size_t len)
{
	tak_hw_queue(phys, len);
}

void tak_callers(struct pci_dev *pdev, struct scatterlist *sg, void *buf)
{
	tak_submit(sg_phys(sg), sg->length); /* expect: phys-requires */
	tak_submit(pci_resource_start(pdev, 0), 64); /* expect: phys-requires */
	tak_submit(virt_to_phys(buf), 64);
}

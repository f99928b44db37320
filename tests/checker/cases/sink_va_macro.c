// SPDX-License-Identifier: GPL-2.0
/*
 * Sink __va() (argument 1, a phys).  It is a macro, as on every
 * architecture: `(void *)((unsigned long)(x) + PAGE_OFFSET)` is all the
 * checker sees, so it must recognise that shape (a phys plus the direct
 * map base).  arch/ and mm/ code call __va() directly, so missing it
 * misses real bugs.  BAR: phys-mmio; sg: phys-kmap; page allocator:
 * clean.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

void tva(struct pci_dev *pdev, struct scatterlist *sg);

void tva(struct pci_dev *pdev, struct scatterlist *sg)
{
	u8 *a = __va(pci_resource_start(pdev, 1)); /* expect: phys-mmio */
	u8 *b = __va(sg_phys(sg)); /* expect: phys-kmap */
	u8 *c = __va(page_to_phys(alloc_page(GFP_KERNEL)));

	*a = *b = *c;
}

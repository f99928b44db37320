// SPDX-License-Identifier: GPL-2.0
/*
 * Sink pfn_to_kaddr() (argument 1, a pfn), an inline around __va(pfn <<
 * PAGE_SHIFT).  BAR pfn: phys-mmio; sg pfn: phys-kmap; vmalloc pfn:
 * clean.
 */
#include <include_cases/physcheck_cases.h>

void tkaddr(struct pci_dev *pdev, struct scatterlist *sg, void *vbuf);

void tkaddr(struct pci_dev *pdev, struct scatterlist *sg, void *vbuf)
{
	u8 *a = pfn_to_kaddr(PHYS_PFN(pci_resource_start(pdev, 0))); /* expect: phys-mmio */
	u8 *b = pfn_to_kaddr(PHYS_PFN(sg_phys(sg))); /* expect: phys-kmap */
	u8 *c = pfn_to_kaddr(vmalloc_to_pfn(vbuf));

	*a = *b = *c;
}

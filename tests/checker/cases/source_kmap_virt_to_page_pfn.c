// SPDX-License-Identifier: GPL-2.0
/*
 * virt_to_page() and virt_to_pfn() are KMAP sources.  In this tree (as on
 * x86) both are macros over PHYS_PFN(__pa(x)) and `vmemmap + pfn`, so the
 * source must be found in the expanded arithmetic.  Each joined with a
 * P2PDMA page or a BAR pfn gives MAYBE: phys-kmap, not phys-mmio.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>

void *tvp_page(struct pci_dev *pdev, void *buf, bool bar);
void *tvp_pfn(struct pci_dev *pdev, void *buf, bool bar);
void *tvp_clean(void *buf);

void *tvp_page(struct pci_dev *pdev, void *buf, bool bar)
{
	struct page *page;

	if (bar)
		page = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 0)));
	else
		page = virt_to_page(buf);
	return kmap_local_page(page); /* expect: phys-kmap */
}

void *tvp_pfn(struct pci_dev *pdev, void *buf, bool bar)
{
	unsigned long pfn = bar ? PHYS_PFN(pci_resource_start(pdev, 0)) :
				  virt_to_pfn(buf);

	return kmap_local_pfn(pfn); /* expect: phys-kmap */
}

void *tvp_clean(void *buf)
{
	return kmap_local_page(virt_to_page(buf));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64's __pa() is __phys_addr_nodebug(): of a kernel virtual address,
 * so RAM (the model's source).  Its arithmetic must not carry the
 * pointer's own provenance on: kfree()-like code that takes the page of
 * a pointer it is given would else make "parameter 1 must be kmappable",
 * and a caller handing it any pointer derived from a BAR a finding.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/highmem.h>

void pan_release(void *obj);
void pan_caller(struct pci_dev *pdev);

static inline unsigned long __phys_addr_nodebug(unsigned long x)
{
	return x - 0x80000000UL;
}

void pan_release(void *obj)
{
	struct page *page = pfn_to_page(__phys_addr_nodebug((unsigned long)obj) >> 12);

	memzero_page(page, 0, 8);
}

void pan_caller(struct pci_dev *pdev)
{
	pan_release((void *)(unsigned long)pci_resource_start(pdev, 0));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * __pa() is a KMAP source.  On x86 it is a macro, so after preprocessing
 * the checker sees `(unsigned long)x - PAGE_OFFSET`, never a call: the
 * expanded shape must be recognised.  Joined with a BAR it gives MAYBE
 * (phys-kmap); were __pa() not recognised, the join would stay MMIO.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>

void *tpa_window(struct pci_dev *pdev, void *buf, bool remote);
void *tpa_roundtrip(void *buf);

void *tpa_window(struct pci_dev *pdev, void *buf, bool remote)
{
	unsigned long phys = remote ? pci_resource_start(pdev, 2) : __pa(buf);

	return kmap_local_pfn(phys >> PAGE_SHIFT); /* expect: phys-kmap */
}

/* a lowmem buffer through the direct map and back: fine */
void *tpa_roundtrip(void *buf)
{
	return __va(__pa(buf));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * pfn_to_phys() is a conversion, not a source: in the kernel it is
 * PFN_PHYS() under another name (`#define pfn_to_phys(pfn) PFN_PHYS(pfn)`
 * on um and microblaze, an inline shift elsewhere).  What it returns is
 * exactly as kmappable as the pfn it was given.  So a BAR pfn comes out
 * MMIO (phys-mmio), and a kmalloc buffer's pfn comes out KMAP (silent).
 * The model lists it as `source pfn_to_phys maybe phys`, which would turn
 * both into phys-kmap: that model line is what this case holds to account.
 */
#include <include_cases/physcheck_cases.h>

void *tpfn_bar(struct pci_dev *pdev);
void *tpfn_ram(void *buf);

void *tpfn_bar(struct pci_dev *pdev)
{
	unsigned long pfn = PHYS_PFN(pci_resource_start(pdev, 0));

	return phys_to_virt(pfn_to_phys(pfn)); /* expect: phys-mmio */
}

void *tpfn_ram(void *buf)
{
	return phys_to_virt(pfn_to_phys(virt_to_pfn(buf)));
}

// SPDX-License-Identifier: GPL-2.0
/*
 * __pa_symbol() (the phys of a kernel image symbol) is a KMAP source:
 * joined with an MMIO BAR it gives MAYBE, hence phys-kmap, not phys-mmio.
 */
#include <include_cases/physcheck_cases.h>

extern char _sdata[];

void *timg_data_alias(struct pci_dev *pdev, bool shadow);
void *timg_data_direct(void);

void *timg_data_alias(struct pci_dev *pdev, bool shadow)
{
	phys_addr_t phys = shadow ? pci_resource_start(pdev, 4) : __pa_symbol(_sdata);

	return phys_to_virt(phys); /* expect: phys-kmap */
}

void *timg_data_direct(void)
{
	return phys_to_virt(__pa_symbol(_sdata));
}

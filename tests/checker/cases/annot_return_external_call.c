// SPDX-License-Identifier: GPL-2.0
/*
 * A function annotated to return a __kmappable phys that returns a BAR
 * straight from an external call, with one return and with several:
 * both front ends blame the call that made the value, at the same
 * column (sparse's return sits where its linearizer last stood, gcc's
 * at the returned expression's first token).
 */
#include <physcheck.h>

typedef unsigned long long phys_addr_t;
struct pci_dev;

phys_addr_t pci_resource_start(struct pci_dev *pdev, int bar);
phys_addr_t __kmappable are_one_return(struct pci_dev *pdev, int bar);
phys_addr_t __kmappable are_two_returns(struct pci_dev *pdev, int bar);

phys_addr_t __kmappable are_one_return(struct pci_dev *pdev, int bar)
{
	return pci_resource_start(pdev, bar); /* expect: phys-annotation */
}

phys_addr_t __kmappable are_two_returns(struct pci_dev *pdev, int bar)
{
	if (bar < 0)
		return 0;
	return pci_resource_start(pdev, bar); /* expect: phys-annotation */
}

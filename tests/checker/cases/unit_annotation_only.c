// SPDX-License-Identifier: GPL-2.0
/*
 * A unit that declares no sink, no function mapping with attrs and no
 * direct-map base: only its annotation can make a finding, and it does.
 * A client that left such a unit unanalysed (it holds nothing a sink
 * could be reached at) must still count the annotation as a trigger.
 */
#include <physcheck.h>

typedef unsigned long long phys_addr_t;
struct pci_dev;

phys_addr_t pci_resource_start(struct pci_dev *pdev, int bar);
phys_addr_t __kmappable ann_buffer_phys(struct pci_dev *pdev);

phys_addr_t __kmappable ann_buffer_phys(struct pci_dev *pdev)
{
	return pci_resource_start(pdev, 0); /* expect: phys-annotation */
}

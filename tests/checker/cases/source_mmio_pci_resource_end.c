// SPDX-License-Identifier: GPL-2.0
/*
 * pci_resource_end() is an MMIO source (model: `source pci_resource_end
 * mmio phys`): the last byte of a BAR is device memory like its first.
 * The macro reads `pdev->resource[bar].end`, so mapping the BAR's last
 * page through the direct map is phys-mmio.
 */
#include <linux/mm.h>
#include <linux/pci.h>

u8 tend_last_byte(struct pci_dev *pdev, int bar);

u8 tend_last_byte(struct pci_dev *pdev, int bar)
{
	const u8 *va = phys_to_virt(pci_resource_end(pdev, bar)); /* expect: phys-mmio */

	return *va;
}

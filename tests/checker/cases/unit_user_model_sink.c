// SPDX-License-Identifier: GPL-2.0
// args: --model=tests/checker/cases/unit_user_model_sink.model
/*
 * The unit's only sink is one a user's --model names: the names that
 * make a unit worth analysing come from the models loaded, not from a
 * list of the kernel's.
 */
typedef unsigned long long phys_addr_t;
struct pci_dev;

phys_addr_t pci_resource_start(struct pci_dev *pdev, int bar);
void ums_copy_from(phys_addr_t phys, unsigned long len);
void ums_peek_bar(struct pci_dev *pdev);

void ums_peek_bar(struct pci_dev *pdev)
{
	ums_copy_from(pci_resource_start(pdev, 0), 64); /* expect: phys-mmio */
}

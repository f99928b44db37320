// SPDX-License-Identifier: GPL-2.0
/*
 * pci_bus_address() and pci_p2pmem_virt_to_bus() name BAR memory: MMIO
 * sources.  Treating either as a CPU phys of RAM and mapping it through
 * the linear map is phys-mmio.  Handing it to the device is fine.
 */
#include <include_cases/physcheck_cases.h>

void *tbus_bar_alias(struct pci_dev *pdev);
void *tbus_p2p_alias(struct pci_dev *provider, void *p2p_buf);
u64 tbus_program(struct pci_dev *provider, void *p2p_buf);

void *tbus_bar_alias(struct pci_dev *pdev)
{
	return phys_to_virt(pci_bus_address(pdev, 2)); /* expect: phys-mmio */
}

void *tbus_p2p_alias(struct pci_dev *provider, void *p2p_buf)
{
	pci_bus_addr_t bus = pci_p2pmem_virt_to_bus(provider, p2p_buf);

	return kmap_local_pfn(bus >> PAGE_SHIFT); /* expect: phys-mmio */
}

/* the right use: the bus address goes to the peer's DMA engine */
u64 tbus_program(struct pci_dev *provider, void *p2p_buf)
{
	return pci_p2pmem_virt_to_bus(provider, p2p_buf) | 1;
}

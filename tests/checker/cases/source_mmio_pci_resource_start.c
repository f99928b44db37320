// SPDX-License-Identifier: GPL-2.0
/*
 * pci_resource_start() is an MMIO source: a BAR is device memory, never
 * RAM.  It is a macro over `pdev->resource[bar].start`, so the checker
 * sees a field load.  Reaching phys_to_virt() directly, through an
 * offset, and through PHYS_PFN() into kmap_local_pfn() is phys-mmio each
 * time; ioremap() is the correct way in and stays silent.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/pci.h>

#define TBAR_REGS	0
#define TBAR_DOORBELL	0x40

u32 tbar_peek(struct pci_dev *pdev);
void tbar_ring(struct pci_dev *pdev, u32 val);
u32 tbar_read(struct pci_dev *pdev);

u32 tbar_peek(struct pci_dev *pdev)
{
	const u32 *regs = phys_to_virt(pci_resource_start(pdev, TBAR_REGS)); /* expect: phys-mmio */

	return regs[0];
}

void tbar_ring(struct pci_dev *pdev, u32 val)
{
	phys_addr_t db = pci_resource_start(pdev, TBAR_REGS) + TBAR_DOORBELL;
	u32 *va = kmap_local_pfn(PHYS_PFN(db)); /* expect: phys-mmio */

	va[offset_in_page(db) / 4] = val;
	kunmap_local(va);
}

u32 tbar_read(struct pci_dev *pdev)
{
	void __iomem *regs = ioremap(pci_resource_start(pdev, TBAR_REGS), PAGE_SIZE);
	u32 val;

	if (!regs)
		return ~0U;
	val = readl(regs);
	iounmap(regs);
	return val;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The basic field case: one local descriptor, a BAR stored into its
 * address field and loaded back for a (wrong) direct-map access:
 * phys-mmio at the load's sink.  The length field next to it is not a
 * phys and is never reported.
 */
#include <linux/mm.h>
#include <linux/pci.h>

struct tsingle {
	phys_addr_t	base;
	size_t		len;
};

u32 tsingle_peek(struct pci_dev *pdev);

u32 tsingle_peek(struct pci_dev *pdev)
{
	struct tsingle win;
	const u32 *regs;

	win.base = pci_resource_start(pdev, 0);
	win.len = pci_resource_len(pdev, 0);
	if (win.len < sizeof(u32))
		return 0;
	regs = phys_to_virt(win.base); /* expect: phys-mmio */
	return regs[0];
}

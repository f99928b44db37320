// SPDX-License-Identifier: GPL-2.0
/*
 * A local struct filled through an inline helper that takes its address,
 * then read in the function itself: the read is the value the helper
 * stored.  Each `&hold` is the same object, whichever front end lowers
 * it: a BAR kept this way and mapped is a finding, RAM kept this way is
 * clean.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/string.h>

struct lsi_hold {
	phys_addr_t phys;
};

void lsi_bar(struct pci_dev *pdev);
void lsi_ram(void *buf);

static inline void lsi_keep(struct lsi_hold *hold, phys_addr_t phys)
{
	hold->phys = phys;
}

void lsi_bar(struct pci_dev *pdev)
{
	struct lsi_hold hold;

	lsi_keep(&hold, pci_resource_start(pdev, 0));
	memset(phys_to_virt(hold.phys), 0, 8);	/* expect: phys-mmio */
}

void lsi_ram(void *buf)
{
	struct lsi_hold hold;

	lsi_keep(&hold, virt_to_phys(buf));
	memset(phys_to_virt(hold.phys), 0, 8);
}

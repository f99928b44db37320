// SPDX-License-Identifier: GPL-2.0
/*
 * A chain through three functions, the call chain of the seed email: the
 * kmap is at the bottom (tch3_leaf), the middle function only passes the
 * phys on, and the top passes a BAR.  The requirement climbs the chain
 * through summaries, so phys-requires is reported at the top call only,
 * not in the middle (whose parameter has no information).
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>

void tch3_top(struct pci_dev *pdev);
void tch3_top_ok(void);

static u8 tch3_leaf(phys_addr_t phys)
{
	u8 *va = kmap_local_pfn(PHYS_PFN(phys));
	u8 c = va[offset_in_page(phys)];

	kunmap_local(va);
	return c;
}

static u8 tch3_mid(phys_addr_t phys, unsigned int off)
{
	return tch3_leaf(phys + off);
}

void tch3_top(struct pci_dev *pdev)
{
	tch3_mid(pci_resource_start(pdev, 0), 8); /* expect: phys-requires */
}

void tch3_top_ok(void)
{
	tch3_mid(page_to_phys(alloc_page(GFP_KERNEL)), 8);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Mutual recursion: tmut_even() passes its phys to tmut_odd(), which
 * kmaps it and passes it back.  Neither summary is known until both are
 * computed together to a fixed point; then both parameters must be
 * kmappable, and a call with a BAR phys is phys-requires.  A call with a
 * page allocator page's phys is clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>

void tmut_bar(struct pci_dev *pdev, unsigned int depth);
void tmut_ram(unsigned int depth);

static void tmut_odd(phys_addr_t phys, unsigned int depth);

static void tmut_even(phys_addr_t phys, unsigned int depth)
{
	if (depth)
		tmut_odd(phys, depth - 1);
}

static void tmut_odd(phys_addr_t phys, unsigned int depth)
{
	u8 *va = kmap_local_pfn(PHYS_PFN(phys));

	va[0] ^= 1;
	kunmap_local(va);
	tmut_even(phys, depth);
}

void tmut_bar(struct pci_dev *pdev, unsigned int depth)
{
	tmut_even(pci_resource_start(pdev, 0), depth); /* expect: phys-requires */
}

void tmut_ram(unsigned int depth)
{
	tmut_even(page_to_phys(alloc_page(GFP_KERNEL)), depth);
}

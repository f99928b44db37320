// SPDX-License-Identifier: GPL-2.0
/*
 * A recursive function whose summary grows through its own call:
 * trs_rotate() returns its first parameter, or what its recursive call
 * returns with the parameters rotated.  Each round that reads the last
 * round's summary of trs_rotate() itself finds one more parameter it may
 * return: the first, then the second, then the third.  An engine that
 * analyses a function again only when a callee's summary changed must
 * count a function among its own callers when it recurses, or it stops
 * short of the third.  Mapping what it returns with a BAR as the third
 * is phys-kmap at the caller; with RAM in all three, clean.
 */
#include <linux/mm.h>
#include <linux/pci.h>

void *trs_map_mixed(struct pci_dev *pdev, void *a, void *b, int n);
void *trs_map_ram(void *a, void *b, void *c, int n);

static phys_addr_t trs_rotate(phys_addr_t first, phys_addr_t second, phys_addr_t third,
			      int n)
{
	if (n <= 0)
		return first;
	return trs_rotate(second, third, first, n - 1);
}

void *trs_map_mixed(struct pci_dev *pdev, void *a, void *b, int n)
{
	phys_addr_t p = trs_rotate(virt_to_phys(a), virt_to_phys(b),
				   pci_resource_start(pdev, 0), n);

	return phys_to_virt(p); /* expect: phys-kmap */
}

void *trs_map_ram(void *a, void *b, void *c, int n)
{
	return phys_to_virt(trs_rotate(virt_to_phys(a), virt_to_phys(b), virt_to_phys(c), n));
}

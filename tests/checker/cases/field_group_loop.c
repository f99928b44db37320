// SPDX-License-Identifier: GPL-2.0
/*
 * A field read in a loop before the store that feeds it: on the second
 * round .cur holds what .next held, and .next may hold a BAR by then.
 * Neither load has a store before it in its own block, so each takes
 * from every store to its field of its object (the origins' field
 * groups), and .cur gets the BAR through .next: phys-kmap, as the first
 * round is RAM.  Another object's field of the same name is not one of
 * them: h.cur only ever holds RAM.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

struct tgroup {
	phys_addr_t	cur;
	phys_addr_t	next;
};

void tgroup_walk(struct pci_dev *pdev, void *buf, int n);

void tgroup_walk(struct pci_dev *pdev, void *buf, int n)
{
	struct tgroup g, h;
	int i;

	g.cur = virt_to_phys(buf);
	g.next = virt_to_phys(buf);
	h.cur = virt_to_phys(buf);
	h.next = virt_to_phys(buf);
	for (i = 0; i < n; i++) {
		touch(phys_to_virt(g.cur)); /* expect: phys-kmap */
		touch(phys_to_virt(h.cur));
		g.cur = g.next;
		h.cur = h.next;
		if (i == 3)
			g.next = pci_resource_start(pdev, 0);
	}
}

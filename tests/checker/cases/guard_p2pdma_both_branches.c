// SPDX-License-Identifier: GPL-2.0
/*
 * `guard is_pci_p2pdma_page 1 true mmio` and `... false kmap`: on the
 * true branch a MAYBE page is MMIO (phys-mmio if kmapped there), on the
 * false branch it is RAM (clean).  Before the test it is MAYBE.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

void tp2p_clear(struct scatterlist *sg);

void tp2p_clear(struct scatterlist *sg)
{
	struct page *page = sg_page(sg);
	char *va;

	if (is_pci_p2pdma_page(page)) {
		/* BUG: a P2P page is a BAR; this is a cacheable MMIO mapping */
		va = kmap_local_page(page); /* expect: phys-mmio */
	} else {
		va = kmap_local_page(page);
	}
	memset(va + sg->offset, 0, sg->length);
	kunmap_local(va);
}

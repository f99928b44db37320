// SPDX-License-Identifier: GPL-2.0
/*
 * A guard through goto: a P2P page jumps over the cache flush to the
 * common mapping code, as in an IOMMU's map_sg.  The flush is reached
 * only by RAM (clean).  At the label both kinds meet again, so a kmap
 * placed there is phys-kmap.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

void tgoto_wback(const void *va, size_t len);
int tgoto_map_one(struct scatterlist *sg);

int tgoto_map_one(struct scatterlist *sg)
{
	struct page *page = sg_page(sg);
	void *va;

	if (is_pci_p2pdma_page(page))
		goto map;
	va = kmap_local_page(page);
	tgoto_wback(va + sg->offset, sg->length);
	kunmap_local(va);
map:
	va = kmap_local_page(page); /* expect: phys-kmap */
	tgoto_wback(va, sg->length);
	kunmap_local(va);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Store and load through a pointer to a local struct and through a
 * struct page * field: the request descriptor is filled from an sg entry
 * and read back a few lines later.  The page field keeps MAYBE
 * (phys-kmap); after is_pci_p2pdma_page() on the loaded page the kmap is
 * clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

struct treq {
	struct page	*page;
	unsigned int	off;
	unsigned int	len;
};

u8 tptr_first(struct scatterlist *sg);

static void treq_fill(struct treq *r, struct scatterlist *sg)
{
	r->page = sg_page(sg);
	r->off = sg->offset;
	r->len = sg->length;
}

u8 tptr_first(struct scatterlist *sg)
{
	struct treq req, *r = &req;
	u8 *va;
	u8 c;

	r->page = sg_page(sg);
	r->off = sg->offset;
	va = kmap_local_page(r->page); /* expect: phys-kmap */
	c = va[r->off];
	kunmap_local(va);

	treq_fill(&req, sg);
	if (is_pci_p2pdma_page(req.page))
		return c;
	va = kmap_local_page(req.page);
	c ^= va[req.off];
	kunmap_local(va);
	return c;
}

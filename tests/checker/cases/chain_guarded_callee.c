// SPDX-License-Identifier: GPL-2.0
/*
 * No requirement when the callee guards its own parameter: tchg_flush()
 * returns early for P2PDMA pages before it kmaps, so its summary does not
 * ask callers for a kmappable page, and passing an sg page (MAYBE) is
 * clean.  Its sibling without the guard does ask, and the same call to
 * it is phys-requires.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

void tchg_wback(const void *va, size_t len);
void tchg_map(struct scatterlist *sg);

static void tchg_flush(struct page *page, size_t len)
{
	void *va;

	if (is_pci_p2pdma_page(page))
		return;
	va = kmap_local_page(page);
	tchg_wback(va, len);
	kunmap_local(va);
}

static void tchg_flush_blind(struct page *page, size_t len)
{
	void *va = kmap_local_page(page);

	tchg_wback(va, len);
	kunmap_local(va);
}

void tchg_map(struct scatterlist *sg)
{
	tchg_flush(sg_page(sg), sg->length);
	tchg_flush_blind(sg_page(sg), sg->length); /* expect: phys-requires */
}

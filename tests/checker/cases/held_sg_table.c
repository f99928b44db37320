// SPDX-License-Identifier: GPL-2.0
/*
 * sg_page() reads a page out of its scatterlist (held=1): a table a
 * static function's only caller built itself, with sg_set_page() of
 * alloc_page() memory, holds RAM, as kernel/dma/mapping.c's
 * alloc_single_sgt() builds one.  A table that also took a caller's page
 * may hold P2PDMA memory.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/scatterlist.h>

int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp);

void hs_own_table(void);
void hs_mixed_table(struct page *theirs);

static void hs_clear(struct sg_table *sgt)
{
	memset(page_address(sg_page(sgt->sgl)), 0, 8);
}

void hs_own_table(void)
{
	struct sg_table *sgt = kmalloc(sizeof(*sgt), GFP_KERNEL);

	if (sg_alloc_table(sgt, 1, GFP_KERNEL))
		return;
	sg_set_page(sgt->sgl, alloc_page(GFP_KERNEL), 4096, 0);
	hs_clear(sgt);
	kfree(sgt);
}

static void hs_clear_mixed(struct sg_table *sgt)
{
	memset(page_address(sg_page(sgt->sgl)), 0, 8);	/* expect: phys-kmap */
}

void hs_mixed_table(struct page *theirs)
{
	struct sg_table *sgt = kmalloc(sizeof(*sgt), GFP_KERNEL);

	if (sg_alloc_table(sgt, 2, GFP_KERNEL))
		return;
	sg_set_page(sgt->sgl, alloc_page(GFP_KERNEL), 4096, 0);
	sg_set_page(sgt->sgl + 1, theirs, 4096, 0);
	hs_clear_mixed(sgt);
	kfree(sgt);
}

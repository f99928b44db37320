// SPDX-License-Identifier: GPL-2.0
/*
 * An integer read out of a container and handed on as it is, a table's
 * DMA address given to a function that lets it out of sight, is no
 * container: the table stays in sight, and a static function whose only
 * caller built it with alloc_page() memory reads RAM out of it
 * (kernel/dma/mapping.c's free_single_sgt() passes
 * sgt->sgl->dma_address to __dma_free_pages()).  Handing on the table's
 * scatterlist itself, a pointer, lets it out: the page read out of it
 * may be P2PDMA memory.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/scatterlist.h>

int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp);
void hsh_unmap(dma_addr_t dma);
void hsh_forget(struct scatterlist *sg);

void hsh_scalar(void);
void hsh_pointer(void);

static void hsh_release(dma_addr_t dma)
{
	hsh_unmap(dma);
}

static void hsh_release_sg(struct scatterlist *sg)
{
	hsh_forget(sg);
}

static void hsh_clear(struct sg_table *sgt)
{
	memset(page_address(sg_page(sgt->sgl)), 0, 8);
	hsh_release(sgt->sgl->dma_address);
}

void hsh_scalar(void)
{
	struct sg_table *sgt = kmalloc(sizeof(*sgt), GFP_KERNEL);

	if (sg_alloc_table(sgt, 1, GFP_KERNEL))
		return;
	sg_set_page(sgt->sgl, alloc_page(GFP_KERNEL), 4096, 0);
	hsh_clear(sgt);
	kfree(sgt);
}

static void hsh_clear_sg(struct sg_table *sgt)
{
	memset(page_address(sg_page(sgt->sgl)), 0, 8);	/* expect: phys-kmap */
	hsh_release_sg(sgt->sgl);
}

void hsh_pointer(void)
{
	struct sg_table *sgt = kmalloc(sizeof(*sgt), GFP_KERNEL);

	if (sg_alloc_table(sgt, 1, GFP_KERNEL))
		return;
	sg_set_page(sgt->sgl, alloc_page(GFP_KERNEL), 4096, 0);
	hsh_clear_sg(sgt);
	kfree(sgt);
}

// SPDX-License-Identifier: GPL-2.0
// args: --model=tests/checker/cases/made_by_handle.model
/*
 * `madeby FUNC ARG MAKER ret|N`: the handle a free or vmap function is
 * given back is what its maker made.  kernel/dma/direct.c's
 * dma_direct_free() turns the DMA address dma_direct_alloc() stored
 * through its argument 3 back into a phys (dma_to_phys(), which reads
 * the phys "out of" the address: held=2), and kernel/dma/mapping.c's
 * dma_vmap_noncontiguous() reads the page out of the table
 * dma_alloc_noncontiguous() returned.  What is read out of a handle is
 * RAM where its maker made it of RAM only, directly, through a static
 * helper, or from a function the model says `holdsram` of; a maker that
 * also hands out a caller's page, or a table it does not know, proves
 * nothing, and the reader keeps its finding.
 */
#include <include_cases/physcheck_cases.h>
#include <linux/slab.h>
#include <linux/string.h>

int sg_alloc_table(struct sg_table *table, unsigned int nents, gfp_t gfp);
struct sg_table *mbh_other_table(struct device *dev);
struct sg_table *mbh_unknown_table(struct device *dev);

extern dma_addr_t mbh_bus_offset;

void *mbh_alloc(struct device *dev, size_t size, dma_addr_t *handle);
void mbh_free(struct device *dev, void *cpu, dma_addr_t handle);
void *mbh_alloc_theirs(struct device *dev, struct page *theirs, dma_addr_t *handle);
void mbh_free_theirs(struct device *dev, void *cpu, dma_addr_t handle);
struct sg_table *mbh_alloc_table(struct device *dev, bool other);
void mbh_vmap(struct sg_table *sgt);
void mbh_free_table(struct sg_table *sgt);
struct sg_table *mbh_alloc_table_unknown(struct device *dev, bool other);
void mbh_vmap_unknown(struct sg_table *sgt);

/* what phys_to_dma() does with a bus offset: arithmetic on the phys */
static inline dma_addr_t mbh_phys_to_dma(phys_addr_t phys)
{
	return (dma_addr_t)phys - mbh_bus_offset;
}

static void mbh_set_handle(struct page *page, dma_addr_t *handle)
{
	*handle = mbh_phys_to_dma(page_to_phys(page));
}

void *mbh_alloc(struct device *dev, size_t size, dma_addr_t *handle)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);

	if (!page)
		return NULL;
	if (size > 4096) {
		mbh_set_handle(page, handle);
		return page_address(page);
	}
	*handle = mbh_phys_to_dma(page_to_phys(page));
	return page_address(page);
}

void mbh_free(struct device *dev, void *cpu, dma_addr_t handle)
{
	phys_addr_t phys = dma_to_phys(dev, handle);

	touch(phys_to_virt(phys));
}

void *mbh_alloc_theirs(struct device *dev, struct page *theirs, dma_addr_t *handle)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);

	if (!page) {
		*handle = mbh_phys_to_dma(page_to_phys(theirs));
		return NULL;
	}
	*handle = mbh_phys_to_dma(page_to_phys(page));
	return page_address(page);
}

void mbh_free_theirs(struct device *dev, void *cpu, dma_addr_t handle)
{
	phys_addr_t phys = dma_to_phys(dev, handle);

	touch(phys_to_virt(phys)); /* expect: phys-kmap */
}

static struct sg_table *mbh_single_table(void)
{
	struct sg_table *sgt = kmalloc(sizeof(*sgt), GFP_KERNEL);

	if (!sgt)
		return NULL;
	if (sg_alloc_table(sgt, 1, GFP_KERNEL)) {
		kfree(sgt);
		return NULL;
	}
	sg_set_page(sgt->sgl, alloc_page(GFP_KERNEL), 4096, 0);
	return sgt;
}

struct sg_table *mbh_alloc_table(struct device *dev, bool other)
{
	if (other)
		return mbh_other_table(dev);
	return mbh_single_table();
}

void mbh_vmap(struct sg_table *sgt)
{
	touch(page_address(sg_page(sgt->sgl)));
}

static void mbh_clear_table(struct sg_table *sgt)
{
	memset(page_address(sg_page(sgt->sgl)), 0, 8);
}

void mbh_free_table(struct sg_table *sgt)
{
	mbh_clear_table(sgt);
	kfree(sgt);
}

struct sg_table *mbh_alloc_table_unknown(struct device *dev, bool other)
{
	if (other)
		return mbh_unknown_table(dev);
	return mbh_single_table();
}

void mbh_vmap_unknown(struct sg_table *sgt)
{
	touch(page_address(sg_page(sgt->sgl))); /* expect: phys-kmap */
}

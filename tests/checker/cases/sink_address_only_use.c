// SPDX-License-Identifier: GPL-2.0
/*
 * An address that a sink computes harms nothing until something reads or
 * writes through it.  pci_free_p2pmem() hands a P2PDMA page's address back
 * to its pool, where gen_pool_free_owner() takes it as a key (the model's
 * addressonly line): freeing a scatterlist that way is silent, through a
 * helper of this file and through a helper of that helper (their
 * summaries say the parameter is only an address).  A helper that reads
 * through it, and a function the model says nothing of, are uses.
 */
#include <linux/mm.h>
#include <linux/scatterlist.h>

/* <linux/genalloc.h>'s */
struct gen_pool;
void gen_pool_free_owner(struct gen_pool *pool, unsigned long addr, size_t size,
			 void **owner);

struct tao_pool {
	struct gen_pool *pool;
};

static void tao_free(struct tao_pool *p, void *addr, size_t size)
{
	void *owner;

	gen_pool_free_owner(p->pool, (unsigned long)addr, size, &owner);
}

static void tao_free_again(struct tao_pool *p, void *addr, size_t size)
{
	tao_free(p, addr, size);
}

static u8 tao_peek(void *addr)
{
	return *(u8 *)addr;
}

void tao_remember(void *addr);
void tao_free_sgl(struct tao_pool *p, struct scatterlist *sg);
u8 tao_peek_sgl(struct scatterlist *sg);
void tao_remember_sgl(struct scatterlist *sg);

void tao_free_sgl(struct tao_pool *p, struct scatterlist *sg)
{
	tao_free(p, sg_virt(sg), sg->length);
	tao_free_again(p, sg_virt(sg), sg->length);
}

u8 tao_peek_sgl(struct scatterlist *sg)
{
	return tao_peek(sg_virt(sg)); /* expect: phys-kmap */
}

void tao_remember_sgl(struct scatterlist *sg)
{
	tao_remember(sg_virt(sg)); /* expect: phys-kmap */
}

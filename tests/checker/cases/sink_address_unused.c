// SPDX-License-Identifier: GPL-2.0
/*
 * An address sink counts only when the address is used.  page_address()
 * of a page that may be a peer's BAR, only compared with a range (what
 * kernel/dma/debug.c does to spot stack buffers), touches nothing: silent.
 * The same address read through, or passed on, can fault: phys-kmap.
 * memzero_page() accesses the page itself, whatever it returns: phys-kmap.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>

bool taddr_on_stack(struct scatterlist *sg, const void *lo, const void *hi);
u8 taddr_read(struct scatterlist *sg);
void taddr_pass(struct scatterlist *sg, void (*fn)(void *));
void taddr_zero(struct scatterlist *sg);

bool taddr_on_stack(struct scatterlist *sg, const void *lo, const void *hi)
{
	const u8 *p = page_address(sg_page(sg));

	return p >= (const u8 *)lo && p < (const u8 *)hi;
}

u8 taddr_read(struct scatterlist *sg)
{
	const u8 *p = page_address(sg_page(sg)); /* expect: phys-kmap */

	return p[sg->offset];
}

void taddr_pass(struct scatterlist *sg, void (*fn)(void *))
{
	fn(page_address(sg_page(sg))); /* expect: phys-kmap */
}

void taddr_zero(struct scatterlist *sg)
{
	memzero_page(sg_page(sg), sg->offset, sg->length); /* expect: phys-kmap */
}

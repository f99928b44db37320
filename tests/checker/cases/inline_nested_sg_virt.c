// SPDX-License-Identifier: GPL-2.0
/*
 * A sink inside an inline that the model does not name.  sg_virt() is
 * page_address(sg_page(sg)) + offset, in a header: its body is inlined
 * into the caller, where the page_address() (lowmem_page_address())
 * inside it sees the MAYBE page of sg_page().  The finding belongs to
 * the caller, at the sg_virt() call: phys-kmap there.
 * A driver's own inline helper of the same shape, defined in this file,
 * is a function of its own: the finding is reported once, in its body
 * where the sink is, and not again at each call it was inlined into.
 */
#include <linux/mm.h>
#include <linux/scatterlist.h>

static inline u8 *tnest_entry_va(struct scatterlist *sg)
{
	return page_address(sg_page(sg)) + sg->offset; /* expect: phys-kmap */
}

u8 tnest(struct scatterlist *sg);

u8 tnest(struct scatterlist *sg)
{
	u8 *a = sg_virt(sg); /* expect: phys-kmap */
	u8 *b = tnest_entry_va(sg);

	return *a ^ *b;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A sink behind a macro that is its own name, as x86's
 * `#define phys_to_virt phys_to_virt` (arch/x86/include/asm/io.h): the
 * call's '(' is the source's, and both front ends put the finding there
 * (kernel/dma/direct.c on 7.3 was reported at two columns before).  The
 * line is indented with a tab and the call is not the first thing on it,
 * so the column says which of name and '(' a front end took.
 */
#include <linux/mm.h>
#include <linux/scatterlist.h>

#define phys_to_virt phys_to_virt

void tself(struct scatterlist *sg);

void tself(struct scatterlist *sg)
{
	u8 *lm_addr;

	lm_addr = phys_to_virt(sg_phys(sg)); /* expect: phys-kmap */
	*lm_addr = 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Findings come out in the order of the functions they are in, whatever
 * order the engine settles the functions in: ord_first() calls a
 * function defined after it, so its summary settles last, while
 * ord_second()'s is final at once and is reported ahead of its turn.
 * tests/checker/run checks that ord_first()'s finding still comes first.
 */
#include <physcheck.h>
#include <linux/mm.h>

u32 ord_first(phys_addr_t __mmio_phys regs);
u32 ord_second(phys_addr_t __mmio_phys regs);
static u32 ord_later(u32 v);

u32 ord_first(phys_addr_t __mmio_phys regs)
{
	const u32 *va = phys_to_virt(regs); /* expect: phys-mmio */

	return ord_later(va[0]);
}

u32 ord_second(phys_addr_t __mmio_phys regs)
{
	const u32 *va = phys_to_virt(regs); /* expect: phys-mmio */

	return va[0];
}

static u32 ord_later(u32 v)
{
	return v + 1;
}

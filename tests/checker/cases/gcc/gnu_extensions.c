// SPDX-License-Identifier: GPL-2.0
// frontends: gcc
/*
 * GNU C that sparse does not take (nested functions) next to shapes the
 * GIMPLE lowering must survive: asm goto, a computed goto, a variadic
 * call, an indirect call.  The plugin must neither crash nor change the
 * code; the findings are the usual ones, found through all of it.
 * Limited to gcc: sparse rejects nested functions.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

int tgnu_nested(struct pci_dev *pdev, int bar);
int tgnu_jumps(struct scatterlist *sg, int i);

int tgnu_nested(struct pci_dev *pdev, int bar)
{
	int peek(int off)
	{
		const u8 *va = phys_to_virt(pci_resource_start(pdev, bar)); /* expect: phys-mmio */

		return va[off];
	}
	return peek(0) + peek(1);
}

static int tgnu_sum(int n, ...)
{
	__builtin_va_list ap;
	int s = 0;

	__builtin_va_start(ap, n);
	while (n--)
		s += __builtin_va_arg(ap, int);
	__builtin_va_end(ap);
	return s;
}

int tgnu_jumps(struct scatterlist *sg, int i)
{
	static void *const where[] = { &&ram, &&maybe };
	void *(*map)(phys_addr_t) = i > 2 ? phys_to_virt : NULL;
	phys_addr_t phys = sg_phys(sg);

	asm goto("" : : : : maybe);
	goto *where[i & 1];
ram:
	return tgnu_sum(2, i, (int)phys) + (map ? map(phys) != NULL : 0);
maybe:
	return *(u8 *)phys_to_virt(phys); /* expect: phys-kmap */
}

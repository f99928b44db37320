// SPDX-License-Identifier: GPL-2.0
/*
 * `resource.start` is an MMIO source whoever reads it: a platform
 * driver's IORESOURCE_MEM resource is a register window.  The load comes
 * from a struct resource the driver was handed, not from a PCI helper.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/ioport.h>
#include <linux/io.h>

struct tplat {
	struct resource *mem;
	void __iomem *regs;
};

int tplat_map(struct tplat *p);
u32 tplat_bad_peek(struct tplat *p);

int tplat_map(struct tplat *p)
{
	p->regs = ioremap(p->mem->start, resource_size(p->mem));
	return p->regs ? 0 : -ENOMEM;
}

u32 tplat_bad_peek(struct tplat *p)
{
	unsigned long pfn = PHYS_PFN(p->mem->start);
	u32 *va = kmap_local_pfn(pfn); /* expect: phys-mmio */
	u32 val = va[0];

	kunmap_local(va);
	return val;
}

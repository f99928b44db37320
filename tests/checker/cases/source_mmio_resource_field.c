// SPDX-License-Identifier: GPL-2.0
/*
 * A bare `resource.start` is no information: struct resource describes
 * System RAM as well as register windows (kernel/resource.c walks both,
 * and x86's ROM probing reads adapter ROM resources in the first
 * megabyte, which the direct map covers).  Only a PCI device's BAR,
 * `pci_dev.resource.start`, is MMIO by itself; see
 * source_mmio_pci_resource_start.c.  So this driver's read of a resource
 * it was handed stays silent, where the same read of a BAR warns.
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
	u32 *va = kmap_local_pfn(pfn);
	u32 val = va[0];

	kunmap_local(va);
	return val;
}

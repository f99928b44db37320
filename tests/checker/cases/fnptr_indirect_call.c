// SPDX-License-Identifier: GPL-2.0
/*
 * Indirect calls are conservative: a call through a function pointer
 * has no summary, so passing a BAR or an sg phys to it is not
 * phys-requires (the checker cannot know which function runs), and its
 * result carries no information.  Even when the only function ever
 * stored in the pointer kmaps its argument, nothing is invented.  The
 * checker must not crash on any of these shapes.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>

typedef void (*tfp_fill_t)(phys_addr_t phys, size_t len);
typedef phys_addr_t (*tfp_lookup_t)(struct scatterlist *sg);

struct tfp_ops {
	tfp_fill_t fill;
	tfp_lookup_t lookup;
};

void tfp_run(const struct tfp_ops *ops, struct pci_dev *pdev,
	     struct scatterlist *sg);
void tfp_local(struct pci_dev *pdev, struct scatterlist *sg, bool zero);

static void tfp_zero(phys_addr_t phys, size_t len)
{
	u8 *va = kmap_local_pfn(PHYS_PFN(phys));

	va[0] = (u8)len;
	kunmap_local(va);
}

static void tfp_nop(phys_addr_t phys, size_t len)
{
	(void)phys;
	(void)len;
}

void tfp_run(const struct tfp_ops *ops, struct pci_dev *pdev,
	     struct scatterlist *sg)
{
	phys_addr_t found;

	ops->fill(pci_resource_start(pdev, 0), 4);
	ops->fill(sg_phys(sg), sg->length);
	found = ops->lookup(sg);
	phys_to_virt(found);
}

void tfp_local(struct pci_dev *pdev, struct scatterlist *sg, bool zero)
{
	tfp_fill_t fill = zero ? tfp_zero : tfp_nop;

	fill(pci_resource_start(pdev, 0), 4);
	fill(sg_phys(sg), sg->length);
	(*fill)(sg_phys(sg), 1);
}

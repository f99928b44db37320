// SPDX-License-Identifier: GPL-2.0
/*
 * A recursive function's return summary: tret_find() returns either a
 * BAR address or its own recursive result, so to a fixed point it
 * returns MMIO.  Mapping the result is phys-mmio at the caller.  A
 * recursive function that returns only kmalloc'd RAM is clean.
 */
#include <linux/mm.h>
#include <linux/pci.h>

struct tret_node {
	struct tret_node *next;
	struct pci_dev *pdev;
	void *buf;
};

void *tret_map_bar(struct tret_node *n);
void *tret_map_buf(struct tret_node *n);

static phys_addr_t tret_find(struct tret_node *n)
{
	if (n->next)
		return tret_find(n->next);
	return pci_resource_start(n->pdev, 0);
}

static phys_addr_t tret_find_buf(struct tret_node *n)
{
	if (n->next)
		return tret_find_buf(n->next);
	return virt_to_phys(n->buf);
}

void *tret_map_bar(struct tret_node *n)
{
	return phys_to_virt(tret_find(n)); /* expect: phys-mmio */
}

void *tret_map_buf(struct tret_node *n)
{
	return phys_to_virt(tret_find_buf(n));
}

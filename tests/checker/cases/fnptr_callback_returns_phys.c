// SPDX-License-Identifier: GPL-2.0
/*
 * A phys obtained through a callback, and a callback stored in a local
 * struct: no information either way.  Mapping such a phys is silent (the
 * checker reports only what it can prove or what a model entry says).
 * A BAR stored next to the callback in the same struct and loaded back
 * is still MMIO: phys-mmio.  No crash on the casts between pointer types.
 */
#include <linux/mm.h>
#include <linux/pci.h>

struct tcb {
	phys_addr_t (*get)(void *ctx);
	void *ctx;
	phys_addr_t bar;
};

void *tcb_map(struct tcb *cb);
void *tcb_local(struct pci_dev *pdev, phys_addr_t (*get)(void *), void *ctx);

void *tcb_map(struct tcb *cb)
{
	return phys_to_virt(cb->get(cb->ctx));
}

void *tcb_local(struct pci_dev *pdev, phys_addr_t (*get)(void *), void *ctx)
{
	struct tcb cb = { .get = get, .ctx = ctx };
	void *(*map)(phys_addr_t) = (void *(*)(phys_addr_t))(void *)get;

	cb.bar = pci_resource_start(pdev, 0);
	phys_to_virt(cb.get(cb.ctx));
	map(cb.bar);
	return phys_to_virt(cb.bar); /* expect: phys-mmio */
}

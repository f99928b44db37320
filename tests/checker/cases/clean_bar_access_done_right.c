// SPDX-License-Identifier: GPL-2.0
/*
 * Clean: a driver that uses its BAR only the legal ways.  The BAR phys is
 * ioremap()ed for the CPU, handed to a peer with dma_map_resource() and
 * dma_map_phys(..., DMA_ATTR_MMIO), range-checked, printed and stored.
 * None of that is a cacheable CPU mapping.  No warning.
 */
#include <linux/mm.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

struct tbar_priv {
	phys_addr_t	bar;
	resource_size_t	len;
	void __iomem	*regs;
	dma_addr_t	peer_dma;
	dma_addr_t	peer_dma2;
};

int tbar_setup(struct pci_dev *pdev, struct tbar_priv *p, struct device *peer);

int tbar_setup(struct pci_dev *pdev, struct tbar_priv *p, struct device *peer)
{
	p->bar = pci_resource_start(pdev, 2);
	p->len = pci_resource_len(pdev, 2);
	if (!p->bar || p->len < PAGE_SIZE || !IS_ALIGNED(p->bar, PAGE_SIZE))
		return -ENODEV;
	pr_debug("bar at %llx\n", (unsigned long long)p->bar);
	p->regs = ioremap(p->bar, p->len);
	if (!p->regs)
		return -ENOMEM;
	writel(1, p->regs);
	p->peer_dma = dma_map_resource(peer, p->bar, PAGE_SIZE,
				       DMA_BIDIRECTIONAL, 0);
	p->peer_dma2 = dma_map_phys(peer, p->bar + PAGE_SIZE, PAGE_SIZE,
				    DMA_BIDIRECTIONAL, DMA_ATTR_MMIO);
	return dma_mapping_error(peer, p->peer_dma);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A conditional requirement inside one file: ruattr_map() bounces its
 * phys through the direct map only when its attrs lack DMA_ATTR_MMIO, so
 * its summary is "parameter 2 must be kmappable unless parameter 3
 * carries DMA_ATTR_MMIO".  A BAR with DMA_ATTR_MMIO is fine; a BAR with
 * attrs 0 is a finding; a wrapper that hands its own attrs on keeps the
 * condition, and its callers are judged by it in turn.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/dma-mapping.h>

void ruattr_bar_mmio(struct pci_dev *pdev);
void ruattr_bar_plain(struct pci_dev *pdev);
void ruattr_wrapped_mmio(struct pci_dev *pdev);
void ruattr_wrapped_plain(struct pci_dev *pdev);

static void ruattr_map(struct device *dev, phys_addr_t phys,
		       unsigned long attrs)
{
	if (!(attrs & DMA_ATTR_MMIO))
		memset(phys_to_virt(phys), 0, 8);
}

static void ruattr_wrap(phys_addr_t phys, unsigned long attrs)
{
	ruattr_map(NULL, phys, attrs);
}

void ruattr_bar_mmio(struct pci_dev *pdev)
{
	ruattr_map(&pdev->dev, pci_resource_start(pdev, 0), DMA_ATTR_MMIO);
}

void ruattr_bar_plain(struct pci_dev *pdev)
{
	ruattr_map(&pdev->dev, pci_resource_start(pdev, 0), 0);	/* expect: phys-requires */ /* note: unless its argument 3 carries DMA_ATTR_MMIO */
}

void ruattr_wrapped_mmio(struct pci_dev *pdev)
{
	ruattr_wrap(pci_resource_start(pdev, 0), DMA_ATTR_MMIO);
}

void ruattr_wrapped_plain(struct pci_dev *pdev)
{
	ruattr_wrap(pci_resource_start(pdev, 0), 0);	/* expect: phys-requires */
}

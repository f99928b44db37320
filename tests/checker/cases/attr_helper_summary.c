// SPDX-License-Identifier: GPL-2.0
/*
 * A conditional summary.  tahs_map() passes its phys and its attrs
 * straight to dma_map_phys(), so it gets "parameter 2 must be RAM unless
 * parameter 4 carries DMA_ATTR_MMIO".  Inside it there is no finding:
 * its parameters carry no information of their own.  Each caller is
 * checked against the summary at ITS call: a BAR with attrs 0 is
 * phys-attr there; a BAR with DMA_ATTR_MMIO and a kmalloc buffer with 0
 * are clean.  A second level (tahs_map_dir() calls tahs_map() with its own
 * attrs) carries the same condition up one more call.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/dma-mapping.h>

dma_addr_t tahs_bar_plain(struct pci_dev *pdev, struct device *dev);
dma_addr_t tahs_bar_mmio(struct pci_dev *pdev, struct device *dev);
dma_addr_t tahs_ram_plain(struct device *dev, void *buf);
dma_addr_t tahs_bar_plain_two_levels(struct pci_dev *pdev, struct device *dev);
dma_addr_t tahs_bar_mmio_two_levels(struct pci_dev *pdev, struct device *dev);

static dma_addr_t tahs_map(struct device *dev, phys_addr_t phys, size_t len,
			   unsigned long attrs)
{
	return dma_map_phys(dev, phys, len, DMA_TO_DEVICE, attrs);
}

static dma_addr_t tahs_map_dir(struct device *dev, phys_addr_t phys,
			       unsigned long attrs)
{
	return tahs_map(dev, phys, PAGE_SIZE, attrs | DMA_ATTR_SKIP_CPU_SYNC);
}

dma_addr_t tahs_bar_plain(struct pci_dev *pdev, struct device *dev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	return tahs_map(dev, bar, PAGE_SIZE, 0); /* expect: phys-attr */
}

dma_addr_t tahs_bar_mmio(struct pci_dev *pdev, struct device *dev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	return tahs_map(dev, bar, PAGE_SIZE, DMA_ATTR_MMIO);
}

dma_addr_t tahs_ram_plain(struct device *dev, void *buf)
{
	return tahs_map(dev, virt_to_phys(buf), 64, 0);
}

dma_addr_t tahs_bar_plain_two_levels(struct pci_dev *pdev, struct device *dev)
{
	return tahs_map_dir(dev, pci_resource_start(pdev, 2), 0); /* expect: phys-attr */
}

dma_addr_t tahs_bar_mmio_two_levels(struct pci_dev *pdev, struct device *dev)
{
	return tahs_map_dir(dev, pci_resource_start(pdev, 2), DMA_ATTR_MMIO);
}

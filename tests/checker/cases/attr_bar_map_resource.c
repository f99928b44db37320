// SPDX-License-Identifier: GPL-2.0
/*
 * dma_map_resource() is the older way to map MMIO: it takes a phys that
 * is MMIO by definition and has no DMA_ATTR_MMIO to forget.  A BAR passed
 * to it with attrs 0 is clean (phys-attr looks at dma_map_phys() and
 * dma_iova_link(), whose attrs say what the phys is).  The same BAR
 * through dma_map_phys() with attrs 0, next to it, is the finding.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

dma_addr_t tabr_map_resource(struct pci_dev *pdev, struct device *dev);
dma_addr_t tabr_map_resource_flags(struct pci_dev *pdev, struct device *dev);
dma_addr_t tabr_map_phys(struct pci_dev *pdev, struct device *dev);

dma_addr_t tabr_map_resource(struct pci_dev *pdev, struct device *dev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	return dma_map_resource(dev, bar, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
}

dma_addr_t tabr_map_resource_flags(struct pci_dev *pdev, struct device *dev)
{
	return dma_map_resource(dev, pci_resource_start(pdev, 2) + 0x100, 64,
				DMA_TO_DEVICE, DMA_ATTR_SKIP_CPU_SYNC);
}

dma_addr_t tabr_map_phys(struct pci_dev *pdev, struct device *dev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	return dma_map_phys(dev, bar, PAGE_SIZE, DMA_BIDIRECTIONAL, 0); /* expect: phys-attr */
}

// SPDX-License-Identifier: GPL-2.0
/*
 * phys-attr: a BAR (pci_resource_start(), proven MMIO) mapped with
 * dma_map_phys() and attrs that lack DMA_ATTR_MMIO.  dma-direct then
 * treats it as RAM: a cache flush through the linear map, maybe a
 * swiotlb bounce, both CPU accesses to device memory.  The finding is on
 * the line of the call, whether attrs is 0, another flag, or a variable
 * that holds no DMA_ATTR_MMIO on any path.  (Each call that should warn
 * is on one line, so that the line is the call's whichever argument a
 * front end places the finding at.)  A BAR plus an offset is
 * still the BAR.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

dma_addr_t tabn_map_zero(struct pci_dev *pdev, struct device *dev);
dma_addr_t tabn_map_other_flag(struct pci_dev *pdev, struct device *dev);
dma_addr_t tabn_map_variable(struct pci_dev *pdev, struct device *dev,
			     size_t off);

dma_addr_t tabn_map_zero(struct pci_dev *pdev, struct device *dev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	return dma_map_phys(dev, bar, PAGE_SIZE, DMA_TO_DEVICE, 0); /* expect: phys-attr */
}

dma_addr_t tabn_map_other_flag(struct pci_dev *pdev, struct device *dev)
{
	return dma_map_phys(dev, pci_resource_start(pdev, 2), 64, DMA_FROM_DEVICE, DMA_ATTR_SKIP_CPU_SYNC); /* expect: phys-attr */
}

dma_addr_t tabn_map_variable(struct pci_dev *pdev, struct device *dev,
			     size_t off)
{
	unsigned long attrs = DMA_ATTR_WEAK_ORDERING;
	phys_addr_t phys = pci_resource_start(pdev, 4) + off;

	attrs |= DMA_ATTR_SKIP_CPU_SYNC;
	return dma_map_phys(dev, phys, PAGE_SIZE, DMA_BIDIRECTIONAL, attrs); /* expect: phys-attr */
}

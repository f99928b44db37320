// SPDX-License-Identifier: GPL-2.0
/*
 * The right way to map a BAR with the phys API: dma_map_phys() with
 * DMA_ATTR_MMIO in attrs, alone, with other flags, or through a variable
 * that carries it on every path.  None of these is a phys-attr finding,
 * and the MMIO flag asserted on a phys that is MMIO is no finding of any
 * other check either.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

dma_addr_t tabc_map(struct pci_dev *pdev, struct device *dev);
dma_addr_t tabc_map_flags(struct pci_dev *pdev, struct device *dev);
dma_addr_t tabc_map_variable(struct pci_dev *pdev, struct device *dev,
			     bool sync);

dma_addr_t tabc_map(struct pci_dev *pdev, struct device *dev)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	return dma_map_phys(dev, bar, PAGE_SIZE, DMA_TO_DEVICE, DMA_ATTR_MMIO);
}

dma_addr_t tabc_map_flags(struct pci_dev *pdev, struct device *dev)
{
	return dma_map_phys(dev, pci_resource_start(pdev, 2), PAGE_SIZE,
			    DMA_FROM_DEVICE,
			    DMA_ATTR_MMIO | DMA_ATTR_SKIP_CPU_SYNC);
}

dma_addr_t tabc_map_variable(struct pci_dev *pdev, struct device *dev,
			     bool sync)
{
	unsigned long attrs = DMA_ATTR_MMIO;

	if (!sync)
		attrs |= DMA_ATTR_SKIP_CPU_SYNC;
	return dma_map_phys(dev, pci_resource_start(pdev, 4), PAGE_SIZE,
			    DMA_BIDIRECTIONAL, attrs);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Sink swiotlb_map (argument 2, a phys): bouncing copies the original
 * buffer through the direct map, so what a caller passes must be
 * kmappable.  kernel/dma/direct.h checks is_pci_p2pdma_page() before it
 * for that reason.  A maybe phys: phys-kmap; a BAR: phys-mmio; a kmalloc
 * buffer: clean; the P2PDMA-guarded call: clean.
 */
#include <include_cases/physcheck_cases.h>

dma_addr_t swiotlb_map(struct device *dev, phys_addr_t paddr, size_t size,
		       enum dma_data_direction dir, unsigned long attrs);
void tswb(struct device *dev, struct scatterlist *sg, struct pci_dev *pdev,
	  void *buf);

void tswb(struct device *dev, struct scatterlist *sg, struct pci_dev *pdev,
	  void *buf)
{
	swiotlb_map(dev, sg_phys(sg), sg->length, DMA_TO_DEVICE, 0); /* expect: phys-kmap */
	swiotlb_map(dev, pci_resource_start(pdev, 0), 64, DMA_TO_DEVICE, 0); /* expect: phys-mmio */
	swiotlb_map(dev, virt_to_phys(buf), 64, DMA_TO_DEVICE, 0);
	if (!is_pci_p2pdma_page(sg_page(sg)))
		swiotlb_map(dev, sg_phys(sg), sg->length, DMA_TO_DEVICE, 0);
}

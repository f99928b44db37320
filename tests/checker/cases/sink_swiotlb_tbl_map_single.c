// SPDX-License-Identifier: GPL-2.0
/*
 * Sink swiotlb_tbl_map_single() (argument 2, the original phys): the
 * bounce copy reads or writes it through the linear map.  Bouncing an sg
 * entry without ruling out P2PDMA is phys-kmap; bouncing a BAR is
 * phys-mmio; bouncing a kmalloc buffer is clean.  Argument 1 is the
 * device and the returned slot is swiotlb's own RAM.
 */
#include <include_cases/physcheck_cases.h>

void tbounce(struct device *dev, struct pci_dev *pdev, struct scatterlist *sg,
	     void *buf);

void tbounce(struct device *dev, struct pci_dev *pdev, struct scatterlist *sg,
	     void *buf)
{
	phys_addr_t tlb;

	swiotlb_tbl_map_single(dev, sg_phys(sg), sg->length, 0, DMA_TO_DEVICE, 0); /* expect: phys-kmap */
	swiotlb_tbl_map_single(dev, pci_resource_start(pdev, 0), 64, 0, DMA_TO_DEVICE, 0); /* expect: phys-mmio */
	tlb = swiotlb_tbl_map_single(dev, virt_to_phys(buf), 64, 0, DMA_TO_DEVICE, 0);
	arch_sync_dma_for_device(tlb, 64, DMA_TO_DEVICE);
}

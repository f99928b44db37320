// SPDX-License-Identifier: GPL-2.0
/*
 * Sinks arch_sync_dma_for_device() and arch_sync_dma_for_cpu() (argument
 * 1, a phys): cache maintenance through the linear map.  An sg entry's
 * phys: phys-kmap; a BAR: phys-mmio; a kmalloc buffer: clean.  The size
 * and direction arguments are not phys and never warn.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include <linux/dma-map-ops.h>

void tsync(struct pci_dev *pdev, struct scatterlist *sg, void *buf);

void tsync(struct pci_dev *pdev, struct scatterlist *sg, void *buf)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);

	arch_sync_dma_for_device(sg_phys(sg), sg->length, DMA_TO_DEVICE); /* expect: phys-kmap */
	arch_sync_dma_for_device(bar, PAGE_SIZE, DMA_TO_DEVICE); /* expect: phys-mmio */
	arch_sync_dma_for_device(virt_to_phys(buf), 64, DMA_TO_DEVICE);
	arch_sync_dma_for_cpu(sg_phys(sg), sg->length, DMA_FROM_DEVICE); /* expect: phys-kmap */
	arch_sync_dma_for_cpu(bar, PAGE_SIZE, DMA_FROM_DEVICE); /* expect: phys-mmio */
	arch_sync_dma_for_cpu(virt_to_phys(buf), 64, DMA_FROM_DEVICE);
}

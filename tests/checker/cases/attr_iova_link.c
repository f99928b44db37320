// SPDX-License-Identifier: GPL-2.0
/*
 * dma_iova_link(dev, state, phys, offset, size, dir, attrs) maps a phys
 * into an IOVA range allocated by dma_iova_try_alloc(): phys is argument
 * 3, attrs argument 7, and the rule is dma_map_phys()'s.  A BAR linked
 * without DMA_ATTR_MMIO is phys-attr on the call's line; with it, clean;
 * a kmalloc buffer linked without it, clean.  dma_iova_try_alloc() takes
 * a phys but no attrs (it only aligns the IOVA): never a finding.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/dma-mapping.h>

int taiv_link_bar_plain(struct pci_dev *pdev, struct device *dev,
			struct dma_iova_state *state);
int taiv_link_bar_mmio(struct pci_dev *pdev, struct device *dev,
		       struct dma_iova_state *state);
int taiv_link_ram(struct device *dev, struct dma_iova_state *state, void *buf);

int taiv_link_bar_plain(struct pci_dev *pdev, struct device *dev,
			struct dma_iova_state *state)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);
	int ret;

	if (!dma_iova_try_alloc(dev, state, bar, PAGE_SIZE))
		return -ENOMEM;
	ret = dma_iova_link(dev, state, bar, 0, PAGE_SIZE, DMA_TO_DEVICE, 0); /* expect: phys-attr */
	if (ret)
		return ret;
	return dma_iova_sync(dev, state, 0, PAGE_SIZE);
}

int taiv_link_bar_mmio(struct pci_dev *pdev, struct device *dev,
		       struct dma_iova_state *state)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);
	int ret;

	if (!dma_iova_try_alloc(dev, state, bar, PAGE_SIZE))
		return -ENOMEM;
	ret = dma_iova_link(dev, state, bar, 0, PAGE_SIZE, DMA_TO_DEVICE,
			    DMA_ATTR_MMIO);
	if (ret)
		return ret;
	return dma_iova_sync(dev, state, 0, PAGE_SIZE);
}

int taiv_link_ram(struct device *dev, struct dma_iova_state *state, void *buf)
{
	phys_addr_t phys = virt_to_phys(buf);
	int ret;

	if (!dma_iova_try_alloc(dev, state, phys, 64))
		return -ENOMEM;
	ret = dma_iova_link(dev, state, phys, 0, 64, DMA_TO_DEVICE, 0);
	if (ret) {
		dma_iova_free(dev, state);
		return ret;
	}
	return dma_iova_sync(dev, state, 0, 64);
}

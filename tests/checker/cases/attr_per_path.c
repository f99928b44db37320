// SPDX-License-Identifier: GPL-2.0
/*
 * attrs are evaluated per path, together with the phys they describe.
 * Setting DMA_ATTR_MMIO exactly where is_pci_p2pdma_page() is true maps
 * a P2PDMA page with the flag and RAM without it: clean on both paths,
 * although the joined phys may be either and the joined attrs may or may
 * not carry the flag.  The same through a ternary is clean.  A BAR whose
 * attrs get DMA_ATTR_MMIO only on one branch of an unrelated condition
 * reaches the call without it on the other path: phys-attr.  Per path
 * also means a join must not hide a bug: the P2PDMA page given another
 * flag than DMA_ATTR_MMIO, or the flag given to the RAM path instead, is
 * proven MMIO without the flag on one path (the joined phys, "either",
 * would say nothing): phys-attr.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

dma_addr_t tapp_map_page(struct device *dev, struct page *page, size_t len);
dma_addr_t tapp_map_page_ternary(struct device *dev, struct page *page,
				 size_t len);
dma_addr_t tapp_map_bar(struct pci_dev *pdev, struct device *dev, bool wc);
dma_addr_t tapp_map_page_wrong_flag(struct device *dev, struct page *page,
				    size_t len);
dma_addr_t tapp_map_page_inverted(struct device *dev, struct page *page,
				  size_t len);

dma_addr_t tapp_map_page(struct device *dev, struct page *page, size_t len)
{
	unsigned long attrs = 0;

	if (is_pci_p2pdma_page(page))
		attrs |= DMA_ATTR_MMIO;
	return dma_map_phys(dev, page_to_phys(page), len, DMA_TO_DEVICE, attrs);
}

dma_addr_t tapp_map_page_ternary(struct device *dev, struct page *page,
				 size_t len)
{
	unsigned long attrs = is_pci_p2pdma_page(page) ? DMA_ATTR_MMIO : 0;

	return dma_map_phys(dev, page_to_phys(page), len, DMA_TO_DEVICE,
			    attrs | DMA_ATTR_SKIP_CPU_SYNC);
}

dma_addr_t tapp_map_bar(struct pci_dev *pdev, struct device *dev, bool wc)
{
	phys_addr_t bar = pci_resource_start(pdev, 0);
	unsigned long attrs = 0;

	if (wc)
		attrs |= DMA_ATTR_MMIO;
	return dma_map_phys(dev, bar, PAGE_SIZE, DMA_FROM_DEVICE, attrs); /* expect: phys-attr */
}

dma_addr_t tapp_map_page_wrong_flag(struct device *dev, struct page *page,
				    size_t len)
{
	unsigned long attrs = 0;

	if (is_pci_p2pdma_page(page))
		attrs |= DMA_ATTR_SKIP_CPU_SYNC;
	return dma_map_phys(dev, page_to_phys(page), len, DMA_TO_DEVICE, attrs); /* expect: phys-attr */
}

dma_addr_t tapp_map_page_inverted(struct device *dev, struct page *page,
				  size_t len)
{
	unsigned long attrs = 0;

	if (!is_pci_p2pdma_page(page))
		attrs |= DMA_ATTR_MMIO;
	return dma_map_phys(dev, page_to_phys(page), len, DMA_TO_DEVICE, attrs); /* expect: phys-attr */
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A switch on pci_p2pdma_state(), as dma-direct, dma-iommu and mm/hmm.c
 * map a page.  In every case but PCI_P2PDMA_MAP_NONE the page is a
 * P2PDMA page, a peer's BAR, proven MMIO.  PCI_P2PDMA_MAP_THRU_HOST_BRIDGE
 * maps it by CPU physical address like RAM, and must say DMA_ATTR_MMIO:
 * without it, phys-attr at the dma_map_phys() (the pre-fix mm/hmm.c and
 * block/blk-mq-dma.c shape); with it, clean.  PCI_P2PDMA_MAP_NONE, RAM,
 * mapped without the flag is clean; PCI_P2PDMA_MAP_BUS_ADDR maps nothing.
 */
#include <linux/mm.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

dma_addr_t tasw_map_forgot(struct device *dev, struct page *page,
			   struct pci_p2pdma_map_state *state);
dma_addr_t tasw_map_right(struct device *dev, struct page *page,
			  struct pci_p2pdma_map_state *state);

dma_addr_t tasw_map_forgot(struct device *dev, struct page *page,
			   struct pci_p2pdma_map_state *state)
{
	phys_addr_t paddr = page_to_phys(page);

	switch (pci_p2pdma_state(state, dev, page)) {
	case PCI_P2PDMA_MAP_NONE:
		return dma_map_phys(dev, paddr, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	case PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:
		return dma_map_phys(dev, paddr, PAGE_SIZE, DMA_BIDIRECTIONAL, 0); /* expect: phys-attr */
	case PCI_P2PDMA_MAP_BUS_ADDR:
		return pci_p2pdma_bus_addr_map(state, paddr);
	default:
		return DMA_MAPPING_ERROR;
	}
}

dma_addr_t tasw_map_right(struct device *dev, struct page *page,
			  struct pci_p2pdma_map_state *state)
{
	phys_addr_t paddr = page_to_phys(page);

	switch (pci_p2pdma_state(state, dev, page)) {
	case PCI_P2PDMA_MAP_NONE:
		return dma_map_phys(dev, paddr, PAGE_SIZE, DMA_BIDIRECTIONAL, 0);
	case PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:
		return dma_map_phys(dev, paddr, PAGE_SIZE, DMA_BIDIRECTIONAL,
				    DMA_ATTR_MMIO);
	case PCI_P2PDMA_MAP_BUS_ADDR:
		return pci_p2pdma_bus_addr_map(state, paddr);
	default:
		return DMA_MAPPING_ERROR;
	}
}

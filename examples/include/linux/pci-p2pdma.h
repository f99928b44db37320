/* SPDX-License-Identifier: GPL-2.0 */
/*
 * PCI peer-to-peer DMA: struct pages (ZONE_DEVICE, MEMORY_DEVICE_PCI_P2PDMA)
 * that stand for a PCI BAR.  Their phys is MMIO even though they have a
 * struct page, so kmap_local_page() of one is a cacheable MMIO mapping.
 */
#ifndef _LINUX_PCI_P2PDMA_H
#define _LINUX_PCI_P2PDMA_H

#include <linux/pci.h>
#include <linux/memremap.h>

enum pci_p2pdma_map_type {
	/* not yet looked up for this pgmap and device */
	PCI_P2PDMA_MAP_UNKNOWN = 0,
	/* not a P2PDMA page: map it like any other RAM */
	PCI_P2PDMA_MAP_NONE,
	/* the two devices cannot reach each other */
	PCI_P2PDMA_MAP_NOT_SUPPORTED,
	/* same switch: program the bus address, no IOMMU mapping */
	PCI_P2PDMA_MAP_BUS_ADDR,
	/* through the host bridge: map the phys as MMIO */
	PCI_P2PDMA_MAP_THRU_HOST_BRIDGE,
};

struct pci_p2pdma_map_state {
	struct dev_pagemap *pgmap;
	enum pci_p2pdma_map_type map;
	u64 bus_off;
};

static inline bool is_pci_p2pdma_page(const struct page *page)
{
	return is_zone_device_page(page) &&
		page_pgmap(page)->type == MEMORY_DEVICE_PCI_P2PDMA;
}

enum pci_p2pdma_map_type pci_p2pdma_map_type(struct dev_pagemap *pgmap,
					     struct device *dev);

static inline enum pci_p2pdma_map_type
pci_p2pdma_state(struct pci_p2pdma_map_state *state, struct device *dev,
		 struct page *page)
{
	if (!is_pci_p2pdma_page(page))
		return PCI_P2PDMA_MAP_NONE;
	if (state->pgmap != page_pgmap(page)) {
		state->pgmap = page_pgmap(page);
		state->map = pci_p2pdma_map_type(state->pgmap, dev);
		state->bus_off = state->pgmap->pci_p2pdma_bus_offset;
	}
	return state->map;
}

static inline dma_addr_t
pci_p2pdma_bus_addr_map(struct pci_p2pdma_map_state *state, phys_addr_t paddr)
{
	return paddr + state->bus_off;
}

void *pci_alloc_p2pmem(struct pci_dev *pdev, size_t size);
void pci_free_p2pmem(struct pci_dev *pdev, void *addr, size_t size);

#endif /* _LINUX_PCI_P2PDMA_H */

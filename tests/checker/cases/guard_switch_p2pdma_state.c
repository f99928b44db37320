// SPDX-License-Identifier: GPL-2.0
/*
 * The dma-direct map_sg shape: switch on pci_p2pdma_state().  That inline
 * returns PCI_P2PDMA_MAP_NONE when is_pci_p2pdma_page() is false, and for
 * a P2PDMA page returns the pgmap's map type, which pci_p2pdma_map_type()
 * never sets to MAP_NONE.  So in `case PCI_P2PDMA_MAP_NONE` the page is
 * RAM and the cache flush there is clean.  In every other case the page
 * is P2PDMA, a peer's BAR (the model says so of any state but MAP_NONE):
 * phys-mmio in the bus-address case.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

void tst_wback(const void *va, size_t len);
dma_addr_t tst_map_one(struct device *dev, struct scatterlist *sg,
		       struct pci_p2pdma_map_state *state);

dma_addr_t tst_map_one(struct device *dev, struct scatterlist *sg,
		       struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	switch (pci_p2pdma_state(state, dev, page)) {
	case PCI_P2PDMA_MAP_NONE:
		tst_wback(kmap_local_page(page), sg->length);
		return page_to_phys(page) + sg->offset;
	case PCI_P2PDMA_MAP_BUS_ADDR:
		tst_wback(kmap_local_page(page), sg->length); /* expect: phys-mmio */
		return pci_p2pdma_bus_addr_map(state, sg_phys(sg));
	case PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:
		return sg_phys(sg);
	default:
		return DMA_MAPPING_ERROR;
	}
}

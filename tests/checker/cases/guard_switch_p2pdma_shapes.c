// SPDX-License-Identifier: GPL-2.0
/*
 * What each edge of a switch on pci_p2pdma_state() proves: only a case
 * that MAP_NONE alone reaches proves RAM; a case that MAP_NONE does not
 * reach proves a P2PDMA page, MMIO; a block that both reach, or a default
 * that MAP_NONE also falls into, proves nothing.  A switch on another
 * value proves nothing about the page.  The same holds of `==` and `!=`
 * in an if: gcc turns a two-way switch into one.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

void tst_wback(const void *va, size_t len);
void tst_shared_case(struct device *dev, struct scatterlist *sg,
		     struct pci_p2pdma_map_state *state);
void tst_default_without_none(struct device *dev, struct scatterlist *sg,
			      struct pci_p2pdma_map_state *state);
void tst_fallthrough(struct device *dev, struct scatterlist *sg,
		     struct pci_p2pdma_map_state *state);
void tst_default_after_none(struct device *dev, struct scatterlist *sg,
			    struct pci_p2pdma_map_state *state);
void tst_other_switch(struct scatterlist *sg, int mode);
void tst_if_equal(struct device *dev, struct scatterlist *sg,
		  struct pci_p2pdma_map_state *state);
void tst_if_not_equal(struct device *dev, struct scatterlist *sg,
		      struct pci_p2pdma_map_state *state);
void tst_if_other_state(struct device *dev, struct scatterlist *sg,
			struct pci_p2pdma_map_state *state);

void tst_shared_case(struct device *dev, struct scatterlist *sg,
		     struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	switch (pci_p2pdma_state(state, dev, page)) {
	case PCI_P2PDMA_MAP_NONE:
	case PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-kmap */
		break;
	default:
		break;
	}
}

void tst_default_without_none(struct device *dev, struct scatterlist *sg,
			      struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	switch (pci_p2pdma_state(state, dev, page)) {
	case PCI_P2PDMA_MAP_BUS_ADDR:
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-mmio */
		break;
	default:
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-kmap */
		break;
	}
}

void tst_fallthrough(struct device *dev, struct scatterlist *sg,
		     struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	switch (pci_p2pdma_state(state, dev, page)) {
	case PCI_P2PDMA_MAP_NONE:
		tst_wback(kmap_local_page(page), PAGE_SIZE);
		/* fall through */
	case PCI_P2PDMA_MAP_BUS_ADDR:
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-kmap */
		break;
	default:
		break;
	}
}

void tst_default_after_none(struct device *dev, struct scatterlist *sg,
			    struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	switch (pci_p2pdma_state(state, dev, page)) {
	case PCI_P2PDMA_MAP_NONE:
		tst_wback(kmap_local_page(page), PAGE_SIZE);
		break;
	default:
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-mmio */
		break;
	}
}

void tst_other_switch(struct scatterlist *sg, int mode)
{
	struct page *page = sg_page(sg);

	switch (mode) {
	case 1:
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-kmap */
		break;
	default:
		break;
	}
}

void tst_if_equal(struct device *dev, struct scatterlist *sg,
		  struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	if (pci_p2pdma_state(state, dev, page) == PCI_P2PDMA_MAP_NONE)
		tst_wback(kmap_local_page(page), PAGE_SIZE);
	else
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-mmio */
}

void tst_if_not_equal(struct device *dev, struct scatterlist *sg,
		      struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	if (PCI_P2PDMA_MAP_NONE != pci_p2pdma_state(state, dev, page))
		return;
	tst_wback(kmap_local_page(page), PAGE_SIZE);
}

void tst_if_other_state(struct device *dev, struct scatterlist *sg,
			struct pci_p2pdma_map_state *state)
{
	struct page *page = sg_page(sg);

	if (pci_p2pdma_state(state, dev, page) == PCI_P2PDMA_MAP_BUS_ADDR)
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-mmio */
	else
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-kmap */
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A switch whose cases pick different sources, merged after it: RAM,
 * RAM and a BAR give MAYBE (phys-kmap).  A switch whose every case picks
 * RAM stays KMAP (clean).
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>

enum tsw_where { TSW_HOST, TSW_HOST_DMA32, TSW_CARD };

void tsw(struct pci_dev *pdev, enum tsw_where where);

void tsw(struct pci_dev *pdev, enum tsw_where where)
{
	struct page *page, *ram;

	switch (where) {
	case TSW_HOST:
		page = alloc_page(GFP_KERNEL);
		break;
	case TSW_HOST_DMA32:
		page = alloc_page(GFP_DMA32);
		break;
	default:
		page = pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 2)));
		break;
	}
	memzero_page(page, 0, PAGE_SIZE); /* expect: phys-kmap */

	switch (where) {
	case TSW_HOST:
		ram = alloc_page(GFP_KERNEL);
		break;
	default:
		ram = alloc_page(GFP_DMA32);
		break;
	}
	memzero_page(ram, 0, PAGE_SIZE);
}

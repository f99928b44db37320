// SPDX-License-Identifier: GPL-2.0
/*
 * An early return on is_pci_p2pdma_page() leaves only RAM after it: the
 * bounce copy below is clean, and so is the phys computed from the same
 * page before the test (it shares the page's origin, so the guard settles
 * it too).  Copying before the test is phys-kmap.  This is the shape of
 * the bounce path of a block or crypto driver.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/string.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

int tbounce_in(struct scatterlist *sg, char *bounce);
int tbounce_peek(struct scatterlist *sg, char *bounce);

int tbounce_in(struct scatterlist *sg, char *bounce)
{
	struct page *page = sg_page(sg);
	phys_addr_t phys = page_to_phys(page) + sg->offset;

	if (is_pci_p2pdma_page(page))
		return -EREMOTEIO;
	memcpy_from_page(bounce, page, sg->offset, sg->length);
	memcpy(bounce, phys_to_virt(phys), 1);
	return 0;
}

int tbounce_peek(struct scatterlist *sg, char *bounce)
{
	struct page *page = sg_page(sg);

	memcpy_from_page(bounce, page, sg->offset, 1); /* expect: phys-kmap */
	if (is_pci_p2pdma_page(page))
		return -EREMOTEIO;
	return 0;
}

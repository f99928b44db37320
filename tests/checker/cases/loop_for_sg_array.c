// SPDX-License-Identifier: GPL-2.0
/*
 * A plain for loop over an array of scatterlist entries: every entry's
 * phys is MAYBE, so the kmap in the body is phys-kmap.  A loop that
 * skips P2PDMA pages with `continue` kmaps only RAM: clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

u32 tloop_sum(struct scatterlist *sgl, unsigned int n);
u32 tloop_sum_ram(struct scatterlist *sgl, unsigned int n);

u32 tloop_sum(struct scatterlist *sgl, unsigned int n)
{
	unsigned int i;
	u32 sum = 0;

	for (i = 0; i < n; i++) {
		u8 *va = kmap_local_pfn(PHYS_PFN(sg_phys(&sgl[i]))); /* expect: phys-kmap */

		sum += va[offset_in_page(sgl[i].offset)];
		kunmap_local(va);
	}
	return sum;
}

u32 tloop_sum_ram(struct scatterlist *sgl, unsigned int n)
{
	unsigned int i;
	u32 sum = 0;

	for (i = 0; i < n; i++) {
		struct page *page = sg_page(&sgl[i]);
		u8 *va;

		if (is_pci_p2pdma_page(page))
			continue;
		va = kmap_local_page(page);
		sum += va[sgl[i].offset];
		kunmap_local(va);
	}
	return sum;
}

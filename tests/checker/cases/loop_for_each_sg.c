// SPDX-License-Identifier: GPL-2.0
/*
 * for_each_sg() (a macro over a for loop and the sg_next() inline): the
 * page of each entry is MAYBE.  Copying out of it is phys-kmap; the same
 * copy after an is_pci_p2pdma_page() test that bails out is clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>

int tfes_copy(struct scatterlist *sgl, int nents, char *buf);
int tfes_copy_checked(struct scatterlist *sgl, int nents, char *buf);

int tfes_copy(struct scatterlist *sgl, int nents, char *buf)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		memcpy_from_page(buf, sg_page(sg), sg->offset, sg->length); /* expect: phys-kmap */
		buf += sg->length;
	}
	return 0;
}

int tfes_copy_checked(struct scatterlist *sgl, int nents, char *buf)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		struct page *page = sg_page(sg);

		if (is_pci_p2pdma_page(page))
			return -EREMOTEIO;
		memcpy_from_page(buf, page, sg->offset, sg->length);
		buf += sg->length;
	}
	return 0;
}

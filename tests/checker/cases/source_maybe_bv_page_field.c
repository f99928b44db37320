// SPDX-License-Identifier: GPL-2.0
/*
 * A bio_vec's bv_page is a MAYBE source, like bvec_phys() (issue 4 lists
 * `bv_page` among the MAYBE sources: a bio may carry P2PDMA pages).  A
 * driver that copies from bv->bv_page without an is_pci_p2pdma_page()
 * test may kmap a peer's BAR: phys-kmap.  After the test it is clean.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/bvec.h>
#include <linux/pci-p2pdma.h>

int tbv_copy(const struct bio_vec *bv, char *bounce);
int tbv_copy_checked(const struct bio_vec *bv, char *bounce);

int tbv_copy(const struct bio_vec *bv, char *bounce)
{
	memcpy_from_page(bounce, bv->bv_page, bv->bv_offset, bv->bv_len); /* expect: phys-kmap */
	return 0;
}

int tbv_copy_checked(const struct bio_vec *bv, char *bounce)
{
	if (is_pci_p2pdma_page(bv->bv_page))
		return -EREMOTEIO;
	memcpy_from_page(bounce, bv->bv_page, bv->bv_offset, bv->bv_len);
	return 0;
}

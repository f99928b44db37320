// SPDX-License-Identifier: GPL-2.0
/*
 * bvec_phys() and bio_page() are MAYBE sources: a bio may carry P2PDMA
 * pages (NVMe CMB, a GPU's BAR).  Reading them through the linear map or
 * kmap is phys-kmap.
 */
#include <include_cases/physcheck_cases.h>

u8 tbio_first_byte(struct bio *bio);
u8 tbvec_first_byte(const struct bio_vec *bv);

u8 tbio_first_byte(struct bio *bio)
{
	u8 *va = kmap_local_page(bio_page(bio)); /* expect: phys-kmap */
	u8 c = va[0];

	kunmap_local(va);
	return c;
}

u8 tbvec_first_byte(const struct bio_vec *bv)
{
	const u8 *va = phys_to_virt(bvec_phys(bv)); /* expect: phys-kmap */

	return va[0];
}

// SPDX-License-Identifier: GPL-2.0
/*
 * `guard is_zone_device_page 1 false kmap`: a page outside ZONE_DEVICE is
 * ordinary RAM (P2PDMA pages are ZONE_DEVICE).  The true branch proves
 * nothing (device-private, fsdax and P2PDMA pages are all there), so the
 * value stays MAYBE and kmapping it is phys-kmap.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>

u8 tzd_peek(struct scatterlist *sg);

u8 tzd_peek(struct scatterlist *sg)
{
	struct page *page = sg_page(sg);
	u8 *va;
	u8 c;

	if (is_zone_device_page(page)) {
		va = kmap_local_page(page); /* expect: phys-kmap */
		c = va[sg->offset];
		kunmap_local(va);
		return c;
	}
	va = kmap_local_page(page);
	c = va[sg->offset];
	kunmap_local(va);
	return c;
}

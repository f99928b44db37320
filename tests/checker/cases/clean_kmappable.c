// SPDX-License-Identifier: GPL-2.0
/*
 * Kmappable RAM all the way: a kmalloc buffer's phys mapped back through
 * the linear map and kmap_local_pfn().  No warning.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/slab.h>

static unsigned char copy_first_byte(void *buf)
{
	phys_addr_t phys = virt_to_phys(buf);
	unsigned char *p = kmap_local_pfn(PHYS_PFN(phys));
	unsigned char c = p[offset_in_page(phys)];

	kunmap_local(p);
	return c;
}

unsigned char clean_kmappable(void)
{
	void *buf = kmalloc(64, GFP_KERNEL);
	unsigned char *alias;

	if (!buf)
		return 0;
	alias = phys_to_virt(virt_to_phys(buf));
	alias[0] = 1;
	return copy_first_byte(buf);
}

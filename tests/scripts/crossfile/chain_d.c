// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/string.h>

void chain_d(phys_addr_t p);

void chain_d(phys_addr_t p)
{
	memset(phys_to_virt(p), 0, 8);
}

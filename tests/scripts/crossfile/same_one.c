// SPDX-License-Identifier: GPL-2.0
/* A static helper() in two files: this one maps its parameter, the other
 * does not; each file's caller gets its own file's helper(). */
#include <linux/mm.h>
#include <linux/string.h>

void use_one(phys_addr_t p);

static void helper(phys_addr_t p)
{
	memset(phys_to_virt(p), 0, 8);
}

void use_one(phys_addr_t p)
{
	helper(p);
}

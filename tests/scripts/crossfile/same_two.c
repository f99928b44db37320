// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>

void use_two(phys_addr_t p);
void keep(phys_addr_t p);

static void helper(phys_addr_t p)
{
	keep(p);
}

void use_two(phys_addr_t p)
{
	helper(p);
}

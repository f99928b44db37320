// SPDX-License-Identifier: GPL-2.0
#include <linux/mm.h>
#include <linux/string.h>

void rec_a(phys_addr_t p, int n);
void rec_b(phys_addr_t p, int n);

void rec_b(phys_addr_t p, int n)
{
	if (n)
		rec_a(p, n - 1);
	else
		memset(phys_to_virt(p), 0, 8);
}

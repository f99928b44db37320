// SPDX-License-Identifier: GPL-2.0
/* Recursion across two files: rec_a() and rec_b() call each other, and
 * rec_b() ends in phys_to_virt(). */
#include <linux/mm.h>

void rec_b(phys_addr_t p, int n);
void rec_a(phys_addr_t p, int n);

void rec_a(phys_addr_t p, int n)
{
	if (n)
		rec_b(p, n - 1);
}

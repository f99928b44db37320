// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>

#include "xalloc.h"

void pc_out_of_memory(void)
{
	fputs("physcheck: error: out of memory\n", stderr);
	exit(2);
}

void *pc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		pc_out_of_memory();
	return p;
}

void *pc_xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (!p)
		pc_out_of_memory();
	return p;
}

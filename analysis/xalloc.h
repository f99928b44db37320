/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Allocation that cannot fail: physcheck has nothing sensible to do
 * without memory, so it says so in one line and exits 2 (DESIGN.md).
 */
#ifndef PHYSCHECK_XALLOC_H
#define PHYSCHECK_XALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void pc_out_of_memory(void) __attribute__((noreturn));
void *pc_xcalloc(size_t n, size_t size);
void *pc_xrealloc(void *p, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_XALLOC_H */

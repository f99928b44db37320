/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>

/* the compiler expands these inline; no libc behind them */
void *memcpy(void *to, const void *from, size_t len);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

#define memcpy(dst, src, len)	__builtin_memcpy(dst, src, len)
#define memset(s, c, n)		__builtin_memset(s, c, n)
#define memcmp(a, b, n)		__builtin_memcmp(a, b, n)

#endif /* _LINUX_STRING_H */

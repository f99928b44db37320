/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#include <linux/compiler.h>

typedef unsigned char		u8;
typedef unsigned short		u16;
typedef unsigned int		u32;
typedef unsigned long long	u64;
typedef signed char		s8;
typedef short			s16;
typedef int			s32;
typedef long long		s64;

typedef __SIZE_TYPE__		size_t;
typedef unsigned long		uintptr_t;
typedef _Bool			bool;

/* 64-bit physical and bus addresses, as on x86_64 */
typedef u64			phys_addr_t;
typedef u64			dma_addr_t;
typedef phys_addr_t		resource_size_t;

/* a physically contiguous range (6.18's bio_vec as a phys) */
struct phys_vec {
	phys_addr_t	paddr;
	size_t		len;
};

typedef unsigned int		gfp_t;

enum {
	false	= 0,
	true	= 1
};

#undef NULL
#define NULL ((void *)0)

#endif /* _LINUX_TYPES_H */

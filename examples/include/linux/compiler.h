/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal compiler glue for the physcheck example tree: just enough of the
 * kernel's annotations that the drivers read like kernel code.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#ifdef __CHECKER__
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __force	__attribute__((force))
#else
# define __iomem
# define __force
#endif

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#define __always_inline		inline __attribute__((__always_inline__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __maybe_unused		__attribute__((__unused__))
#define __malloc		__attribute__((__malloc__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define noinline		__attribute__((__noinline__))

#define barrier()		__asm__ __volatile__("" : : : "memory")

#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))
#define BUILD_BUG_ON(cond)	((void)BUILD_BUG_ON_ZERO(cond))

#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile typeof(x) *)&(x) = (val))

#endif /* _LINUX_COMPILER_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/errno.h>

#define ARRAY_SIZE(arr)		(sizeof(arr) / sizeof((arr)[0]))

#define offsetof(type, member)	__builtin_offsetof(type, member)

#define container_of(ptr, type, member) ({				\
	void *__mptr = (void *)(ptr);					\
	((type *)(__mptr - offsetof(type, member))); })

#define min(x, y)		((x) < (y) ? (x) : (y))
#define max(x, y)		((x) > (y) ? (x) : (y))
#define min_t(type, x, y)	min((type)(x), (type)(y))

#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define ALIGN(x, a)		(((x) + ((a) - 1)) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)

#define BUG()			__builtin_trap()
#define BUG_ON(cond)		do { if (unlikely(cond)) BUG(); } while (0)
#define WARN_ON(cond)		({ int __ret = !!(cond); unlikely(__ret); })
#define WARN_ON_ONCE(cond)	WARN_ON(cond)

__printf(1, 2) int printk(const char *fmt, ...);
#define pr_err(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(fmt, ##__VA_ARGS__)

#endif /* _LINUX_KERNEL_H */

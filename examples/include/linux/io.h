/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The right way to reach MMIO from the CPU: an uncached ioremap() and
 * the accessors below, never the direct map.
 */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H

#include <linux/types.h>
#include <linux/mm.h>

void __iomem *ioremap(phys_addr_t offset, size_t size);
void __iomem *ioremap_wc(phys_addr_t offset, size_t size);
void iounmap(volatile void __iomem *addr);

static inline u32 readl(const volatile void __iomem *addr)
{
	return *(const volatile u32 __force *)addr;
}

static inline void writel(u32 value, volatile void __iomem *addr)
{
	*(volatile u32 __force *)addr = value;
}

static inline void writeq(u64 value, volatile void __iomem *addr)
{
	*(volatile u64 __force *)addr = value;
}

void memcpy_fromio(void *to, const volatile void __iomem *from, size_t count);
void memcpy_toio(volatile void __iomem *to, const void *from, size_t count);

#endif /* _LINUX_IO_H */

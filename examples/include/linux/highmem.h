/* SPDX-License-Identifier: GPL-2.0 */
/*
 * !CONFIG_HIGHMEM flavour (x86_64): every kmap is the direct map, which
 * is exactly why a kmap of MMIO is a cacheable mapping of device memory.
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>
#include <linux/string.h>

static inline void *kmap(struct page *page)
{
	return page_address(page);
}

static inline void kunmap(struct page *page)
{
	(void)page;
}

static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}

static inline void *kmap_local_pfn(unsigned long pfn)
{
	return kmap_local_page(pfn_to_page(pfn));
}

static inline void *kmap_atomic(struct page *page)
{
	return page_address(page);
}

static inline void __kunmap_local(const void *addr)
{
	(void)addr;
}

#define kunmap_local(__addr)						\
do {									\
	BUILD_BUG_ON(__same_type((__addr), struct page *));		\
	__kunmap_local(__addr);						\
} while (0)

#define kunmap_atomic(__addr)	kunmap_local(__addr)

static inline void memcpy_from_page(char *to, struct page *page,
				    size_t offset, size_t len)
{
	char *from = kmap_local_page(page);

	memcpy(to, from + offset, len);
	kunmap_local(from);
}

static inline void memcpy_to_page(struct page *page, size_t offset,
				  const char *from, size_t len)
{
	char *to = kmap_local_page(page);

	memcpy(to + offset, from, len);
	kunmap_local(to);
}

static inline void memzero_page(struct page *page, size_t offset, size_t len)
{
	char *addr = kmap_local_page(page);

	memset(addr + offset, 0, len);
	kunmap_local(addr);
}

#endif /* _LINUX_HIGHMEM_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

/* kmalloc() memory always lives in the linear map: it is kmappable RAM */
void * __malloc kmalloc(size_t size, gfp_t flags);
void kfree(const void *objp);

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size != 0 && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, flags);
}

#endif /* _LINUX_SLAB_H */

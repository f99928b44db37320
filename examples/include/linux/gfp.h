/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>

#define __GFP_DMA	((gfp_t)0x01u)
#define __GFP_HIGHMEM	((gfp_t)0x02u)
#define __GFP_DMA32	((gfp_t)0x04u)
#define __GFP_IO	((gfp_t)0x40u)
#define __GFP_FS	((gfp_t)0x80u)
#define __GFP_ZERO	((gfp_t)0x100u)
#define __GFP_NOWARN	((gfp_t)0x200u)
#define __GFP_RECLAIM	((gfp_t)0xc00u)

#define GFP_ATOMIC	(__GFP_NOWARN)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_DMA32	__GFP_DMA32
#define GFP_HIGHUSER	(GFP_KERNEL | __GFP_HIGHMEM)

#endif /* _LINUX_GFP_H */

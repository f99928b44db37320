/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The phys-based DMA API of Linux 6.18, for kernel trees that predate it,
 * so that physcheck's conversions of such a tree compile.  Force-included
 * (make KCFLAGS="-include .../compat-phys.h") into trees older than 6.18
 * only, by the kernel tier's scripts.
 *
 * Macros only, and no #include: this is read before the file's own first
 * line, where pulling in headers would defeat a file's `#define pr_fmt`
 * and friends.  Each expands where it is used, after the kernel's own
 * headers have declared what it calls.
 */
#ifndef PHYSCHECK_COMPAT_PHYS_H
#define PHYSCHECK_COMPAT_PHYS_H

/*
 * Not every architecture has phys_to_page(): x86 has none in 6.12.  This
 * header is read first, so the guard sees only a definition given on the
 * command line; an architecture whose headers define it later would warn
 * of a redefinition (the kernel tier builds x86_64 only).
 */
#ifndef phys_to_page
#define phys_to_page(phys)	pfn_to_page(PHYS_PFN(phys))
#endif

#ifndef DMA_ATTR_MMIO
#define DMA_ATTR_MMIO		(1UL << 10)

/* MMIO went through dma_map_resource() before 6.18; RAM through pages. */
#define dma_map_phys(dev, phys, size, dir, attrs)				\
({										\
	phys_addr_t __pc_phys = (phys);						\
	unsigned long __pc_attrs = (attrs);					\
	(__pc_attrs & DMA_ATTR_MMIO) ?						\
		dma_map_resource((dev), __pc_phys, (size), (dir),		\
				 __pc_attrs & ~DMA_ATTR_MMIO) :			\
		dma_map_page_attrs((dev), phys_to_page(__pc_phys),		\
				   offset_in_page(__pc_phys), (size), (dir),	\
				   __pc_attrs);					\
})

#define dma_unmap_phys(dev, addr, size, dir, attrs)				\
do {										\
	unsigned long __pc_attrs = (attrs);					\
	if (__pc_attrs & DMA_ATTR_MMIO)						\
		dma_unmap_resource((dev), (addr), (size), (dir),		\
				   __pc_attrs & ~DMA_ATTR_MMIO);		\
	else									\
		dma_unmap_page_attrs((dev), (addr), (size), (dir),		\
				     __pc_attrs);				\
} while (0)

#define PhysHighMem(phys)	PageHighMem(phys_to_page(phys))
#endif /* DMA_ATTR_MMIO */

/*
 * bvec_phys() arrived in 6.11 as an inline; a macro of that name would
 * break its definition, so trees older than 6.11 ask for this one with
 * -DPHYSCHECK_COMPAT_BVEC_PHYS.
 */
#ifdef PHYSCHECK_COMPAT_BVEC_PHYS
#define bvec_phys(bv)		(page_to_phys((bv)->bv_page) + (bv)->bv_offset)
#endif

#endif /* PHYSCHECK_COMPAT_PHYS_H */

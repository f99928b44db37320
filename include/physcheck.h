/* SPDX-License-Identifier: GPL-2.0 */
/*
 * physcheck annotations for kernel code.
 *
 *	phys_addr_t __kmappable f(void);	returns cacheable RAM (checked
 *						against the body, trusted by callers)
 *	void g(phys_addr_t __must_kmap phys);	callers must pass kmappable
 *	void h(phys_addr_t __mmio_phys bar);	the body must treat bar as MMIO
 *
 * The checkers read them on parameters and return values, of definitions
 * and of prototypes.  A plain compiler sees nothing.  sparse (under
 * __CHECKER__) sees attributes that physcheck's sparse client registers
 * and plain sparse ignores; GCC with physcheck_plugin.so loaded (which
 * defines __PHYSCHECK_PLUGIN__) sees the plugin's real attributes,
 * validated where they are written.
 */
#ifndef _PHYSCHECK_H
#define _PHYSCHECK_H

#if defined(__PHYSCHECK_PLUGIN__)
# define __kmappable	__attribute__((kmappable))
# define __mmio_phys	__attribute__((mmio))
# define __must_kmap	__attribute__((kmappable))
#elif defined(__CHECKER__)
/*
 * Attributes physcheck's sparse client registers; plain sparse ignores
 * them (and says so only under -Wunknown-attribute).  Not address spaces:
 * those would change sparse's own warnings on every cast.
 */
# define __kmappable	__attribute__((physcheck_kmappable))
# define __mmio_phys	__attribute__((physcheck_mmio))
# define __must_kmap	__attribute__((physcheck_kmappable))
#else
# define __kmappable
# define __mmio_phys
# define __must_kmap
#endif

#endif /* _PHYSCHECK_H */

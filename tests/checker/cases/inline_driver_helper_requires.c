// SPDX-License-Identifier: GPL-2.0
/*
 * A driver's own static inline helper around phys_to_virt(), the way
 * drivers wrap the direct map.  sparse inlines it into each caller, but
 * that is a compiler detail: the helper is a function whose parameter
 * must be kmappable, and a caller passing a BAR gets phys-requires at its
 * call, exactly as for an out-of-line helper.  The helper's own body is
 * correct (its parameter has no information) and must not be blamed for
 * what one caller passes, so nothing is reported on its line.  A caller
 * passing a kmalloc buffer's phys is clean.
 */
#include <linux/mm.h>
#include <linux/pci.h>

static inline u32 *tdrv_va(phys_addr_t phys)
{
	return phys_to_virt(phys);
}

u32 tdrv_bad(struct pci_dev *pdev);
u32 tdrv_good(void *buf);

u32 tdrv_bad(struct pci_dev *pdev)
{
	return *tdrv_va(pci_resource_start(pdev, 0)); /* expect: phys-requires */
}

u32 tdrv_good(void *buf)
{
	return *tdrv_va(virt_to_phys(buf));
}

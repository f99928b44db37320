// SPDX-License-Identifier: GPL-2.0
/*
 * The KMAP source lines virt_to_page, virt_to_pfn and alloc_page by name.
 * In this tree (as on x86) all three are macros; with CONFIG_DEBUG_VIRTUAL
 * arm64 makes virt_to_pfn() an out-of-line check, and other
 * architectures make virt_to_page() a function.  Declared out of line
 * here, only the model can say what they return: joined with a BAR each
 * gives MAYBE (phys-kmap), where an unknown function would leave MMIO.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/pci.h>
#include "include_cases/physcheck_cases.h"

#undef virt_to_page
#undef virt_to_pfn
#undef alloc_page
struct page *virt_to_page(const void *kaddr);
unsigned long virt_to_pfn(const void *kaddr);
struct page *alloc_page(gfp_t gfp);

void tvto(struct pci_dev *pdev, void *buf, bool bar);

void tvto(struct pci_dev *pdev, void *buf, bool bar)
{
	unsigned long bar_pfn = PHYS_PFN(pci_resource_start(pdev, 0));
	struct page *bar_page = pfn_to_page(bar_pfn);

	touch(kmap_local_page(bar ? bar_page : virt_to_page(buf))); /* expect: phys-kmap */
	touch(kmap_local_pfn(bar ? bar_pfn : virt_to_pfn(buf))); /* expect: phys-kmap */
	touch(kmap_local_page(bar ? bar_page : alloc_page(GFP_KERNEL))); /* expect: phys-kmap */
	touch(kmap_local_page(virt_to_page(buf)));
}

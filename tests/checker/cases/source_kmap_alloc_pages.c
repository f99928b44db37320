// SPDX-License-Identifier: GPL-2.0
/*
 * The page allocator's entry points are KMAP sources: alloc_pages(),
 * alloc_page() (a macro over alloc_pages() here), alloc_pages_node() and
 * __alloc_pages().  Each is joined with a BAR page so that a recognised
 * source shows as phys-kmap (MAYBE); an unrecognised one would leave the
 * join MMIO and print phys-mmio.  Used alone they are clean.
 */
#include <include_cases/physcheck_cases.h>

void *talloc_pages(struct pci_dev *pdev, int sel, int nid);
void talloc_clean(int nid);

static struct page *talloc_bar_page(struct pci_dev *pdev)
{
	return pfn_to_page(PHYS_PFN(pci_resource_start(pdev, 2)));
}

void *talloc_pages(struct pci_dev *pdev, int sel, int nid)
{
	struct page *a = sel == 0 ? alloc_pages(GFP_KERNEL, 1) : talloc_bar_page(pdev);
	struct page *b = sel == 1 ? alloc_page(GFP_KERNEL) : talloc_bar_page(pdev);
	struct page *c = sel == 2 ? alloc_pages_node(nid, GFP_KERNEL, 0) :
				    talloc_bar_page(pdev);
	struct page *d = sel == 3 ? __alloc_pages(GFP_KERNEL, 0, nid, NULL) :
				    talloc_bar_page(pdev);

	touch(kmap_local_page(a)); /* expect: phys-kmap */
	touch(kmap_local_page(b)); /* expect: phys-kmap */
	touch(kmap_local_page(c)); /* expect: phys-kmap */
	return kmap_local_page(d); /* expect: phys-kmap */
}

void talloc_clean(int nid)
{
	struct page *page = alloc_pages_node(nid, GFP_KERNEL, 0);
	struct page *other = __alloc_pages(GFP_KERNEL, 0, nid, NULL);

	if (!page || !other)
		return;
	memzero_page(page, 0, PAGE_SIZE);
	memzero_page(other, 0, PAGE_SIZE);
	memzero_page(alloc_page(GFP_KERNEL), 0, PAGE_SIZE);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A guard compares with a named constant: an enumerator or a macro.  A
 * variable with a constant initializer is neither, even when it carries
 * the model's name (no pci-p2pdma.h here), so `== 1` proves nothing.
 * Both front ends must agree: gcc sees enumerators only.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>

struct device;
struct tst_state;
int pci_p2pdma_state(struct tst_state *state, struct device *dev, struct page *page);
void tst_wback(const void *va, size_t len);
void tst_map(struct device *dev, struct scatterlist *sg, struct tst_state *state);

static const int PCI_P2PDMA_MAP_NONE = 1;

void tst_map(struct device *dev, struct scatterlist *sg, struct tst_state *state)
{
	struct page *page = sg_page(sg);

	if (pci_p2pdma_state(state, dev, page) == 1)
		tst_wback(kmap_local_page(page), PAGE_SIZE); /* expect: phys-kmap */
	tst_wback(&PCI_P2PDMA_MAP_NONE, sizeof(int));
}

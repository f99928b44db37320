// SPDX-License-Identifier: GPL-2.0
/*
 * Clean: P2PDMA-capable pages handled the right way, as a block driver
 * should.  The P2P segments are DMA-mapped and flagged so nothing syncs
 * them; RAM segments get an integrity checksum through kmap only after
 * is_pci_p2pdma_page() said no; the result goes to the device.  The sg
 * phys is compared and stored, never mapped.  No warning.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

struct tpd_cmd {
	dma_addr_t	addr[8];
	phys_addr_t	phys[8];
	u32		csum;
	bool		p2p;
};

int tpd_build(struct device *dev, struct tpd_cmd *cmd, struct scatterlist *sgl,
	      int nents);

int tpd_build(struct device *dev, struct tpd_cmd *cmd, struct scatterlist *sgl,
	      int nents)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		struct page *page = sg_page(sg);
		unsigned long attrs = 0;

		if (i >= 8)
			return -EINVAL;
		cmd->phys[i] = sg_phys(sg);
		if (is_pci_p2pdma_page(page)) {
			cmd->p2p = true;
			attrs = DMA_ATTR_SKIP_CPU_SYNC;
		} else {
			u8 *va = kmap_local_page(page);

			cmd->csum += va[sg->offset];
			kunmap_local(va);
		}
		cmd->addr[i] = dma_map_page_attrs(dev, page, sg->offset,
						  sg->length, DMA_TO_DEVICE, attrs);
		if (dma_mapping_error(dev, cmd->addr[i]))
			return -EIO;
	}
	return 0;
}

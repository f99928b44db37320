// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_dmaengine: a memcpy offload channel.  Copies go between two
 * scatterlist entries; copies too short to be worth a descriptor are
 * done by the CPU, which is only legal when neither side is P2P memory.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/io.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pci-p2pdma.h>
#include <linux/dma-mapping.h>

#define TDMA_REG_SRC		0x00
#define TDMA_REG_DST		0x08
#define TDMA_REG_LEN		0x10
#define TDMA_CPU_COPY_MAX	256

struct tdma_chan {
	struct device *dev;
	void __iomem *regs;
};

/* entry points for subsystem glue that is not part of this example */
int tdma_memcpy_sg(struct tdma_chan *chan, struct scatterlist *dst,
		   struct scatterlist *src, size_t len);

static int tdma_issue(struct tdma_chan *chan, struct page *dst,
		      unsigned int dst_off, struct page *src,
		      unsigned int src_off, size_t len)
{
	dma_addr_t src_dma, dst_dma;

	src_dma = dma_map_page(chan->dev, src, src_off, len, DMA_TO_DEVICE);
	if (dma_mapping_error(chan->dev, src_dma))
		return -ENOMEM;
	dst_dma = dma_map_page(chan->dev, dst, dst_off, len, DMA_FROM_DEVICE);
	if (dma_mapping_error(chan->dev, dst_dma)) {
		/* nothing was transferred, so nothing needs syncing back */
		dma_unmap_page_attrs(chan->dev, src_dma, len, DMA_TO_DEVICE,
				     DMA_ATTR_SKIP_CPU_SYNC);
		return -ENOMEM;
	}
	writeq(src_dma, chan->regs + TDMA_REG_SRC);
	writeq(dst_dma, chan->regs + TDMA_REG_DST);
	writel(len, chan->regs + TDMA_REG_LEN);
	return 0;
}

static int tdma_cpu_copy(struct scatterlist *dst, struct scatterlist *src,
			 size_t len)
{
	struct page *dpage = sg_page(dst);
	struct page *spage = sg_page(src);
	char *from;

	/* P2P memory is a peer's BAR: no kmap, let the engine do it */
	if (is_pci_p2pdma_page(dpage) || is_pci_p2pdma_page(spage))
		return -EREMOTEIO;
	from = kmap_local_page(spage);
	memcpy_to_page(dpage, dst->offset, from + src->offset, len);
	kunmap_local(from);
	return 0;
}

/* BUG: checks the copy through a kmap even when dst is P2P memory */
static bool tdma_verify(struct scatterlist *dst, u8 first)
{
	u8 *va = kmap_local_page(sg_page(dst)); /* expect: phys-kmap */
	bool ok = va[dst->offset] == first;

	kunmap_local(va);
	return ok;
}

int tdma_memcpy_sg(struct tdma_chan *chan, struct scatterlist *dst,
		   struct scatterlist *src, size_t len)
{
	int ret;

	if (len <= TDMA_CPU_COPY_MAX) {
		ret = tdma_cpu_copy(dst, src, len);
		if (ret != -EREMOTEIO)
			return ret;
	}
	ret = tdma_issue(chan, sg_page(dst), dst->offset, sg_page(src),
			 src->offset, len);
	if (!ret && len && !tdma_verify(dst, 0))
		ret = -EIO;
	return ret;
}
EXPORT_SYMBOL_GPL(tdma_memcpy_sg);

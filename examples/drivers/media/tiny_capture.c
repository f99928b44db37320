// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_capture: a video capture engine that DMAs frames into buffers
 * described by scatterlists.  A buffer is user memory, or a GPU's VRAM
 * for zero-copy display; the buffer's attrs say which (DMA_ATTR_MMIO).
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/dma-mapping.h>

#define TCAP_HDR_LEN	64

struct tcap_buf {
	struct sg_table sgt;
	struct page *hdr_page;
	unsigned int hdr_off;
	dma_addr_t hdr_dma;
	unsigned long attrs;	/* DMA_ATTR_MMIO for a peer's BAR */
};

/* entry points for subsystem glue that is not part of this example */
int tcap_queue_buf(struct device *dev, struct tcap_buf *buf, u32 seq);

/* the engine writes a timestamp header into a small driver-owned slot */
static int tcap_map_header(struct device *dev, struct tcap_buf *buf)
{
	struct page *page = buf->hdr_page;
	unsigned int off = buf->hdr_off;

	buf->hdr_dma = dma_map_page(dev, page, off, TCAP_HDR_LEN, DMA_FROM_DEVICE);
	return dma_mapping_error(dev, buf->hdr_dma);
}

static void tcap_unmap_frame(struct device *dev, struct tcap_buf *buf,
			     unsigned int count)
{
	struct scatterlist *sg;
	unsigned int i;

	for_each_sg(buf->sgt.sgl, sg, count, i)
		dma_unmap_page_attrs(dev, sg_dma_address(sg), sg->length,
				     DMA_FROM_DEVICE,
				     buf->attrs | DMA_ATTR_SKIP_CPU_SYNC);
}

static int tcap_map_frame(struct device *dev, struct tcap_buf *buf)
{
	struct scatterlist *sg;
	unsigned int i;

	for_each_sg(buf->sgt.sgl, sg, buf->sgt.nents, i) {
		struct page *page = sg_page(sg);
		unsigned int off = sg->offset;

		/* synced once per frame when it completes, not per entry */
		sg_dma_address(sg) = dma_map_page_attrs(dev,
							page,
							off /* lines start mid-page */,
							sg->length,
							DMA_FROM_DEVICE,
							buf->attrs | DMA_ATTR_SKIP_CPU_SYNC);
		if (dma_mapping_error(dev, sg_dma_address(sg))) {
			tcap_unmap_frame(dev, buf, i);
			return -ENOMEM;
		}
	}
	return 0;
}

/* stamp a sequence number into the first line for userspace */
static int tcap_stamp_frame(struct tcap_buf *buf, u32 seq)
{
	struct scatterlist *sg = buf->sgt.sgl;
	struct page *page = sg_page(sg);
	u32 *va;

	/* VRAM pages are ZONE_DEVICE: no kmap, the GPU stamps those itself */
	if (is_zone_device_page(page))
		return -EOPNOTSUPP;
	va = kmap_local_page(page);
	va[sg->offset / sizeof(u32)] = seq;
	kunmap_local(va);
	return 0;
}

int tcap_queue_buf(struct device *dev, struct tcap_buf *buf, u32 seq)
{
	int ret;

	ret = tcap_map_header(dev, buf);
	if (ret)
		return ret;
	ret = tcap_map_frame(dev, buf);
	if (ret)
		return ret;
	/* no stamp on a VRAM frame is not an error */
	if (tcap_stamp_frame(buf, seq) == -EOPNOTSUPP)
		dev_dbg(dev, "frame %u not stamped\n", seq);
	return 0;
}
EXPORT_SYMBOL_GPL(tcap_queue_buf);

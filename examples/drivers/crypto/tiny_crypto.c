// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_crypto: an AEAD offload engine.  Source and destination come in
 * as scatterlists from the crypto API; the IV and the result block live
 * in a kmalloc'd context.  The engine writes the tag into a context
 * buffer and the driver copies it out to the caller's scatterlist.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/dma-mapping.h>

#define TCRYPTO_IV_LEN		16
#define TCRYPTO_TAG_LEN		16

struct tcrypto_ctx {
	struct device *dev;
	u8 *iv;				/* kmalloc'd */
	u8 *result;			/* kmalloc'd, the engine writes the tag here */
	dma_addr_t iv_dma;
	u8 tag[TCRYPTO_TAG_LEN];
};

/* entry points for subsystem glue that is not part of this example */
int tcrypto_start(struct tcrypto_ctx *ctx, struct scatterlist *src, int nents);
int tcrypto_finish(struct tcrypto_ctx *ctx, struct scatterlist *dst, int nents);

/* the IV is handed over by physical address, then mapped for the device */
static int tcrypto_map_iv(struct tcrypto_ctx *ctx)
{
	phys_addr_t iv_phys = virt_to_phys(ctx->iv);

	ctx->iv_dma = dma_map_page(ctx->dev, phys_to_page(iv_phys),
				   offset_in_page(iv_phys), TCRYPTO_IV_LEN,
				   DMA_TO_DEVICE);
	return dma_mapping_error(ctx->dev, ctx->iv_dma);
}

static int tcrypto_map_sg(struct device *dev, struct scatterlist *sgl,
			  int nents, enum dma_data_direction dir)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		sg_dma_address(sg) = dma_map_page(dev, sg_page(sg), sg->offset,
						  sg->length, dir);
		if (dma_mapping_error(dev, sg_dma_address(sg)))
			return -ENOMEM;
		sg_dma_len(sg) = sg->length;
	}
	return nents;
}

/* the bottom of the copy-out chain: this is where the kmap happens */
static void tcrypto_copy_from_phys(void *to, phys_addr_t phys, size_t len)
{
	char *from = kmap_local_pfn(PHYS_PFN(phys));

	memcpy(to, from + offset_in_page(phys), len);
	kunmap_local(from);
}

/* so this one also needs a kmappable phys, without saying so */
static void tcrypto_read_result(struct tcrypto_ctx *ctx, phys_addr_t phys,
				size_t len)
{
	tcrypto_copy_from_phys(ctx->tag, phys, min_t(size_t, len, TCRYPTO_TAG_LEN));
}

/* BUG: the destination may be a P2P page; this looks at it through the linear map */
static bool tcrypto_tag_present(struct scatterlist *last)
{
	phys_addr_t phys = sg_phys(last);
	const u8 *tag = phys_to_virt(phys); /* expect: phys-kmap */

	return tag[0] != 0;
}

int tcrypto_finish(struct tcrypto_ctx *ctx, struct scatterlist *dst, int nents)
{
	struct scatterlist *sg, *last = dst;
	int i;

	for_each_sg(dst, sg, nents, i)
		last = sg;

	/* the engine's own result buffer is kmalloc'd: fine */
	tcrypto_read_result(ctx, virt_to_phys(ctx->result), TCRYPTO_TAG_LEN);

	/* BUG: the caller's buffer may be P2P memory; the kmap is two calls down */
	if (tcrypto_tag_present(last))
		tcrypto_read_result(ctx, sg_phys(last), last->length); /* expect: phys-requires */
	return 0;
}
EXPORT_SYMBOL_GPL(tcrypto_finish);

int tcrypto_start(struct tcrypto_ctx *ctx, struct scatterlist *src, int nents)
{
	phys_addr_t res_phys;
	u8 *res;
	int ret;

	ctx->iv = kmalloc(TCRYPTO_IV_LEN, GFP_KERNEL);
	ctx->result = kzalloc(TCRYPTO_TAG_LEN, GFP_KERNEL);
	if (!ctx->iv || !ctx->result)
		return -ENOMEM;

	/* clear the previous tag through a kmap: kmalloc memory is RAM */
	res_phys = virt_to_phys(ctx->result);
	res = kmap_local_pfn(res_phys >> PAGE_SHIFT);
	memset(res + offset_in_page(res_phys), 0, TCRYPTO_TAG_LEN);
	kunmap_local(res);

	ret = tcrypto_map_iv(ctx);
	if (ret)
		return ret;
	return tcrypto_map_sg(ctx->dev, src, nents, DMA_TO_DEVICE) > 0 ? 0 : -EIO;
}
EXPORT_SYMBOL_GPL(tcrypto_start);

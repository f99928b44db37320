// SPDX-License-Identifier: GPL-2.0
/*
 * A function annotated to return a __kmappable phys whose body can return
 * an sg entry's phys (MAYBE): phys-annotation, on the return that breaks
 * the promise.  The sibling that returns only a kmalloc buffer's phys
 * keeps it, and its callers may rely on the annotation: mapping its
 * result is clean.
 */
#include <physcheck.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>

struct tar_ctx {
	struct scatterlist *sg;
	void *bounce;
	bool bounced;
};

phys_addr_t __kmappable tar_data_phys(struct tar_ctx *ctx);
phys_addr_t __kmappable tar_bounce_phys(struct tar_ctx *ctx);
void *tar_map(struct tar_ctx *ctx);

phys_addr_t __kmappable tar_data_phys(struct tar_ctx *ctx)
{
	if (ctx->bounced)
		return virt_to_phys(ctx->bounce);
	return sg_phys(ctx->sg); /* expect: phys-annotation */
}

phys_addr_t __kmappable tar_bounce_phys(struct tar_ctx *ctx)
{
	return virt_to_phys(ctx->bounce);
}

void *tar_map(struct tar_ctx *ctx)
{
	return phys_to_virt(tar_bounce_phys(ctx));
}

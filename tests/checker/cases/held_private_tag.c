// SPDX-License-Identifier: GPL-2.0
/*
 * A container tagged with a pointer to a struct only this file defines
 * was tagged here: block/blk-map.c's bio_uncopy_user() reads
 * `bio->bi_private` as its own struct bio_map_data on every call, and the
 * one store of such a pointer, in bio_copy_user_iov(), tags the bounce
 * bio it filled with alloc_page() memory.  So the pages its static
 * reader copies out of are RAM, whoever called the exported unmap (the
 * user-page bios it is also given carry no tag).  What the reader hands
 * on out of its own struct (bio_map_data's iov_iter) is that struct's,
 * not the bio's: the bio stays in sight.  An own struct a function is
 * given is the container itself: the bio it hands on out of it stays
 * part of it.  Each rule the proof
 * needs has its own field and struct below, and keeps the finding when
 * it fails: a tag stored on a bio of a caller's pages, a tag pointer let
 * out of the file (handed to another's function, or returned by an
 * exported one), a tag not used on every call, a tag struct a header
 * declares.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/bvec.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>

struct bio {
	struct bio_vec *bi_io_vec;
	unsigned short bi_vcnt;
	void *bi_private;
	void *bi_cookie;
	void *bi_token;
	void *bi_guarded;
	void *bi_shared;
	void *bi_handle;
};

struct bio *bio_kmalloc(unsigned short nr_vecs, gfp_t gfp);
void __bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		    unsigned int off);
void bio_put(struct bio *bio);
void bio_release_pages(struct bio *bio);

struct pt_iter {
	void *base;
	unsigned long count;
};

void pt_iter_done(struct pt_iter iter);

struct pt_map_data {
	bool null_mapped;
	struct pt_iter iter;
};

int pt_unmap(struct bio *bio);
struct bio *pt_map(void);
struct bio *pt_map_kern(void *data, struct page *page);

/* RAM: every bio tagged with a pt_map_data is pt_map()'s bounce bio */
static void pt_copy_out(struct bio *bio, struct pt_iter iter)
{
	memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);
	pt_iter_done(iter);
}

static void pt_uncopy(struct bio *bio)
{
	struct pt_map_data *md = bio->bi_private;

	if (!md->null_mapped)
		pt_copy_out(bio, md->iter);
	kfree(md);
	bio_put(bio);
}

int pt_unmap(struct bio *bio)
{
	if (bio->bi_private)
		pt_uncopy(bio);
	else
		bio_release_pages(bio);
	return 0;
}

/* a static function may make and return the struct */
static struct pt_map_data *pt_alloc_map_data(void)
{
	struct pt_map_data *md = kmalloc(sizeof(*md), GFP_KERNEL);

	md->null_mapped = false;
	return md;
}

struct bio *pt_map(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	struct pt_map_data *md = pt_alloc_map_data();

	md->iter.count = 0;
	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio->bi_private = md;
	return bio;
}

/* another pointer in the same field, no pt_map_data: not a tag */
struct bio *pt_map_kern(void *data, struct page *page)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, page, 4096, 0);
	bio->bi_private = data;
	return bio;
}

/* the tag's one store is on a bio of a caller's page */
struct pt_cookie {
	int n;
};

int pt_cookie_unmap(struct bio *bio);
struct bio *pt_cookie_map(struct page *page);

static void pt_cookie_read(struct bio *bio)
{
	struct pt_cookie *cookie = bio->bi_cookie;

	if (cookie->n)
		memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
	bio_put(bio);
}

int pt_cookie_unmap(struct bio *bio)
{
	pt_cookie_read(bio);
	return 0;
}

struct bio *pt_cookie_map(struct page *page)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	struct pt_cookie *cookie = kmalloc(sizeof(*cookie), GFP_KERNEL);

	cookie->n = 1;
	__bio_add_page(bio, page, 4096, 0);
	bio->bi_cookie = cookie;
	return bio;
}

/* the tag's pointer goes out of the file: another may tag with it */
struct pt_token {
	int n;
};

void pt_publish(struct pt_token *token);
int pt_token_unmap(struct bio *bio);
struct bio *pt_token_map(void);

static void pt_token_read(struct bio *bio)
{
	struct pt_token *token = bio->bi_token;

	if (token->n)
		memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
	bio_put(bio);
}

int pt_token_unmap(struct bio *bio)
{
	pt_token_read(bio);
	return 0;
}

struct bio *pt_token_map(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	struct pt_token *token = kmalloc(sizeof(*token), GFP_KERNEL);

	token->n = 1;
	pt_publish(token);
	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio->bi_token = token;
	return bio;
}

/* used as the struct on some calls only: the others may be any bio */
struct pt_guard {
	int n;
};

int pt_guarded_unmap(struct bio *bio);
struct bio *pt_guarded_map(void);

static void pt_guarded_read(struct bio *bio)
{
	struct pt_guard *guard = bio->bi_guarded;

	if (bio->bi_vcnt > 1 && guard->n)
		return;
	memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
	bio_put(bio);
}

int pt_guarded_unmap(struct bio *bio)
{
	pt_guarded_read(bio);
	return 0;
}

struct bio *pt_guarded_map(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	struct pt_guard *guard = kmalloc(sizeof(*guard), GFP_KERNEL);

	guard->n = 1;
	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio->bi_guarded = guard;
	return bio;
}

/* a header's struct: any file may make one and tag a bio with it */
int pt_shared_unmap(struct bio *bio);
struct bio *pt_shared_map(void);

static void pt_shared_read(struct bio *bio)
{
	struct sg_table *sgt = bio->bi_shared;

	if (sgt->nents)
		memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
	bio_put(bio);
}

int pt_shared_unmap(struct bio *bio)
{
	pt_shared_read(bio);
	return 0;
}

struct bio *pt_shared_map(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	struct sg_table *sgt = kmalloc(sizeof(*sgt), GFP_KERNEL);

	sgt->nents = 1;
	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio->bi_shared = sgt;
	return bio;
}

/* an exported function returns the tag's pointer: it is out of the file */
struct pt_handle {
	int n;
};

int pt_handle_unmap(struct bio *bio);
struct pt_handle *pt_handle_map(void);
void submit_bio(struct bio *bio);

static void pt_handle_read(struct bio *bio)
{
	struct pt_handle *handle = bio->bi_handle;

	if (handle->n)
		memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
	bio_put(bio);
}

int pt_handle_unmap(struct bio *bio)
{
	pt_handle_read(bio);
	return 0;
}

struct pt_handle *pt_handle_map(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	struct pt_handle *handle = kmalloc(sizeof(*handle), GFP_KERNEL);

	handle->n = 1;
	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio->bi_handle = handle;
	submit_bio(bio);
	return handle;
}

/* an own struct given as the parameter, not read out of a container: the
 * bio handed on out of it is the one read, and a helper fills it */
struct pt_ctx {
	struct bio *bio;
};

struct page *pt_other_page(void);
int pt_ctx_run(void);

static void pt_ctx_add(struct bio *bio)
{
	__bio_add_page(bio, pt_other_page(), 4096, 0);
}

static void pt_ctx_read(struct pt_ctx *ctx)
{
	pt_ctx_add(ctx->bio);
	memzero_page(ctx->bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
}

int pt_ctx_run(void)
{
	struct pt_ctx *ctx = kmalloc(sizeof(*ctx), GFP_KERNEL);

	ctx->bio = bio_kmalloc(1, GFP_KERNEL);
	__bio_add_page(ctx->bio, alloc_page(GFP_KERNEL), 4096, 0);
	pt_ctx_read(ctx);
	kfree(ctx);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A page read out of a bio may be P2PDMA memory, unless the bio is one
 * its static reader's every caller built itself and filled with RAM: the
 * bounce bio of block/blk-map.c, whose end_io copies out of pages that
 * bio_copy_kern() took from alloc_page().  The end_io is bound by
 * `bio->bi_end_io = fn` (the model's `callback`); a direct call counts the
 * same.  A bio filled with anything else, handed where it may be filled,
 * or a reader whose address goes elsewhere or that hands its bio on,
 * keeps the finding.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/bvec.h>

struct bio;
typedef void (bio_end_io_t)(struct bio *);

struct bio {
	struct bio_vec *bi_io_vec;
	unsigned short bi_vcnt;
	void *bi_private;
	bio_end_io_t *bi_end_io;
};

struct bio *bio_kmalloc(unsigned short nr_vecs, gfp_t gfp);
void __bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		    unsigned int off);
void bio_put(struct bio *bio);
void bio_free_pages(struct bio *bio);
void bio_hand_over(struct bio *bio);
void bio_register(bio_end_io_t *fn);

struct bio *hb_bounce(void *data);
struct bio *hb_user_pages(struct page *page);
struct bio *hb_handed(void);
void hb_direct(void);
struct bio *hb_escaped_reader(void);
struct bio *hb_reader_hands_on(void);

static void hb_free(struct bio *bio)
{
	bio_free_pages(bio);
	bio_put(bio);
}

/* the copy-out of a bounce bio: RAM, its only caller says so */
static void hb_bounce_endio(struct bio *bio)
{
	char *p = bio->bi_private;
	unsigned short i;

	for (i = 0; i < bio->bi_vcnt; i++)
		memcpy_from_page(p, bio->bi_io_vec[i].bv_page, 0, 8);
	hb_free(bio);
}

struct bio *hb_bounce(void *data)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);
	struct page *page;

	if (!bio)
		return NULL;
	page = alloc_page(GFP_KERNEL);
	if (!page) {
		bio_put(bio);
		return NULL;
	}
	__bio_add_page(bio, page, 4096, 0);
	bio->bi_end_io = hb_bounce_endio;
	bio->bi_private = data;
	return bio;
}

/* filled with a caller's page: nothing says it is RAM */
static void hb_user_endio(struct bio *bio)
{
	memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
}

struct bio *hb_user_pages(struct page *page)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, page, 4096, 0);
	bio->bi_end_io = hb_user_endio;
	return bio;
}

/* RAM at first, but handed where anything may be added */
static void hb_handed_endio(struct bio *bio)
{
	memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
}

struct bio *hb_handed(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio_hand_over(bio);
	bio->bi_end_io = hb_handed_endio;
	return bio;
}

/* a direct call of a static reader counts as the callback does */
static void hb_zero_first(struct bio *bio)
{
	memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);
}

void hb_direct(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	hb_zero_first(bio);
	bio_put(bio);
}

/* its address also goes elsewhere: callers out of sight */
static void hb_escaped_endio(struct bio *bio)
{
	memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
}

struct bio *hb_escaped_reader(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio->bi_end_io = hb_escaped_endio;
	bio_register(hb_escaped_endio);
	return bio;
}

/* the reader hands its bio to what may fill it */
static void hb_hands_on_endio(struct bio *bio)
{
	bio_hand_over(bio);
	memzero_page(bio->bi_io_vec[0].bv_page, 0, 8);	/* expect: phys-kmap */
}

struct bio *hb_reader_hands_on(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	bio->bi_end_io = hb_hands_on_endio;
	return bio;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's bio_for_each_segment_all(): the page read in the loop is
 * the one bvec_advance() stored into the local bvec_iter_all, out of the
 * bio's own table, so a static reader whose only caller filled the bio
 * with alloc_page() memory reads RAM (block/blk-map.c's bounce bios).
 * GCC carries the pointer bvec_init_iter_all() returns around the loop
 * in a phi, and its load has no path back to the local: both must still
 * lead to the stores.  A bio of a caller's page keeps the finding.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/bvec.h>

struct bio {
	struct bio_vec *bi_io_vec;
	unsigned short bi_vcnt;
};

struct bvec_iter_all {
	struct bio_vec bv;
	int idx;
	unsigned int done;
};

struct bio *bio_kmalloc(unsigned short nr_vecs, gfp_t gfp);
void __bio_add_page(struct bio *bio, struct page *page, unsigned int len,
		    unsigned int off);
void bio_put(struct bio *bio);
void hia_run(void);
void hia_user(struct page *page);

static inline struct bio_vec *bvec_init_iter_all(struct bvec_iter_all *iter_all)
{
	iter_all->done = 0;
	iter_all->idx = 0;
	return &iter_all->bv;
}

static inline void bvec_advance(const struct bio_vec *bvec, struct bvec_iter_all *iter_all)
{
	struct bio_vec *bv = &iter_all->bv;

	if (iter_all->done) {
		bv->bv_page++;
		bv->bv_offset = 0;
	} else {
		bv->bv_page = bvec->bv_page + (bvec->bv_offset >> 12);
		bv->bv_offset = bvec->bv_offset & 4095;
	}
	bv->bv_len = bvec->bv_len - iter_all->done;
	iter_all->done += bv->bv_len;
	if (iter_all->done == bvec->bv_len) {
		iter_all->idx++;
		iter_all->done = 0;
	}
}

static inline bool bio_next_segment(const struct bio *bio, struct bvec_iter_all *iter)
{
	if (iter->idx >= bio->bi_vcnt)
		return false;
	bvec_advance(&bio->bi_io_vec[iter->idx], iter);
	return true;
}

#define bio_for_each_segment_all(bvl, bio, iter) \
	for (bvl = bvec_init_iter_all(&iter); bio_next_segment((bio), &iter); )

static void hia_zero(struct bio *bio)
{
	struct bio_vec *bvec;
	struct bvec_iter_all iter_all;

	bio_for_each_segment_all(bvec, bio, iter_all)
		memzero_page(bvec->bv_page, 0, 8);
}

static void hia_zero_user(struct bio *bio)
{
	struct bio_vec *bvec;
	struct bvec_iter_all iter_all;

	bio_for_each_segment_all(bvec, bio, iter_all)
		memzero_page(bvec->bv_page, 0, 8);	/* expect: phys-kmap */
}

void hia_run(void)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, alloc_page(GFP_KERNEL), 4096, 0);
	hia_zero(bio);
	bio_put(bio);
}

void hia_user(struct page *page)
{
	struct bio *bio = bio_kmalloc(1, GFP_KERNEL);

	__bio_add_page(bio, page, 4096, 0);
	hia_zero_user(bio);
	bio_put(bio);
}

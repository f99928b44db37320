// SPDX-License-Identifier: GPL-2.0
/*
 * phys-attr: the attrs of a mapping must say what the phys is, the DMA
 * API's contract since 6.18.  MMIO is mapped with DMA_ATTR_MMIO (or with
 * dma_map_resource()), RAM without it.  Without the flag, dma-direct and
 * dma-iommu may bounce the MMIO through swiotlb or do cache maintenance
 * on it; with it on RAM, the cache maintenance a non-coherent device
 * needs is skipped.
 *
 * Only a phys proven MMIO or proven RAM counts: one that only may be
 * MMIO (a bvec page, sg_phys()) is the block and net layers' to keep
 * from drivers that do not take P2PDMA, and a warning on every such map
 * would bury the real ones.  The phys and its attrs are taken on each
 * path into the block where the paths meet before the call, so attrs
 * set where the phys is proven MMIO are right, and a join hides nothing.
 */
#include <stdlib.h>

#include "check.h"
#include "../xalloc.h"

#define MAX_CHAIN 8

enum attr_wrong {
	ATTR_RIGHT,
	ATTR_MMIO_WITHOUT,	/* proven MMIO, attrs lack the flag */
	ATTR_RAM_WITH,		/* proven RAM, attrs carry it */
};

static enum attr_wrong wrong(struct prov p, struct prov claim)
{
	if (p.state == PROV_MMIO && (claim.state & PROV_KMAP))
		return ATTR_MMIO_WITHOUT;
	if (p.state == PROV_KMAP && !p.params && (claim.state & PROV_MMIO))
		return ATTR_RAM_WITH;
	return ATTR_RIGHT;
}

/* The model's flag that says MMIO, for the words. */
static const char *mmio_flag(const struct func_ctx *f)
{
	const struct ir_unit *unit = f->u->unit;
	unsigned int i;

	for (i = 0; i < unit->nr_flags; i++) {
		const struct model_entry *e;

		for (e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, NULL); e;
		     e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, e))
			if (e->when && e->state == PROV_MMIO)
				return e->name;
	}
	return "the MMIO flag";
}

/* The blocks from where the paths to @block meet, walking back over
 * blocks of one predecessor, to @block: into @path (marked in @chain);
 * how many, or 0 if there is no such meeting near. */
static unsigned int path_from_join(const struct func_ctx *f, int block, bool *chain,
				   int *path)
{
	unsigned int n = 0, i;

	while (block >= 0 && n < MAX_CHAIN) {
		const struct ir_block *blk = f->func->blocks[block];

		chain[block] = true;
		path[n++] = block;
		if (blk->nr_preds >= 2)
			break;
		if (blk->nr_preds != 1 || chain[blk->preds[0]])
			return 0;	/* the entry, or a loop of single edges */
		block = blk->preds[0];
	}
	if (!n || f->func->blocks[path[n - 1]]->nr_preds < 2)
		return 0;
	for (i = 0; i < n / 2; i++) {
		int t = path[i];

		path[i] = path[n - 1 - i];
		path[n - 1 - i] = t;
	}
	return n;
}

static void report(struct func_ctx *f, const struct prov *state,
		   const struct ir_insn *call, const struct attrs_use *use,
		   enum attr_wrong how, const struct ir_insn *path_from)
{
	const struct summary *s = NULL;
	const char *flag = mmio_flag(f);
	struct finding fd;
	int callee = engine_find_func(f->u, call->name);

	if (how == ATTR_MMIO_WITHOUT && use->where == call->name)
		finding_init(&fd, CHECK_ATTR, call->loc,
			     "MMIO mapped by %s() without %s: it may be bounced through "
			     "swiotlb (a CPU copy of device memory) or get CPU cache "
			     "maintenance", call->name, flag);
	else if (how == ATTR_MMIO_WITHOUT)
		finding_init(&fd, CHECK_ATTR, call->loc,
			     "argument %u of %s() is MMIO, but the attrs it is mapped with "
			     "by %s() lack %s", use->phys + 1, call->name, use->where, flag);
	else if (use->where == call->name)
		finding_init(&fd, CHECK_ATTR, call->loc,
			     "RAM mapped by %s() with %s: the CPU cache maintenance a "
			     "non-coherent device needs is skipped", call->name, flag);
	else
		finding_init(&fd, CHECK_ATTR, call->loc,
			     "argument %u of %s() is RAM, but the attrs it is mapped with "
			     "by %s() carry %s", use->phys + 1, call->name, use->where, flag);
	if (path_from)
		finding_note(&fd, path_from->loc, "on the path from here");
	engine_note_sources(f, &fd, state, call->operands[use->phys]);
	if (callee >= 0 && use->phys < PROV_MAX_PARAMS)
		s = &f->u->summaries[callee];
	if (s && s->attrs_of[use->phys] != ATTRS_NONE && use->where != call->name)
		finding_note(&fd, s->attrs_loc[use->phys],
			     "%s() passes its parameter %u on here, to be mapped by %s()",
			     call->name, use->phys + 1, use->where);
	engine_report(f, &fd, call, IR_NONE);
}

/* Each path into the join before @call, its phys and attrs taken on it
 * right before the call; false if there is no join to look through. */
static bool check_paths(struct func_ctx *f, const struct ir_insn *call,
			const struct attrs_use *use)
{
	bool *chain = pc_xcalloc(f->func->nr_blocks + 1, sizeof(bool));
	struct prov *state = pc_xcalloc(f->nr_origins + 1, sizeof(struct prov));
	struct path_edge edge = { IR_NONE, IR_NONE, chain };
	int path[MAX_CHAIN], at = engine_block_of(f, call);
	unsigned int n = at >= 0 ? path_from_join(f, at, chain, path) : 0, i, k;
	bool done = false;

	edge.join = n ? path[0] : IR_NONE;
	for (i = 0; n && !done && i < f->func->blocks[edge.join]->nr_preds; i++) {
		const struct ir_block *pred;

		edge.pred = f->func->blocks[edge.join]->preds[i];
		pred = f->func->blocks[edge.pred];
		for (k = 0; !done && k < pred->nr_succs; k++) {
			enum attr_wrong how;

			if (pred->succs[k] != edge.join ||
			    !engine_path_state(f, edge.pred, k, path, n, call, state))
				continue;
			how = wrong(engine_edge_prov(f, state, call->operands[use->phys], &edge),
				    engine_attrs_claim(f, state, call, use, &edge));
			if (how != ATTR_RIGHT) {
				report(f, state, call, use, how,
				       pred->nr_insns ? pred->insns[pred->nr_insns - 1] : NULL);
				done = true;
			}
		}
	}
	free(chain);
	free(state);
	return n > 0;
}

static void attr_use(struct func_ctx *f, const struct ir_insn *call,
		     const struct attrs_use *use, void *ctx)
{
	const struct prov *state = ctx;
	enum attr_wrong how;

	if (!f->words || check_paths(f, call, use))
		return;
	how = wrong(engine_value_prov(f, state, call->operands[use->phys]),
		    engine_attrs_claim(f, state, call, use, NULL));
	if (how != ATTR_RIGHT)
		report(f, state, call, use, how, NULL);
}

static void attr_on_call(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *call, int callee)
{
	engine_for_each_attrs_use(f, call, callee, attr_use, (void *)state);
}

const struct check_def phys_attr = {
	.name = "phys-attr",
	.help = "a phys proven MMIO is mapped without DMA_ATTR_MMIO, or RAM with it",
	.explain = "Since Linux 6.18 the attrs of dma_map_phys(), dma_iova_link() and "
		   "their kin must say what the phys is: MMIO with DMA_ATTR_MMIO (or "
		   "dma_map_resource()), RAM without it. Without the flag, dma-direct "
		   "and dma-iommu may bounce the MMIO through swiotlb, a CPU copy of "
		   "device memory, or do CPU cache maintenance on it; with it on RAM, "
		   "the cache maintenance a non-coherent device needs is skipped. A "
		   "phys that only may be MMIO (sg_phys(), a bvec page) is not a "
		   "finding. Set DMA_ATTR_MMIO on the path where the phys is MMIO "
		   "(a BAR, a P2PDMA page mapped through the host bridge).",
	.default_on = true,
	.finding = true,
	.on_call = attr_on_call,
};

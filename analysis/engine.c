// SPDX-License-Identifier: GPL-2.0
/*
 * The provenance engine: checks a translation unit lowered into the IR
 * against the model.  Per function: origins (origins.c), address uses
 * (uses.c), the dataflow (solver.c) and its replay, whose events make the
 * summary (summary.c) and reach the checks (checks.c, checks/).  Over the
 * unit: summaries iterated to a fixed point so that recursion settles,
 * then one reporting replay of each function, header functions first so
 * that what they found waits for the calls from the checked file
 * (report.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

#define MAX_SUMMARY_ROUNDS 16

/*
 * What a function's last summary round computed (origins, address uses,
 * the solved block states) is what its reporting replay would compute
 * again when no callee's summary changed since: kept for it, up to this
 * much memory for the unit, and only where the unit holds every body
 * (the plugin hands the engine one expanded body at a time to keep its
 * memory down, and the kept states would point into it).
 */
#define KEPT_BYTES_MAX (16u << 20)

struct kept {
	struct func_ctx *ctx;	/* by function index, or NULL */
	size_t bytes;		/* held by all of them */
};


static void mark_shadowed_frames(struct func_ctx *f)
{
	unsigned int i;

	f->frame_shadowed = xcalloc(f->func->nr_frames, sizeof(bool));
	for (i = 0; i < f->func->nr_frames; i++) {
		int fr;

		for (fr = (int)i; fr != IR_NONE; fr = f->func->frames[fr].parent) {
			if (engine_models_call(f->u->model, f->func->frames[fr].function)) {
				f->frame_shadowed[i] = true;
				break;
			}
		}
	}
}

static void free_func_ctx(struct func_ctx *f)
{
	free(f->def);
	free(f->def_block);
	free(f->used);
	free(f->value_origin);
	free(f->frame_shadowed);
	free(f->origins);
	free(f->sets);
	free(f->in);
	free(f->reached);
	free(f->stores);
}

/* The bytes @f's arrays hold, as engine_compute_origins(),
 * engine_compute_used() and engine_solve() sized them. */
static size_t func_ctx_bytes(const struct func_ctx *f)
{
	size_t values = f->func->nr_values + 1, blocks = f->func->nr_blocks;

	return values * (sizeof(*f->def) + sizeof(*f->def_block) + sizeof(*f->used) +
			 sizeof(*f->value_origin) + f->words * sizeof(*f->sets)) +
	       blocks * (f->nr_origins * sizeof(*f->in) + sizeof(*f->reached)) +
	       f->nr_origins * sizeof(*f->origins) +
	       (f->nr_stores + 1) * sizeof(*f->stores) + f->func->nr_frames;
}

static void drop_kept(struct kept *k, unsigned int index)
{
	if (!k || !k->ctx[index].func)
		return;
	k->bytes -= func_ctx_bytes(&k->ctx[index]);
	free_func_ctx(&k->ctx[index]);
	memset(&k->ctx[index], 0, sizeof(k->ctx[index]));
}

/* Keep @f for the reporting replay if the budget allows; else free it. */
static void keep_or_free(struct kept *k, struct func_ctx *f)
{
	size_t bytes;

	drop_kept(k, f->index);
	bytes = func_ctx_bytes(f);
	if (!k || f->report || k->bytes + bytes > KEPT_BYTES_MAX) {
		free_func_ctx(f);
		return;
	}
	k->ctx[f->index] = *f;
	k->bytes += bytes;
}

/* The first attrs use seen of each parameter stays; whether @fresh adds
 * one to @old. */
static bool keep_attrs_uses(struct summary *fresh, const struct summary *old)
{
	bool added = false;
	unsigned int i;

	for (i = 0; i < PROV_MAX_PARAMS; i++) {
		if (old->attrs_of[i] != ATTRS_NONE) {
			fresh->attrs_of[i] = old->attrs_of[i];
			fresh->attrs_loc[i] = old->attrs_loc[i];
			fresh->attrs_callee[i] = old->attrs_callee[i];
		} else if (fresh->attrs_of[i] != ATTRS_NONE) {
			added = true;
		}
	}
	return added;
}

/* Record @f's function as a caller of each unit function it calls, the
 * first time it is analysed: only their summaries (its own too, when it
 * recurses) change its own. */
static void note_callers(struct func_ctx *f)
{
	struct unit_ctx *u = f->u;
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *call = blk->insns[i];
			struct func_list *callers;
			int callee;

			if (call->op != IR_CALL || !call->name)
				continue;
			/* a recursive call reads the function's own summary */
			callee = engine_find_func(u, call->name);
			if (callee < 0)
				continue;
			callers = &u->callers[callee];
			if (callers->nr && callers->index[callers->nr - 1] == (int)f->index)
				continue;
			callers->index = xrealloc(callers->index,
						  (callers->nr + 1) * sizeof(int));
			callers->index[callers->nr++] = (int)f->index;
		}
	}
}

/* Analyse one function; returns whether its summary changed.  @k holds
 * what summary rounds computed, for the reporting replay. */
static bool analyse(struct unit_ctx *u, unsigned int index, bool report, struct kept *k)
{
	struct summary fresh;
	struct func_ctx f;
	bool changed;

	memset(&fresh, 0, sizeof(fresh));
	memset(&f, 0, sizeof(f));
	f.u = u;
	f.index = index;
	f.func = u->unit->funcs[index];
	f.self = &fresh;
	f.report = report;
	if (u->bodies)
		f.func = u->bodies->get(u->bodies->ctx, index);
	if (!f.func || !f.func->nr_blocks) {
		if (f.func && u->bodies)
			u->bodies->put(u->bodies->ctx, index, f.func);
		return false;
	}
	if (!u->noted[index]) {
		note_callers(&f);
		u->noted[index] = true;
	}
	if (report && k && k->ctx[index].func && !u->stale[index]) {
		f = k->ctx[index];
		f.self = &fresh;
		f.report = true;
		k->bytes -= func_ctx_bytes(&f);
		memset(&k->ctx[index], 0, sizeof(k->ctx[index]));
		engine_summarise_accessed(&f);
		if (f.nr_origins)
			engine_replay(&f);
	} else {
		mark_shadowed_frames(&f);
		engine_compute_origins(&f);
		engine_compute_used(&f);
		engine_summarise_accessed(&f);
		if (f.nr_origins) {
			engine_solve(&f);
			engine_replay(&f);
		}
	}
	keep_or_free(k, &f);
	if (u->bodies)
		u->bodies->put(u->bodies->ctx, index, f.func);
	/* summaries only grow, so rounds converge; keep the first sink seen */
	fresh.requires |= u->summaries[index].requires;
	fresh.ret = prov_join(fresh.ret, u->summaries[index].ret);
	fresh.accessed |= u->summaries[index].accessed;
	changed = fresh.requires != u->summaries[index].requires ||
		  fresh.accessed != u->summaries[index].accessed ||
		  keep_attrs_uses(&fresh, &u->summaries[index]) ||
		  !prov_equal(fresh.ret, u->summaries[index].ret);
	if (changed) {
		struct summary *old = &u->summaries[index];
		unsigned int i;

		fresh.deferred = old->deferred;
		fresh.nr_deferred = old->nr_deferred;
		for (i = 0; i < PROV_MAX_PARAMS; i++) {
			if (old->require_sink[i]) {
				fresh.require_loc[i] = old->require_loc[i];
				fresh.require_sink[i] = old->require_sink[i];
			}
		}
		*old = fresh;
	}
	return changed;
}

void engine_check_unit(const struct model *model, struct ir_unit *unit,
		       struct engine_stats *stats)
{
	engine_check_unit_bodies(model, unit, NULL, stats);
}

void engine_check_unit_bodies(const struct model *model, struct ir_unit *unit,
			      const struct engine_bodies *bodies,
			      struct engine_stats *stats)
{
	struct unit_ctx u;
	struct kept kept = { NULL, 0 }, *k = NULL;
	unsigned int i, round;
	bool changed = true;

	memset(&u, 0, sizeof(u));
	u.model = model;
	u.unit = unit;
	u.bodies = bodies;
	u.summaries = xcalloc(unit->nr_funcs, sizeof(*u.summaries));
	u.defined = xcalloc(unit->nr_funcs + 1, sizeof(*u.defined));
	for (i = 0; i < unit->nr_funcs; i++)
		u.defined[i] = bodies ? i < bodies->nr_defined : unit->funcs[i]->nr_blocks > 0;
	engine_index_funcs(&u);
	u.callers = xcalloc(unit->nr_funcs + 1, sizeof(*u.callers));
	u.noted = xcalloc(unit->nr_funcs + 1, sizeof(bool));
	u.stale = xcalloc(unit->nr_funcs + 1, sizeof(bool));
	for (i = 0; i < unit->nr_funcs; i++)
		u.stale[i] = true;
	if (!bodies) {
		kept.ctx = xcalloc(unit->nr_funcs + 1, sizeof(*kept.ctx));
		k = &kept;
	}
	/*
	 * Rounds in function order to a fixed point, as before, but a
	 * function is analysed again only when a callee's summary changed
	 * since it last was: nothing else can change its own.
	 */
	for (round = 0; changed && round < MAX_SUMMARY_ROUNDS; round++) {
		changed = false;
		for (i = 0; i < unit->nr_funcs; i++) {
			unsigned int c;

			if (!u.stale[i])
				continue;
			u.stale[i] = false;
			if (!analyse(&u, i, false, k))
				continue;
			changed = true;
			for (c = 0; c < u.callers[i].nr; c++)
				u.stale[u.callers[i].index[c]] = true;
		}
	}
	/* unsettled summaries: every replay recomputes, as it always did */
	for (i = 0; changed && k && i < unit->nr_funcs; i++)
		drop_kept(k, i);
	/* functions of headers first: what they found waits for the calls */
	for (i = 0; i < unit->nr_funcs; i++)
		if (!engine_in_checked_file(&u, unit->funcs[i]->loc))
			analyse(&u, i, true, k);
	for (i = 0; i < unit->nr_funcs; i++)
		if (engine_in_checked_file(&u, unit->funcs[i]->loc))
			analyse(&u, i, true, k);
	if (stats) {
		stats->functions = unit->nr_funcs;
		stats->rounds = round;
		stats->warnings = u.warnings;
	}
	for (i = 0; i < unit->nr_funcs; i++)
		engine_free_summary(&u.summaries[i]);
	for (i = 0; i < unit->nr_funcs; i++)
		free(u.callers[i].index);
	for (i = 0; k && i < unit->nr_funcs; i++)
		drop_kept(k, i);
	free(kept.ctx);
	free(u.callers);
	free(u.noted);
	free(u.stale);
	free(u.summaries);
	free(u.defined);
	free(u.func_hash);
	free(u.reported);
}

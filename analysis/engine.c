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

/*
 * A function whose calls reach only functions with final summaries has
 * a final summary after its first analysis: nothing it reads can change
 * again.  Its reporting replay then follows at once, on what that
 * analysis computed, with the body (the plugin's expanded one) still in
 * hand, so the function is neither expanded nor solved twice and its
 * states are not kept across the unit.  The reports keep the order the
 * report pass shows them in: headers' functions first, each in its turn
 * (what they find waits in their summaries for the calls from the file's
 * functions, report.c); then, once every one of those is done, the
 * file's functions, whose findings wait to be shown in their turn when
 * one before them is not done yet (a copy of a finding in another
 * function may have to come first).
 */
struct kept {
	struct func_ctx *ctx;	/* by function index, or NULL */
	unsigned int nr;	/* functions it has room for: the unit's
				 * own, not those the database adds */
	size_t bytes;		/* held by all of them */
	const struct engine_bodies *bodies;	/* a kept body goes back here */
	bool *final;		/* by function: its summary is final */
	bool *done;		/* by function: reported, or nothing to */
	struct finding_list *held;	/* by function: findings to show */
	unsigned int *order;	/* the report pass's order */
	unsigned int nr_headers;	/* the first of order, headers' */
	unsigned int next;	/* the first of order not done */
	int now;		/* the one whose turn it is, or -1 */
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
			 sizeof(*f->value_origin)) +
	       (size_t)f->nr_set_rows * f->words * sizeof(*f->sets) +
	       blocks * (f->nr_origins * sizeof(*f->in) + sizeof(*f->reached)) +
	       f->nr_origins * sizeof(*f->origins) +
	       (f->nr_stores + 1) * sizeof(*f->stores) + f->func->nr_frames;
}

static void drop_kept(struct kept *k, unsigned int index)
{
	struct func_ctx *f;

	if (!k || index >= k->nr || !k->ctx[index].func)
		return;
	f = &k->ctx[index];
	k->bytes -= func_ctx_bytes(f);
	if (k->bodies)
		k->bodies->put(k->bodies->ctx, index, f->func);
	free_func_ctx(f);
	memset(f, 0, sizeof(*f));
}

/*
 * Keep @f for the reporting replay if the budget allows (always for the
 * one reported right away, which holds nothing longer); else free it.
 * Returns whether it is kept, with its body.
 */
static bool keep_or_free(struct kept *k, struct func_ctx *f)
{
	bool now = k && k->now == (int)f->index && k->final[f->index];
	size_t bytes;

	drop_kept(k, f->index);
	bytes = func_ctx_bytes(f);
	if (!k || f->report || f->pure || f->index >= k->nr ||
	    (!now && (k->bodies || k->bytes + bytes > KEPT_BYTES_MAX))) {
		free_func_ctx(f);
		return false;
	}
	k->ctx[f->index] = *f;
	k->bytes += bytes;
	return true;
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

/* Whether @callee's summary can change no more, as @f's callee. */
static bool final_callee(const struct func_ctx *f, const struct kept *k, int callee)
{
	if (callee == (int)f->index)
		return false;
	return (unsigned int)callee >= k->nr || !f->u->defined[callee] || k->final[callee];
}

/* Record @f's function as a caller of each unit function it calls, the
 * first time it is analysed: only their summaries (its own too, when it
 * recurses) change its own.  Its summary is final when theirs are. */
static void note_callers(struct func_ctx *f, struct kept *k)
{
	struct unit_ctx *u = f->u;
	unsigned int b, i;
	bool final = k != NULL;

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
				callee = engine_declare_extern(u, call->name);
			if (callee < 0)
				continue;
			final = final && final_callee(f, k, callee);
			callers = &u->callers[callee];
			if (callers->nr && callers->index[callers->nr - 1] == (int)f->index)
				continue;
			callers->index = xrealloc(callers->index,
						  (callers->nr + 1) * sizeof(int));
			callers->index[callers->nr++] = (int)f->index;
		}
	}
	if (final)
		k->final[f->index] = true;
}

/*
 * @fresh's requirements joined with @old's: the first sink seen of each
 * stays, and a condition stays only where both agree.  Whether @fresh
 * adds to @old.
 */
static bool keep_requirements(struct summary *fresh, const struct summary *old)
{
	bool added = (fresh->requires & ~old->requires) != 0;
	unsigned int i;

	for (i = 0; i < PROV_MAX_PARAMS; i++) {
		uint32_t bit = UINT32_C(1) << i;

		if (!(old->requires & bit))
			continue;
		if ((fresh->requires & bit) &&
		    fresh->require_unless[i] != old->require_unless[i]) {
			added |= old->require_unless[i] != 0;
			fresh->require_unless[i] = 0;
		} else {
			fresh->require_unless[i] = old->require_unless[i];
		}
		fresh->require_loc[i] = old->require_loc[i];
		fresh->require_sink[i] = old->require_sink[i];
		fresh->require_arg[i] = old->require_arg[i];
	}
	fresh->requires |= old->requires;
	return added;
}

/*
 * Analyse one function into @fresh: its summary from this round, the
 * findings too when @report.  @k holds what summary rounds computed, for
 * the reporting replay (NULL: nothing is kept).  Returns whether it has
 * a body.
 */
static bool analyse_into(struct unit_ctx *u, unsigned int index, bool report,
			 bool pure, struct summary *fresh, struct kept *k)
{
	struct func_ctx f;

	memset(fresh, 0, sizeof(*fresh));
	memset(&f, 0, sizeof(f));
	if (report && k && index < k->nr && k->ctx[index].func && !u->stale[index]) {
		/* the body too, when the front end hands them out */
		f = k->ctx[index];
		f.self = fresh;
		f.report = true;
		k->bytes -= func_ctx_bytes(&f);
		memset(&k->ctx[index], 0, sizeof(k->ctx[index]));
		engine_summarise_accessed(&f);
		if (f.nr_origins)
			engine_replay(&f);
		goto out;
	}
	f.u = u;
	f.index = index;
	f.func = u->unit->funcs[index];
	f.self = fresh;
	f.report = report;
	f.pure = pure;
	if (u->bodies)
		f.func = u->bodies->get(u->bodies->ctx, index);
	if (!f.func || !f.func->nr_blocks) {
		if (f.func && u->bodies)
			u->bodies->put(u->bodies->ctx, index, f.func);
		return false;
	}
	if (!u->noted[index]) {
		note_callers(&f, k);
		u->noted[index] = true;
	}
	mark_shadowed_frames(&f);
	engine_compute_origins(&f);
	engine_content_origins(&f);
	if (!report && !pure && u->bodies)
		engine_content_collect(&f);
	engine_compute_used(&f);
	engine_summarise_accessed(&f);
	if (f.nr_origins) {
		engine_solve(&f);
		engine_replay(&f);
	}
out:
	if (!keep_or_free(k, &f) && u->bodies)
		u->bodies->put(u->bodies->ctx, index, f.func);
	return true;
}

/*
 * What the unit's functions pass to its static functions as containers
 * (content.c), for a unit that reads a container out of a parameter: the
 * client learns it here, from the last round's origins where they are
 * kept, since most units read none and so pay nothing; the plugin, whose
 * bodies are in hand only while it analyses them, learns it then.
 */
static void collect_content(struct unit_ctx *u, struct kept *k)
{
	unsigned int i;
	bool reads = false;

	for (i = 0; i < u->nr_content && !reads; i++)
		reads = u->content_reads[i] != 0;
	for (i = 0; reads && !u->bodies && i < u->nr_content; i++) {
		struct func_ctx f;

		if (!u->defined[i])
			continue;
		if (k && i < k->nr && k->ctx[i].func) {
			engine_content_collect(&k->ctx[i]);
			continue;
		}
		memset(&f, 0, sizeof(f));
		f.u = u;
		f.index = i;
		f.func = u->unit->funcs[i];
		mark_shadowed_frames(&f);
		engine_compute_origins(&f);
		engine_content_origins(&f);
		engine_content_collect(&f);
		free_func_ctx(&f);
	}
}

/* Analyse one function; returns whether its summary changed. */
static bool analyse(struct unit_ctx *u, unsigned int index, bool report, struct kept *k)
{
	struct summary *old, fresh;
	bool changed;

	if (!analyse_into(u, index, report, false, &fresh, k))
		return false;
	old = &u->summaries[index];	/* analyse_into() may add functions */
	/* summaries only grow, so rounds converge */
	changed = keep_requirements(&fresh, old);
	fresh.ret = prov_join(fresh.ret, old->ret);
	fresh.accessed |= old->accessed;
	changed |= fresh.accessed != old->accessed ||
		   keep_attrs_uses(&fresh, old) ||
		   !prov_equal(fresh.ret, old->ret);
	if (fresh.passes) {
		/* the calls into other units, as the last replay saw them */
		free(old->passes);
		old->passes = fresh.passes;
		old->nr_passes = fresh.nr_passes;
	}
	if (changed) {
		fresh.deferred = old->deferred;
		fresh.nr_deferred = old->nr_deferred;
		fresh.passes = old->passes;
		fresh.nr_passes = old->nr_passes;
		*old = fresh;
	}
	return changed;
}

/* Whether the model's `param` lines speak for @fn's own parameters. */
static bool has_model_params(const struct unit_ctx *u, const struct ir_func *fn)
{
	unsigned int r;

	if (model_find(u->model, MODEL_PARAM, fn->name, NULL))
		return true;
	for (r = 0; r < fn->nr_roles; r++)
		if (model_find(u->model, MODEL_PARAM, fn->roles[r], NULL))
			return true;
	return false;
}

/*
 * The unit's facts.  A function whose parameters the model's `param`
 * lines make sources (dma_map_phys(): "may be MMIO, as its attrs say")
 * is analysed once more with them as plain parameters, so the facts say
 * what it needs of its callers: the database checks the model by them.
 */
static char *unit_facts(struct unit_ctx *u)
{
	struct summary *pure = xcalloc(u->unit->nr_funcs + 1, sizeof(*pure));
	unsigned int i, n = u->unit->nr_funcs;
	char *text;

	for (i = 0; i < n; i++)
		if (u->defined[i] && engine_in_checked_file(u, u->unit->funcs[i]->loc) &&
		    has_model_params(u, u->unit->funcs[i]))
			analyse_into(u, i, false, true, &pure[i], NULL);
	text = engine_facts_text(u, pure);
	for (i = 0; i < n; i++) {
		free(pure[i].passes);
		engine_free_summary(&pure[i]);
	}
	free(pure);
	return text;
}

/* The first function of the report order not done: whose turn it is. */
static void advance(struct kept *k)
{
	while (k->next < k->nr && k->done[k->order[k->next]])
		k->next++;
	k->now = k->next < k->nr ? (int)k->order[k->next] : -1;
}

/* The report pass's order; a function without a body is done, it has
 * nothing to report. */
static void start_kept(struct unit_ctx *u, struct kept *k)
{
	unsigned int i, n = u->unit->nr_funcs, nr = 0;

	k->ctx = xcalloc(n + 1, sizeof(*k->ctx));
	k->nr = n;
	k->bodies = u->bodies;
	k->final = xcalloc(n + 1, sizeof(*k->final));
	k->done = xcalloc(n + 1, sizeof(*k->done));
	k->held = xcalloc(n + 1, sizeof(*k->held));
	k->order = xcalloc(n + 1, sizeof(*k->order));
	for (i = 0; i < n; i++)
		if (!engine_in_checked_file(u, u->unit->funcs[i]->loc))
			k->order[nr++] = i;
	k->nr_headers = nr;
	for (i = 0; i < n; i++)
		if (engine_in_checked_file(u, u->unit->funcs[i]->loc))
			k->order[nr++] = i;
	for (i = 0; i < n; i++)
		k->done[i] = !u->defined[i];
	advance(k);
}

/* @index's report right after its first summary round, when it may be. */
static void report_now(struct unit_ctx *u, struct kept *k, unsigned int index)
{
	bool in_turn = k->now == (int)index;

	/* a container reader waits for what its callers put in (content.c) */
	if (k->done[index] || !k->final[index] || (!in_turn && k->next < k->nr_headers) ||
	    (index < u->nr_content && u->content_reads[index]))
		return;
	if (!in_turn)
		u->hold = &k->held[index];
	analyse(u, index, true, k);
	u->hold = NULL;
	k->done[index] = true;
	advance(k);
}

/* The reports not made yet, and those made ahead of their turn shown. */
static void report_pass(struct unit_ctx *u, struct kept *k)
{
	unsigned int i, n = u->unit->nr_funcs;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			if (engine_in_checked_file(u, u->unit->funcs[i]->loc) != (pass == 1))
				continue;
			if (i >= k->nr || !k->done[i])
				analyse(u, i, true, k);
			else
				engine_show_held(u, &k->held[i]);
		}
	}
}

void engine_check_unit(const struct model *model, struct ir_unit *unit,
		       const struct engine_io *io, struct engine_stats *stats)
{
	engine_check_unit_bodies(model, unit, NULL, io, stats);
}

void engine_check_unit_bodies(const struct model *model, struct ir_unit *unit,
			      const struct engine_bodies *bodies,
			      const struct engine_io *io, struct engine_stats *stats)
{
	struct unit_ctx u;
	struct kept kept, *k = &kept;
	unsigned int i, round;
	bool changed = true, decided;

	memset(&u, 0, sizeof(u));
	u.model = model;
	u.unit = unit;
	u.bodies = bodies;
	if (io)
		u.io = *io;
	u.from_db = xcalloc(unit->nr_funcs + 1, sizeof(*u.from_db));
	u.summaries = xcalloc(unit->nr_funcs, sizeof(*u.summaries));
	u.defined = xcalloc(unit->nr_funcs + 1, sizeof(*u.defined));
	for (i = 0; i < unit->nr_funcs; i++)
		u.defined[i] = bodies ? i < bodies->nr_defined : unit->funcs[i]->nr_blocks > 0;
	engine_index_funcs(&u);
	engine_content_init(&u);
	u.callers = xcalloc(unit->nr_funcs + 1, sizeof(*u.callers));
	u.noted = xcalloc(unit->nr_funcs + 1, sizeof(bool));
	u.stale = xcalloc(unit->nr_funcs + 1, sizeof(bool));
	for (i = 0; i < unit->nr_funcs; i++)
		u.stale[i] = true;
	memset(&kept, 0, sizeof(kept));
	start_kept(&u, k);
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
			if (analyse(&u, i, false, k)) {
				changed = true;
				for (c = 0; c < u.callers[i].nr; c++)
					u.stale[u.callers[i].index[c]] = true;
			}
			report_now(&u, k, i);
		}
	}
	/* unsettled summaries: every replay recomputes, as it always did */
	for (i = 0; changed && i < unit->nr_funcs; i++)
		drop_kept(k, i);
	/* containers its callers fill with RAM: those readers' origins change */
	collect_content(&u, k);
	decided = engine_content_decide(&u);
	for (i = 0; decided && i < u.nr_content; i++)
		if (u.content_reads[i] & u.content_ram[i])
			drop_kept(k, i);
	report_pass(&u, k);
	if (stats) {
		stats->functions = unit->nr_funcs;
		stats->rounds = round;
		stats->warnings = u.warnings;
		stats->facts = u.io.want_facts ? unit_facts(&u) : NULL;
	}
	for (i = 0; i < unit->nr_funcs; i++) {
		if (!u.from_db[i]) {
			free(u.summaries[i].passes);
			engine_free_summary(&u.summaries[i]);
		}
	}
	free(u.from_db);
	engine_content_free(&u);
	for (i = 0; i < unit->nr_funcs; i++)
		free(u.callers[i].index);
	for (i = 0; i < unit->nr_funcs; i++)
		drop_kept(k, i);
	free(kept.ctx);
	free(kept.final);
	free(kept.done);
	free(kept.held);
	free(kept.order);
	free(u.callers);
	free(u.noted);
	free(u.stale);
	free(u.summaries);
	free(u.defined);
	free(u.func_hash);
	free(u.reported);
}

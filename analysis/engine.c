// SPDX-License-Identifier: GPL-2.0
/*
 * The provenance engine.
 *
 * Per function, values are mapped to "origins": the places that introduce
 * something known about a phys, pfn or page (a parameter, a model source,
 * a call whose summary says what it returns, a field load).  Arithmetic,
 * casts, phis and propagators (page_to_phys, PHYS_PFN ...) only carry
 * their operands' origins along, which is also how macro-expanded shapes
 * (pfn_to_page as `vmemmap + pfn`) keep provenance without a model line.
 *
 * What is known about each origin is a lattice value (lattice.h), tracked
 * per basic block and refined on branch edges by guards: a guard on
 * `page` also settles `phys = page_to_phys(page) + off` computed before
 * it, since both share the origin.  A forward dataflow to a fixed point
 * handles loops and gotos; a replay of each block then checks sinks and
 * calls, and builds the function's summary.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "xalloc.h"

#define MAX_SUMMARY_ROUNDS 16

/* ------------------------------------------------------------ helpers */

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

static unsigned int hash_string(const char *s)
{
	unsigned int h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static void build_func_hash(struct unit_ctx *u)
{
	unsigned int i;

	u->hash_size = 16;
	while (u->hash_size < u->unit->nr_funcs * 2)
		u->hash_size *= 2;
	u->func_hash = xcalloc(u->hash_size, sizeof(int));
	for (i = 0; i < u->hash_size; i++)
		u->func_hash[i] = -1;
	for (i = 0; i < u->unit->nr_funcs; i++) {
		unsigned int h = hash_string(u->unit->funcs[i]->name) & (u->hash_size - 1);

		while (u->func_hash[h] >= 0)
			h = (h + 1) & (u->hash_size - 1);
		u->func_hash[h] = (int)i;
	}
}

static int find_func(const struct unit_ctx *u, const char *name)
{
	unsigned int h;

	if (!name)
		return -1;
	h = hash_string(name) & (u->hash_size - 1);
	for (; u->func_hash[h] >= 0; h = (h + 1) & (u->hash_size - 1))
		if (!strcmp(u->unit->funcs[u->func_hash[h]]->name, name))
			return u->func_hash[h];
	return -1;
}

static bool set_has(const uint64_t *set, unsigned int o)
{
	return set[o / 64] & (UINT64_C(1) << (o % 64));
}

static uint64_t *value_set(struct func_ctx *f, int v)
{
	return f->sets + (size_t)v * f->words;
}

/* Union @src's origins into @dst; returns whether @dst grew. */
static bool set_union(struct func_ctx *f, int dst, int src)
{
	uint64_t *d, *s;
	bool grew = false;
	unsigned int w;

	if (dst == IR_NONE || src == IR_NONE || src >= (int)f->func->nr_values)
		return false;
	d = value_set(f, dst);
	s = value_set(f, src);
	for (w = 0; w < f->words; w++) {
		if (s[w] & ~d[w]) {
			d[w] |= s[w];
			grew = true;
		}
	}
	return grew;
}

static const char *kind_word(enum value_kind kind)
{
	return value_kind_name(kind);
}

/* ------------------------------------------------------------ model view */

bool engine_models_call(const struct model *model, const char *name)
{
	static const enum model_directive speaking[] = {
		MODEL_SOURCE, MODEL_CONVERT, MODEL_SINK, MODEL_GUARD, MODEL_ASSERT,
	};
	unsigned int i;

	if (!name)
		return false;
	for (i = 0; i < sizeof(speaking) / sizeof(speaking[0]); i++)
		if (model_find(model, speaking[i], name, NULL))
			return true;
	return false;
}

struct flag_walk {
	engine_flag_fn fn;
	void *ctx;
};

static void visit_flag(const struct model_entry *e, void *ctx)
{
	struct flag_walk *w = ctx;

	w->fn(e->name, w->ctx);
}

static void visit_assert_flag(const struct model_entry *e, void *ctx)
{
	struct flag_walk *w = ctx;

	if (e->cond_flag)
		w->fn(e->cond_flag, w->ctx);
}

static void visit_guard_const(const struct model_entry *e, void *ctx)
{
	struct flag_walk *w = ctx;

	if (e->when_const)
		w->fn(e->when_const, w->ctx);
}

void engine_for_each_flag(const struct model *model, engine_flag_fn fn, void *ctx)
{
	struct flag_walk w = { fn, ctx };

	model_for_each(model, MODEL_FLAG, visit_flag, &w);
	model_for_each(model, MODEL_ASSERT, visit_assert_flag, &w);
	model_for_each(model, MODEL_GUARD, visit_guard_const, &w);
}

static bool flag_value(const struct ir_unit *unit, const char *name, uint64_t *value)
{
	unsigned int i;

	for (i = 0; i < unit->nr_flags; i++) {
		if (!strcmp(unit->flags[i].name, name)) {
			*value = unit->flags[i].value;
			return true;
		}
	}
	return false;
}

/* The model's `param` entry for parameter @index of this function. */
static const struct model_entry *param_entry(const struct func_ctx *f, unsigned int index)
{
	const struct model_entry *e;
	unsigned int r;

	for (e = model_find(f->u->model, MODEL_PARAM, f->func->name, NULL); e;
	     e = model_find(f->u->model, MODEL_PARAM, f->func->name, e))
		if (e->arg == index + 1)
			return e;
	for (r = 0; r < f->func->nr_roles; r++)
		for (e = model_find(f->u->model, MODEL_PARAM, f->func->roles[r], NULL); e;
		     e = model_find(f->u->model, MODEL_PARAM, f->func->roles[r], e))
			if (e->arg == index + 1)
				return e;
	return NULL;
}

static bool shadowed(const struct func_ctx *f, const struct ir_insn *insn)
{
	return insn->frame != IR_NONE && f->frame_shadowed[insn->frame];
}

/* ------------------------------------------------------------ origins */

static int new_origin(struct func_ctx *f, const struct ir_insn *insn,
		      struct prov initial, const char *source)
{
	struct origin *o;

	f->origins = xrealloc(f->origins, (f->nr_origins + 1) * sizeof(*f->origins));
	o = &f->origins[f->nr_origins];
	o->insn = insn;
	o->initial = initial;
	o->loc = insn->loc;
	o->source = source;
	o->param = -1;
	o->tied_attrs = -1;
	return (int)f->nr_origins++;
}

static int param_origin(struct func_ctx *f, const struct ir_insn *insn)
{
	const struct ir_param *p = &f->func->params[insn->index];
	const struct model_entry *e = param_entry(f, insn->index);
	struct prov initial = prov_param(insn->index);
	const char *source = NULL;
	int o;

	if (p->annotation != PROV_NONE) {
		initial = prov_make(p->annotation);
		source = "its annotation";
	} else if (e) {
		initial = prov_make(e->state);
		source = e->name;
	}
	o = new_origin(f, insn, initial, source);
	f->origins[o].param = (int)insn->index;
	if (e && e->cond_arg)
		f->origins[o].tied_attrs = (int)e->cond_arg - 1;
	return o;
}

static bool same_operands(const struct ir_insn *a, const struct ir_insn *b)
{
	return a->nr_operands == b->nr_operands &&
	       !memcmp(a->operands, b->operands, a->nr_operands * sizeof(int));
}

/*
 * sg_page(sg) written twice is one page: model sources are functions of
 * their arguments, and field loads of their base, so a repeat shares the
 * first one's origin, and a guard on one covers the other.
 */
static int repeated_source(const struct func_ctx *f, const struct ir_insn *insn)
{
	unsigned int o;

	for (o = 0; o < f->nr_origins; o++) {
		const struct ir_insn *first = f->origins[o].insn;

		if (first != insn && first->op == insn->op && first->name &&
		    f->origins[o].param < 0 && !strcmp(first->name, insn->name) &&
		    same_operands(first, insn))
			return (int)o;
	}
	return -1;
}

/* Whether @v is a load of the direct map's base (model `linearmap`).
 * Casts are walked a bounded way: unreachable code may hold a cast of
 * itself, which sparse's SSA allows there. */
static bool is_linearmap_base(const struct func_ctx *f, int v)
{
	const struct ir_insn *def;
	unsigned int depth = 0;

	if (v == IR_NONE || v >= (int)f->func->nr_values)
		return false;
	def = f->def[v];
	while (def && def->op == IR_ARITH && def->nr_operands == 1 &&
	       def->operands[0] != IR_NONE && depth++ < 16)
		def = f->def[def->operands[0]];	/* casts */
	return def && def->op == IR_LOAD && def->name &&
	       model_find(f->u->model, MODEL_LINEARMAP, def->name, NULL);
}

/* `virt - PAGE_OFFSET`: __pa() as its macro expands. */
static bool is_pa_shape(const struct func_ctx *f, const struct ir_insn *insn)
{
	return insn->op == IR_ARITH && insn->arith == IR_ARITH_SUB &&
	       insn->nr_operands == 2 && is_linearmap_base(f, insn->operands[1]);
}

/* `phys + PAGE_OFFSET`: __va() as its macro expands; the phys operand. */
static int va_shape_operand(const struct func_ctx *f, const struct ir_insn *insn)
{
	if (insn->op != IR_ARITH || insn->arith != IR_ARITH_ADD || insn->nr_operands != 2)
		return IR_NONE;
	if (is_linearmap_base(f, insn->operands[1]))
		return insn->operands[0];
	if (is_linearmap_base(f, insn->operands[0]))
		return insn->operands[1];
	return IR_NONE;
}

/* The origin an instruction introduces by itself, if any. */
static int introduce_origin(struct func_ctx *f, const struct ir_insn *insn)
{
	const struct model_entry *e;
	int callee, repeat;

	if (is_pa_shape(f, insn) && !shadowed(f, insn))
		return new_origin(f, insn, prov_make(PROV_KMAP), "__pa");
	if (insn->op == IR_PARAM && insn->index < f->func->nr_params)
		return param_origin(f, insn);
	if ((insn->op != IR_CALL && insn->op != IR_LOAD) || !insn->name ||
	    shadowed(f, insn))
		return -1;
	e = insn->path ? model_find(f->u->model, MODEL_SOURCE, insn->path, NULL) : NULL;
	if (!e)
		e = model_find(f->u->model, MODEL_SOURCE, insn->name, NULL);
	if (e) {
		repeat = repeated_source(f, insn);
		return repeat >= 0 ? repeat :
			new_origin(f, insn, prov_make(e->state), e->name);
	}
	if (insn->op != IR_CALL)
		return -1;
	callee = find_func(f->u, insn->name);
	if (callee >= 0) {
		const struct ir_func *c = f->u->unit->funcs[callee];
		struct prov ret = f->u->summaries[callee].ret;

		if (c->ret_annotation != PROV_NONE)
			return new_origin(f, insn, prov_make(c->ret_annotation), insn->name);
		if (ret.state != PROV_NONE)
			return new_origin(f, insn, prov_make((enum prov_state)ret.state),
					  insn->name);
	}
	return -1;
}

/* Origins flowing into @insn's value from its operands; true if grown. */
static bool propagate(struct func_ctx *f, const struct ir_insn *insn)
{
	const struct model_entry *e;
	bool grew = false;
	unsigned int i;
	int callee;

	switch (insn->op) {
	case IR_AND_CONST:
		/* phys & (PAGE_SIZE - 1) is an offset, not an address */
		if (insn->constant >= 0 && insn->constant < (INT64_C(1) << 32))
			return false;
		/* fall through */
	case IR_ARITH:
		if (is_pa_shape(f, insn) && !shadowed(f, insn))
			return false;	/* a new, kmappable phys */
		/* fall through */
	case IR_PHI:
		for (i = 0; i < insn->nr_operands; i++)
			grew |= set_union(f, insn->value, insn->operands[i]);
		return grew;
	case IR_CALL:
		if (!insn->name || shadowed(f, insn))
			return false;
		for (e = model_find(f->u->model, MODEL_CONVERT, insn->name, NULL); e;
		     e = model_find(f->u->model, MODEL_CONVERT, insn->name, e))
			if (e->arg <= insn->nr_operands)
				grew |= set_union(f, insn->value, insn->operands[e->arg - 1]);
		callee = find_func(f->u, insn->name);
		if (callee >= 0 && f->u->unit->funcs[callee]->ret_annotation == PROV_NONE) {
			uint32_t params = f->u->summaries[callee].ret.params;

			for (i = 0; i < insn->nr_operands && i < PROV_MAX_PARAMS; i++)
				if (params & (UINT32_C(1) << i))
					grew |= set_union(f, insn->value, insn->operands[i]);
		}
		return grew;
	default:
		return false;
	}
}

static bool same_field(const struct ir_insn *store, const struct ir_insn *load)
{
	return store->op == IR_STORE && store->name && store->nr_operands == 2 &&
	       !strcmp(store->name, load->name) &&
	       store->operands[0] == load->operands[0] &&
	       (store->path == load->path ||
		(store->path && load->path && !strcmp(store->path, load->path)));
}

/*
 * A field load sees the last store to that field of the same object
 * before it in its block; with none there, every store to it in the
 * function (flow-insensitive, which loops and other paths need).
 */
static bool propagate_fields(struct func_ctx *f, const struct ir_insn *load,
			     const struct ir_block *home, unsigned int at)
{
	unsigned int i;
	bool grew = false;

	if (!load->name || load->value == IR_NONE || !load->nr_operands ||
	    f->value_origin[load->value] >= 0)
		return false;
	for (i = at; i-- > 0;)
		if (same_field(home->insns[i], load))
			return set_union(f, load->value, home->insns[i]->operands[1]);
	for (i = 0; i < f->nr_stores; i++)
		if (same_field(f->stores[i], load))
			grew |= set_union(f, load->value, f->stores[i]->operands[1]);
	return grew;
}

/* The function's field stores, for propagate_fields() to go through. */
static void collect_stores(struct func_ctx *f)
{
	unsigned int b, i, n = 0;

	for (b = 0; b < f->func->nr_blocks; b++)
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++)
			n += f->func->blocks[b]->insns[i]->op == IR_STORE;
	f->stores = xcalloc(n + 1, sizeof(*f->stores));
	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++)
			if (blk->insns[i]->op == IR_STORE)
				f->stores[f->nr_stores++] = blk->insns[i];
	}
}

static void compute_origins(struct func_ctx *f)
{
	struct ir_func *func = f->func;
	unsigned int b, i, v;
	bool grew;

	f->def = xcalloc(func->nr_values, sizeof(*f->def));
	f->value_origin = xcalloc(func->nr_values, sizeof(int));
	for (v = 0; v < func->nr_values; v++)
		f->value_origin[v] = -1;
	for (b = 0; b < func->nr_blocks; b++) {
		const struct ir_block *blk = func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];

			if (insn->value == IR_NONE || insn->value >= (int)func->nr_values)
				continue;
			f->def[insn->value] = insn;
			f->value_origin[insn->value] = introduce_origin(f, insn);
		}
	}
	f->words = (f->nr_origins + 63) / 64;
	if (!f->words)
		return;
	collect_stores(f);
	f->sets = xcalloc((size_t)func->nr_values * f->words, sizeof(uint64_t));
	for (v = 0; v < func->nr_values; v++)
		if (f->value_origin[v] >= 0)
			value_set(f, (int)v)[f->value_origin[v] / 64] |=
				UINT64_C(1) << (f->value_origin[v] % 64);
	do {
		grew = false;
		for (b = 0; b < func->nr_blocks; b++) {
			const struct ir_block *blk = func->blocks[b];

			for (i = 0; i < blk->nr_insns; i++) {
				const struct ir_insn *insn = blk->insns[i];

				if (insn->value == IR_NONE)
					continue;
				grew |= propagate(f, insn);
				if (insn->op == IR_LOAD)
					grew |= propagate_fields(f, insn, blk, i);
			}
		}
	} while (grew);
}

/* ------------------------------------------------------------ states */

bool engine_value_has_origin(const struct func_ctx *f, int v, unsigned int o)
{
	if (v == IR_NONE || v >= (int)f->func->nr_values || !f->words || o >= f->nr_origins)
		return false;
	return set_has(f->sets + (size_t)v * f->words, o);
}

bool engine_in_checked_file(const struct unit_ctx *u, struct diag_loc loc)
{
	return loc.file && u->unit->file && !strcmp(loc.file, u->unit->file);
}

struct prov engine_value_prov(const struct func_ctx *f, const struct prov *state, int v)
{
	struct prov p = prov_make(PROV_NONE);
	const uint64_t *set;
	unsigned int o;

	if (v == IR_NONE || v >= (int)f->func->nr_values || !f->words)
		return p;
	set = f->sets + (size_t)v * f->words;
	for (o = 0; o < f->nr_origins; o++)
		if (set_has(set, o))
			p = prov_join(p, state[o]);
	return p;
}

static void refine_value(struct func_ctx *f, struct prov *state, int v,
			 enum prov_state proven)
{
	const uint64_t *set;
	unsigned int o;

	if (v == IR_NONE || !f->words)
		return;
	set = f->sets + (size_t)v * f->words;
	for (o = 0; o < f->nr_origins; o++)
		if (set_has(set, o))
			state[o] = prov_refine(state[o], proven);
}

static void refine_by_guard(struct func_ctx *f, struct prov *state,
			    const struct ir_insn *call, bool taken)
{
	const struct model_entry *e;

	for (e = model_find(f->u->model, MODEL_GUARD, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_GUARD, call->name, e))
		if (!e->when_const && e->when == taken && e->arg <= call->nr_operands)
			refine_value(f, state, call->operands[e->arg - 1], e->state);
}

/*
 * What is known on an edge of `result == c`, for a guard that compares
 * its result with a named constant: 1 it holds, 0 it does not, -1 nothing.
 */
typedef int (*equality_fn)(const void *edge, int64_t c);

/* Refine by the guards of @call that compare it with a named constant
 * (pci_p2pdma_state() == PCI_P2PDMA_MAP_NONE), as @equality says. */
static void refine_by_guard_const(struct func_ctx *f, struct prov *state,
				  const struct ir_insn *call, equality_fn equality,
				  const void *edge)
{
	const struct model_entry *e;
	uint64_t value;

	for (e = model_find(f->u->model, MODEL_GUARD, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_GUARD, call->name, e))
		if (e->when_const && e->arg <= call->nr_operands &&
		    flag_value(f->u->unit, e->when_const, &value) &&
		    equality(edge, (int64_t)value) == (int)e->when)
			refine_value(f, state, call->operands[e->arg - 1], e->state);
}

/* `attrs & FLAG` decided: refine what the attrs parameter describes. */
static void refine_by_flag(struct func_ctx *f, struct prov *state,
			   const struct ir_insn *and, bool taken)
{
	const struct ir_unit *unit = f->u->unit;
	const uint64_t *set;
	unsigned int i, o, t;

	if (!f->words || and->nr_operands < 1 || and->operands[0] == IR_NONE)
		return;
	set = value_set(f, and->operands[0]);
	for (i = 0; i < unit->nr_flags; i++) {
		uint64_t mask = (uint64_t)and->constant, flag = unit->flags[i].value;
		const struct model_entry *e;

		if (!(flag & mask))
			continue;
		/*
		 * attrs & (A | B) nonzero says A or B is set, not which: only
		 * a mask within the flag's own bits proves the flag set.
		 */
		if (taken && (mask & ~flag))
			continue;
		for (e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, NULL); e;
		     e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, e)) {
			if (e->when != taken)
				continue;
			for (o = 0; o < f->nr_origins; o++) {
				if (!set_has(set, o) || f->origins[o].param < 0)
					continue;
				for (t = 0; t < f->nr_origins; t++)
					if (f->origins[t].tied_attrs == f->origins[o].param)
						state[t] = prov_refine(state[t], e->state);
			}
		}
	}
}

static bool const_value(const struct func_ctx *f, int v, int64_t *c, unsigned int depth);

/*
 * A guard whose result folded to a constant inside its inlined body:
 * PageHighMem() is `return 0` without highmem, and sparse tests a value
 * of the body, not the call's result.  The call is the nearest one of the
 * body's function in the same block.
 */
static const struct ir_insn *folded_guard_call(const struct func_ctx *f,
					       const struct ir_insn *def)
{
	const char *function = f->func->frames[def->frame].function;
	const struct ir_insn *before = NULL;
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];
		bool seen = false;

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];
			bool call = insn->op == IR_CALL && insn->inlined && insn->name &&
				    !strcmp(insn->name, function) && !shadowed(f, insn);

			if (insn == def)
				seen = true;
			else if (call && !seen)
				before = insn;
			else if (call && seen && !before)
				return insn;
		}
		if (seen)
			return before;
		before = NULL;
	}
	return NULL;
}

/* The call a value is the result of, through casts; NULL if none. */
static const struct ir_insn *result_of_call(const struct func_ctx *f, int v)
{
	unsigned int depth;

	for (depth = 0; depth < 8; depth++) {
		const struct ir_insn *def;

		if (v == IR_NONE || v >= (int)f->func->nr_values || !(def = f->def[v]))
			return NULL;
		if (def->op == IR_CALL)
			return def->name && !shadowed(f, def) ? def : NULL;
		if (def->op != IR_ARITH || def->nr_operands != 1)
			return NULL;
		v = def->operands[0];
	}
	return NULL;
}

/* A branch on `result == constant`, taken or not. */
struct compare_edge {
	int64_t constant;
	bool taken;
};

static int compare_equality(const void *edge, int64_t c)
{
	const struct compare_edge *e = edge;

	if (e->taken)
		return c == e->constant;
	return c == e->constant ? 0 : -1;
}

static void refine_branch(struct func_ctx *f, struct prov *state, int v,
			  bool taken, unsigned int depth)
{
	const struct ir_insn *def;

	if (v == IR_NONE || v >= (int)f->func->nr_values || depth > 8)
		return;
	def = f->def[v];
	if (!def)
		return;
	if (shadowed(f, def)) {
		const struct ir_insn *call;
		int64_t c;

		if (const_value(f, v, &c, 0) && (call = folded_guard_call(f, def))) {
			refine_by_guard(f, state, call, taken);
			return;
		}
	}
	switch (def->op) {
	case IR_NOT:
		if (def->nr_operands)
			refine_branch(f, state, def->operands[0], !taken, depth + 1);
		break;
	case IR_ARITH:
		/* a cast or `x != 0` of a condition is the condition */
		if (def->nr_operands == 1) {
			refine_branch(f, state, def->operands[0], taken, depth + 1);
		} else if ((def->arith == IR_ARITH_AND && taken) ||
			   (def->arith == IR_ARITH_OR && !taken)) {
			/* a & b non-zero: both are; a | b zero: both are
			 * (sparse computes side-effect-free && and || so) */
			unsigned int i;

			for (i = 0; i < def->nr_operands; i++)
				refine_branch(f, state, def->operands[i], taken, depth + 1);
		}
		break;
	case IR_CALL:
		if (def->name && !shadowed(f, def))
			refine_by_guard(f, state, def, taken);
		break;
	case IR_AND_CONST:
		refine_by_flag(f, state, def, taken);
		break;
	case IR_EQ_CONST: {
		struct compare_edge edge = { def->constant, taken };
		const struct ir_insn *call = def->nr_operands ?
			result_of_call(f, def->operands[0]) : NULL;

		if (call)
			refine_by_guard_const(f, state, call, compare_equality, &edge);
		break;
	}
	default:
		break;
	}
}

static bool const_has_flag(const struct func_ctx *f, int v, const char *flag)
{
	const struct ir_insn *def;
	uint64_t value;

	if (v == IR_NONE || v >= (int)f->func->nr_values)
		return false;
	def = f->def[v];
	if (!def || def->op != IR_CONST || !flag_value(f->u->unit, flag, &value))
		return false;
	return ((uint64_t)def->constant & value) != 0;
}

/* Calls that state what their argument is (dma_map_resource: MMIO). */
static void apply_asserts(struct func_ctx *f, struct prov *state,
			  const struct ir_insn *call)
{
	const struct model_entry *e;
	const uint64_t *set;
	unsigned int o;

	for (e = model_find(f->u->model, MODEL_ASSERT, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_ASSERT, call->name, e)) {
		if (e->arg > call->nr_operands || call->operands[e->arg - 1] == IR_NONE)
			continue;
		if (e->cond_flag && (e->cond_arg > call->nr_operands ||
		    !const_has_flag(f, call->operands[e->cond_arg - 1], e->cond_flag)))
			continue;
		if (!f->words)
			continue;
		set = value_set(f, call->operands[e->arg - 1]);
		for (o = 0; o < f->nr_origins; o++)
			if (set_has(set, o))
				state[o] = prov_make(e->state);
	}
}

/* ------------------------------------------------------------ checks */

static void require_param(struct func_ctx *f, struct prov p, struct diag_loc loc,
			  const char *sink)
{
	unsigned int i;

	for (i = 0; i < PROV_MAX_PARAMS; i++) {
		if (!(p.params & (UINT32_C(1) << i)) ||
		    (f->self->requires & (UINT32_C(1) << i)))
			continue;
		f->self->requires |= UINT32_C(1) << i;
		f->self->require_loc[i] = loc;
		f->self->require_sink[i] = sink;
	}
}

/* MMIO on some path and kmappable on none: proven MMIO.  Open parameters
 * add nothing known, so they do not make a proven MMIO value a maybe. */
static enum check_id sink_check(struct prov p)
{
	return p.state == PROV_MMIO ? CHECK_MMIO : CHECK_KMAP;
}

/*
 * Whether argument @k of @call may be read or written through, kept, or
 * passed on where it may be: an external function, unless the model says
 * it only takes the address (gen_pool_free()'s key); a function of this
 * unit, as its summary says; a modelled inline call, as the model's.
 */
static bool call_uses_arg(const struct func_ctx *f, const struct ir_insn *call,
			  unsigned int k)
{
	const struct model_entry *e;
	int callee;

	if (!call->name)
		return true;
	/* an unmodelled inlined body uses the value in its own instructions */
	if (call->inlined && !engine_models_call(f->u->model, call->name))
		return false;
	for (e = model_find(f->u->model, MODEL_ADDRESS_ONLY, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_ADDRESS_ONLY, call->name, e))
		if (e->arg == k + 1)
			return false;
	callee = find_func(f->u, call->name);
	if (callee < 0 || !f->u->defined[callee] || k >= PROV_MAX_PARAMS)
		return true;
	return f->u->summaries[callee].accessed & (UINT32_C(1) << k);
}

/*
 * Which values are used as addresses: loaded or stored through, stored,
 * returned, or passed where they may be (call_uses_arg()).  page_address()
 * of a P2PDMA page only compared with the stack's bounds (DMA debugging
 * does that), or handed back to its pool as a key, touches nothing: only
 * a use can fault.  Arithmetic, phis and masks hand a use back to their
 * operands.  Sinks that access memory themselves (memcpy_from_page)
 * return nothing and always count.
 */
static void compute_used(struct func_ctx *f)
{
	const struct ir_func *func = f->func;
	unsigned int b, i, k;
	bool grew;

	f->used = xcalloc(func->nr_values + 1, sizeof(bool));
	do {
		grew = false;
		for (b = func->nr_blocks; b-- > 0;) {
			const struct ir_block *blk = func->blocks[b];

			for (i = blk->nr_insns; i-- > 0;) {
				const struct ir_insn *use = blk->insns[i];

				for (k = 0; k < use->nr_operands; k++) {
					int v = use->operands[k];
					bool used;

					if (v < 0 || v >= (int)func->nr_values || f->used[v])
						continue;
					switch (use->op) {
					case IR_LOAD:
					case IR_STORE:
					case IR_RET:
						used = true;
						break;
					case IR_CALL:
						used = call_uses_arg(f, use, k);
						break;
					case IR_ARITH:
					case IR_PHI:
					case IR_AND_CONST:
						used = use->value >= 0 && f->used[use->value];
						break;
					default:
						used = false;
						break;
					}
					if (used)
						f->used[v] = grew = true;
				}
			}
		}
	} while (grew);
}

static void summarise_accessed(struct func_ctx *f)
{
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];

			if (insn->op == IR_PARAM && insn->index < PROV_MAX_PARAMS &&
			    insn->value >= 0 && f->used[insn->value])
				f->self->accessed |= UINT32_C(1) << insn->index;
		}
	}
}

static void check_sink(struct func_ctx *f, const struct prov *state,
		       const struct ir_insn *call, const struct model_entry *e)
{
	int arg = call->operands[e->arg - 1];
	struct prov p = engine_value_prov(f, state, arg);
	struct finding fd;

	if (e->address_only && call->value >= 0 && !f->used[call->value])
		return;		/* an address computed, never used */
	if (!(p.state & PROV_MMIO)) {
		require_param(f, p, call->loc, call->name);
		return;
	}
	if (!f->report)
		return;
	if (sink_check(p) == CHECK_MMIO)
		finding_init(&fd, CHECK_MMIO, call->loc, "MMIO %s reaches %s(): %s",
			     kind_word(e->kind), call->name, sink_harm_words(e->harm));
	else
		finding_init(&fd, CHECK_KMAP, call->loc, "%s that may be MMIO reaches %s(): %s",
			     kind_word(e->kind), call->name, sink_harm_words(e->harm));
	finding_note_sources(f, &fd, state, arg);
	finding_deliver(f, &fd, call, arg);
}

static const struct model_entry va_sink = {
	.directive = MODEL_SINK, .name = "__va", .arg = 1, .kind = KIND_PHYS,
	.address_only = true, .harm = HARM_ADDRESS,
};

/* `phys + PAGE_OFFSET` written out (the __va() macro) maps like phys_to_virt(). */
static void check_va_shape(struct func_ctx *f, const struct prov *state,
			   const struct ir_insn *insn)
{
	struct ir_insn as_call = *insn;
	int phys = va_shape_operand(f, insn);

	if (phys == IR_NONE)
		return;
	as_call.op = IR_CALL;
	as_call.name = va_sink.name;
	as_call.operands = &phys;
	as_call.nr_operands = 1;
	check_sink(f, state, &as_call, &va_sink);
}

/* A sink the model names is checked as such, not again as a callee. */
static bool arg_is_modelled_sink(const struct func_ctx *f, const char *name, unsigned int i)
{
	const struct model_entry *e;

	for (e = model_find(f->u->model, MODEL_SINK, name, NULL); e;
	     e = model_find(f->u->model, MODEL_SINK, name, e))
		if (e->arg == i + 1)
			return true;
	return false;
}

/* Why argument @i of a call of unit function @callee must be kmappable:
 * its summary (it reaches a sink) or its annotation; NULL if it need not. */
static const char *kmappable_because(const struct func_ctx *f, const char *name,
				     int callee, unsigned int i)
{
	const struct ir_func *c = f->u->unit->funcs[callee];

	if (i < c->nr_params && c->params[i].annotation == PROV_KMAP)
		return "that parameter is annotated kmappable";
	if (i < PROV_MAX_PARAMS &&
	    (f->u->summaries[callee].requires & (UINT32_C(1) << i)) &&
	    !arg_is_modelled_sink(f, name, i))
		return "";
	return NULL;
}

/* Arguments of a call of a unit function that needs them kmappable. */
static void check_call_args(struct func_ctx *f, const struct prov *state,
			    const struct ir_insn *call, int callee)
{
	const struct summary *s = &f->u->summaries[callee];
	struct finding fd;
	unsigned int i;

	for (i = 0; i < call->nr_operands; i++) {
		const char *why = kmappable_because(f, call->name, callee, i);
		struct prov p;

		if (!why)
			continue;
		p = engine_value_prov(f, state, call->operands[i]);
		if (!(p.state & PROV_MMIO)) {
			require_param(f, p, call->loc, call->name);
			continue;
		}
		if (!f->report)
			continue;
		finding_init(&fd, CHECK_REQUIRES, call->loc,
			     "argument %u of %s() %s MMIO, but %s", i + 1, call->name,
			     sink_check(p) == CHECK_MMIO ? "is" : "may be", "");
		if (*why)
			snprintf(fd.message + strlen(fd.message),
				 sizeof(fd.message) - strlen(fd.message), "%s", why);
		else
			snprintf(fd.message + strlen(fd.message),
				 sizeof(fd.message) - strlen(fd.message),
				 "%s() needs it to be RAM", call->name);
		finding_note_sources(f, &fd, state, call->operands[i]);
		if (!*why && i < PROV_MAX_PARAMS && s->require_sink[i])
			finding_note(&fd, s->require_loc[i],
				     "%s() passes its parameter %u to %s() here",
				     call->name, i + 1, s->require_sink[i]);
		finding_deliver(f, &fd, call, call->operands[i]);
	}
}

static void report_bad_return(struct func_ctx *f, const struct prov *state,
			      const struct ir_insn *at, struct diag_loc loc, int value)
{
	struct prov p = engine_value_prov(f, state, value);
	struct finding fd;

	if (!(p.state & PROV_MMIO))
		return;
	finding_init(&fd, CHECK_ANNOTATION, loc,
		     "%s() is annotated to return a kmappable value, but this one %s MMIO",
		     f->func->name, sink_check(p) == CHECK_MMIO ? "is" : "may be");
	finding_note_sources(f, &fd, state, value);
	finding_deliver(f, &fd, at, value);
}

static void check_return(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *ret)
{
	const struct ir_insn *def;
	unsigned int i;
	int v;

	if (!ret->nr_operands || ret->operands[0] == IR_NONE)
		return;
	v = ret->operands[0];
	f->self->ret = prov_join(f->self->ret, engine_value_prov(f, state, v));
	if (f->func->ret_annotation != PROV_KMAP || !f->report)
		return;
	/* one result phi for several return statements: blame each one */
	def = v < (int)f->func->nr_values ? f->def[v] : NULL;
	if (def && def->op == IR_PHI && def->operand_locs) {
		for (i = 0; i < def->nr_operands; i++)
			report_bad_return(f, state, ret, def->operand_locs[i],
					  def->operands[i]);
		return;
	}
	report_bad_return(f, state, ret, ret->loc, v);
}

static void check_call(struct func_ctx *f, const struct prov *state,
		       const struct ir_insn *call)
{
	const struct model_entry *e;
	int callee;

	if (!call->name || shadowed(f, call))
		return;
	for (e = model_find(f->u->model, MODEL_SINK, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_SINK, call->name, e))
		if (e->arg <= call->nr_operands && call->operands[e->arg - 1] != IR_NONE)
			check_sink(f, state, call, e);
	callee = find_func(f->u, call->name);
	if (callee < 0 || callee == (int)f->index)
		return;
	check_call_args(f, state, call, callee);
	if (f->report)
		finding_replay_deferred(f, call, callee);
}

/* ------------------------------------------------------------ dataflow */

static void transfer(struct func_ctx *f, struct prov *state, const struct ir_block *blk,
		     bool check)
{
	unsigned int i;

	for (i = 0; i < blk->nr_insns; i++) {
		const struct ir_insn *insn = blk->insns[i];

		if (insn->value != IR_NONE && insn->value < (int)f->func->nr_values &&
		    f->value_origin[insn->value] >= 0) {
			int o = f->value_origin[insn->value];

			/* a repeat of a source keeps what is known of
			 * it (a guard on the first sg_page(sg) covers the
			 * second), unless no path has defined it yet */
			if (f->origins[o].insn == insn || prov_is_bottom(state[o]))
				state[o] = f->origins[o].initial;
		}
		if (insn->op == IR_CALL && insn->name && !shadowed(f, insn)) {
			if (check)
				check_call(f, state, insn);
			apply_asserts(f, state, insn);
		} else if (insn->op == IR_RET && check) {
			check_return(f, state, insn);
		} else if (insn->op == IR_ARITH && check && !shadowed(f, insn)) {
			check_va_shape(f, state, insn);
		}
	}
}

static const struct ir_insn *terminator(const struct ir_block *blk)
{
	return blk->nr_insns ? blk->insns[blk->nr_insns - 1] : NULL;
}

/*
 * The constant a condition always has, if it has one: a guard written
 * `if (!dev_is_dma_coherent(dev))` is dead code where the inline returns
 * true (x86), and physcheck must not report what cannot run.
 */
static bool const_value(const struct func_ctx *f, int v, int64_t *c, unsigned int depth)
{
	const struct ir_insn *def;
	unsigned int i;
	int64_t first = 0, x;

	if (v == IR_NONE || v >= (int)f->func->nr_values || depth > 8)
		return false;
	def = f->def[v];
	if (!def)
		return false;
	switch (def->op) {
	case IR_CONST:
		*c = def->constant;
		return true;
	case IR_NOT:
		if (!def->nr_operands || !const_value(f, def->operands[0], &x, depth + 1))
			return false;
		*c = !x;
		return true;
	case IR_ARITH:
		if (def->nr_operands == 2 &&
		    (def->arith == IR_ARITH_AND || def->arith == IR_ARITH_OR)) {
			/* a && b with a constant false a is false, and so on */
			for (i = 0; i < 2; i++) {
				if (const_value(f, def->operands[i], &x, depth + 1) &&
				    (x != 0) == (def->arith == IR_ARITH_OR)) {
					*c = x != 0;
					return true;
				}
			}
			return false;
		}
		if (def->nr_operands != 1 || !const_value(f, def->operands[0], &x, depth + 1))
			return false;
		*c = x != 0;	/* a cast of a condition, or x != 0 */
		return true;
	case IR_PHI:
		for (i = 0; i < def->nr_operands; i++) {
			if (!const_value(f, def->operands[i], &x, depth + 1))
				return false;
			if (i && x != first)
				return false;
			first = x;
		}
		*c = first;
		return def->nr_operands > 0;
	default:
		return false;
	}
}

/* The edge of a switch to its successor number `succ`. */
struct switch_edge {
	const struct ir_insn *sw;
	unsigned int succ;
};

/* The successor the value @c leaves the switch by; -1: not known. */
static int switch_target(const struct ir_insn *sw, int64_t c)
{
	int deflt = -1;
	unsigned int i;

	for (i = 0; i < sw->nr_cases; i++) {
		const struct ir_case *k = &sw->cases[i];

		if (k->deflt)
			deflt = (int)k->succ;
		else if (k->low <= c && c <= k->high)
			return (int)k->succ;
	}
	return deflt;
}

static int switch_equality(const void *edge, int64_t c)
{
	const struct switch_edge *e = edge;
	int target = switch_target(e->sw, c);
	bool any = false, only_c = true;
	unsigned int i;

	if (target >= 0 && (unsigned int)target != e->succ)
		return 0;
	for (i = 0; i < e->sw->nr_cases; i++) {
		const struct ir_case *k = &e->sw->cases[i];

		if (k->succ != e->succ)
			continue;
		any = true;
		if (k->deflt || k->low != c || k->high != c)
			only_c = false;
	}
	return any && only_c ? 1 : -1;
}

/* `switch (pci_p2pdma_state(...))`: each case says what the result is. */
static void refine_switch(struct func_ctx *f, struct prov *state,
			  const struct ir_insn *sw, unsigned int k)
{
	struct switch_edge edge = { sw, k };
	const struct ir_insn *call;

	if (!sw->nr_operands || !sw->nr_cases)
		return;
	call = result_of_call(f, sw->operands[0]);
	if (call)
		refine_by_guard_const(f, state, call, switch_equality, &edge);
}

/* Join @state, refined for the edge to successor number @k, into @succ. */
static bool flow_edge(struct func_ctx *f, const struct ir_block *blk,
		      const struct prov *state, unsigned int k, struct prov *scratch)
{
	const struct ir_insn *term = terminator(blk);
	int succ = blk->succs[k];
	struct prov *in = f->in + (size_t)succ * f->nr_origins;
	bool changed = !f->reached[succ];
	unsigned int o;

	memcpy(scratch, state, f->nr_origins * sizeof(*scratch));
	if (term && term->op == IR_BR && blk->nr_succs == 2 && term->nr_operands) {
		int64_t c;

		if (const_value(f, term->operands[0], &c, 0) && (c != 0) != (k == 0))
			return false;	/* this edge is never taken */
		refine_branch(f, scratch, term->operands[0], k == 0, 0);
	} else if (term && term->op == IR_SWITCH) {
		refine_switch(f, scratch, term, k);
	}
	for (o = 0; o < f->nr_origins; o++) {
		struct prov j = prov_join(in[o], scratch[o]);

		if (!prov_equal(j, in[o])) {
			in[o] = j;
			changed = true;
		}
	}
	f->reached[succ] = true;
	return changed;
}

static void solve(struct func_ctx *f)
{
	unsigned int nr_blocks = f->func->nr_blocks, nr = f->nr_origins;
	struct prov *state = xcalloc(nr, sizeof(*state));
	struct prov *scratch = xcalloc(nr, sizeof(*scratch));
	bool *queued = xcalloc(nr_blocks, sizeof(bool));
	int *work = xcalloc(nr_blocks + 1, sizeof(int));
	unsigned int head = 0, count = 1, k, budget = 64 * nr_blocks + 64;

	f->in = xcalloc((size_t)nr_blocks * (nr ? nr : 1), sizeof(*f->in));
	f->reached = xcalloc(nr_blocks, sizeof(bool));
	f->reached[0] = true;
	work[0] = 0;
	queued[0] = true;
	while (count && budget--) {
		int b = work[head];
		const struct ir_block *blk = f->func->blocks[b];

		head = (head + 1) % (nr_blocks + 1);
		count--;
		queued[b] = false;
		memcpy(state, f->in + (size_t)b * nr, nr * sizeof(*state));
		transfer(f, state, blk, false);
		for (k = 0; k < blk->nr_succs; k++) {
			int s = blk->succs[k];

			if (flow_edge(f, blk, state, k, scratch) && !queued[s]) {
				work[(head + count) % (nr_blocks + 1)] = s;
				count++;
				queued[s] = true;
			}
		}
	}
	free(state);
	free(scratch);
	free(queued);
	free(work);
}

static void replay(struct func_ctx *f)
{
	struct prov *state = xcalloc(f->nr_origins, sizeof(*state));
	unsigned int b;

	for (b = 0; b < f->func->nr_blocks; b++) {
		if (!f->reached[b])
			continue;
		memcpy(state, f->in + (size_t)b * f->nr_origins,
		       f->nr_origins * sizeof(*state));
		transfer(f, state, f->func->blocks[b], true);
	}
	free(state);
}

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
	free(f->used);
	free(f->value_origin);
	free(f->frame_shadowed);
	free(f->origins);
	free(f->sets);
	free(f->in);
	free(f->reached);
	free(f->stores);
}

/* Analyse one function; returns whether its summary changed. */
static bool analyse(struct unit_ctx *u, unsigned int index, bool report)
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
	mark_shadowed_frames(&f);
	compute_origins(&f);
	compute_used(&f);
	summarise_accessed(&f);
	if (f.nr_origins) {
		solve(&f);
		replay(&f);
	}
	free_func_ctx(&f);
	if (u->bodies)
		u->bodies->put(u->bodies->ctx, index, f.func);
	/* summaries only grow, so rounds converge; keep the first sink seen */
	fresh.requires |= u->summaries[index].requires;
	fresh.ret = prov_join(fresh.ret, u->summaries[index].ret);
	fresh.accessed |= u->summaries[index].accessed;
	changed = fresh.requires != u->summaries[index].requires ||
		  fresh.accessed != u->summaries[index].accessed ||
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
	build_func_hash(&u);
	for (round = 0; changed && round < MAX_SUMMARY_ROUNDS; round++) {
		changed = false;
		for (i = 0; i < unit->nr_funcs; i++)
			changed |= analyse(&u, i, false);
	}
	/* functions of headers first: what they found waits for the calls */
	for (i = 0; i < unit->nr_funcs; i++)
		if (!engine_in_checked_file(&u, unit->funcs[i]->loc))
			analyse(&u, i, true);
	for (i = 0; i < unit->nr_funcs; i++)
		if (engine_in_checked_file(&u, unit->funcs[i]->loc))
			analyse(&u, i, true);
	if (stats) {
		stats->functions = unit->nr_funcs;
		stats->rounds = round;
		stats->warnings = u.warnings;
	}
	for (i = 0; i < unit->nr_funcs; i++)
		finding_free_summary(&u.summaries[i]);
	free(u.summaries);
	free(u.defined);
	free(u.func_hash);
	free(u.reported);
}

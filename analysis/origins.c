// SPDX-License-Identifier: GPL-2.0
/*
 * Origins: the places that introduce something known about a phys, pfn or
 * page (a parameter, a model source, a call whose summary says what it
 * returns, a field load), and which values carry which of them.
 * Arithmetic, casts, phis and propagators (page_to_phys, PHYS_PFN ...)
 * only carry their operands' origins along, which is also how
 * macro-expanded shapes (pfn_to_page as `vmemmap + pfn`) keep provenance
 * without a model line.  This is flow-insensitive; what is known of each
 * origin on each path is the solver's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "strhash.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

/* Union row @src's origins into row @dst; returns whether @dst grew. */
static bool union_rows(struct func_ctx *f, int dst, int src)
{
	uint64_t *d = value_set(f, dst), *s = value_set(f, src);
	bool grew = false;
	unsigned int w;

	for (w = 0; w < f->words; w++) {
		if (s[w] & ~d[w]) {
			d[w] |= s[w];
			grew = true;
		}
	}
	return grew;
}

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
	o->held = false;
	return (int)f->nr_origins++;
}

static int param_origin(struct func_ctx *f, const struct ir_insn *insn)
{
	const struct ir_param *p = &f->func->params[insn->index];
	const struct model_entry *e = engine_param_entry(f, insn->index);
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

/* Whether @v is a load of the direct map's base (model `linearmap`). */
static bool is_linearmap_base(const struct func_ctx *f, int v)
{
	const struct ir_insn *def;

	v = engine_object_of(f, v);
	if (v == IR_NONE || v >= (int)f->func->nr_values)
		return false;
	def = f->def[v];
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
int engine_va_shape_operand(const struct func_ctx *f, const struct ir_insn *insn)
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

	if (is_pa_shape(f, insn) && !engine_shadowed(f, insn))
		return new_origin(f, insn, prov_make(PROV_KMAP), "__pa");
	if (insn->op == IR_PARAM && insn->index < f->func->nr_params)
		return param_origin(f, insn);
	if ((insn->op != IR_CALL && insn->op != IR_LOAD) || !insn->name ||
	    engine_shadowed(f, insn))
		return -1;
	e = insn->path ? model_find(f->u->model, MODEL_SOURCE, insn->path, NULL) : NULL;
	if (!e)
		e = model_find(f->u->model, MODEL_SOURCE, insn->name, NULL);
	if (e) {
		repeat = repeated_source(f, insn);
		if (repeat >= 0)
			return repeat;
		repeat = new_origin(f, insn, prov_make(e->state), e->name);
		f->origins[repeat].held = e->held;
		return repeat;
	}
	if (insn->op != IR_CALL)
		return -1;
	callee = engine_find_func(f->u, insn->name);
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

/*
 * The flow of origins is a graph: an edge takes one value's origins into
 * another's.  It is built once, and a worklist carries the sets along it,
 * so a value is visited again only when what flows into it grew.
 */
struct origin_edges {
	struct {
		int to, from;
	} *pairs;
	unsigned int nr, cap;
	unsigned int rows;	/* the values, then one row per field group */
};

static void add_edge(struct origin_edges *es, int to, int from)
{
	if (to == IR_NONE || from == IR_NONE || from >= (int)es->rows || to >= (int)es->rows)
		return;
	if (es->nr == es->cap) {
		es->cap = es->cap ? es->cap * 2 : 64;
		es->pairs = xrealloc(es->pairs, es->cap * sizeof(*es->pairs));
	}
	es->pairs[es->nr].to = to;
	es->pairs[es->nr++].from = from;
}

/* The edges into @insn's value from its operands. */
static void propagation_edges(struct func_ctx *f, const struct ir_insn *insn,
			      struct origin_edges *es)
{
	const struct model_entry *e;
	unsigned int i;
	int callee;

	switch (insn->op) {
	case IR_AND_CONST:
		/* phys & (PAGE_SIZE - 1) is an offset, not an address */
		if (insn->constant >= 0 && insn->constant < (INT64_C(1) << 32))
			return;
		/* fall through */
	case IR_ARITH:
		if (is_pa_shape(f, insn) && !engine_shadowed(f, insn))
			return;	/* a new, kmappable phys */
		/* fall through */
	case IR_PHI:
		for (i = 0; i < insn->nr_operands; i++)
			add_edge(es, insn->value, insn->operands[i]);
		return;
	case IR_CALL:
		if (!insn->name || engine_shadowed(f, insn))
			return;
		for (e = model_find(f->u->model, MODEL_CONVERT, insn->name, NULL); e;
		     e = model_find(f->u->model, MODEL_CONVERT, insn->name, e))
			if (e->arg <= insn->nr_operands)
				add_edge(es, insn->value, insn->operands[e->arg - 1]);
		callee = engine_find_func(f->u, insn->name);
		if (callee >= 0 && f->u->unit->funcs[callee]->ret_annotation == PROV_NONE) {
			uint32_t params = f->u->summaries[callee].ret.params;

			for (i = 0; i < insn->nr_operands && i < PROV_MAX_PARAMS; i++)
				if (params & (UINT32_C(1) << i))
					add_edge(es, insn->value, insn->operands[i]);
		}
		return;
	default:
		return;
	}
}

/* A store to the same field as @load, of whatever object. */
static bool same_member(const struct ir_insn *store, const struct ir_insn *load)
{
	return store->op == IR_STORE && store->name && store->nr_operands == 2 &&
	       !strcmp(store->name, load->name) &&
	       (store->path == load->path ||
		(store->path && load->path && !strcmp(store->path, load->path)));
}

/*
 * A field group: the stores to one field of one object.  A load that no
 * store of its block answers takes from every store of its group, so it
 * gets one edge from the group's row instead of one from each store (a
 * struct filled in many places and read in many costs their sum, not
 * their product).
 */
struct field_groups {
	struct {
		unsigned int hash;
		int object;
		const struct ir_insn *store;	/* the first, for its name */
	} *group;
	unsigned int nr;
	unsigned int *bucket;	/* hash -> first group + 1 */
	unsigned int *chain;	/* group -> next group + 1 */
	unsigned int mask;
	unsigned int *of_store;	/* store -> its group */
	unsigned int *hashes;	/* store -> its name's hash */
	int *objects;		/* store -> its object */
};

static unsigned int group_bucket(const struct field_groups *g, unsigned int hash, int object)
{
	return (hash ^ ((unsigned int)object * 0x9e3779b1u)) & g->mask;
}

/* The group of the field @insn (a load or a store) names, or -1. */
static int find_group(const struct field_groups *g, const struct ir_insn *insn,
		      unsigned int hash, int object)
{
	unsigned int k;

	for (k = g->bucket[group_bucket(g, hash, object)]; k; k = g->chain[k - 1]) {
		if (g->group[k - 1].hash == hash && g->group[k - 1].object == object &&
		    same_member(g->group[k - 1].store, insn))
			return (int)k - 1;
	}
	return -1;
}

static unsigned int group_of_store(struct field_groups *g, const struct ir_insn *st,
				   unsigned int hash, int object)
{
	int k = find_group(g, st, hash, object);
	unsigned int b;

	if (k >= 0)
		return (unsigned int)k;
	b = group_bucket(g, hash, object);
	g->group[g->nr].hash = hash;
	g->group[g->nr].object = object;
	g->group[g->nr].store = st;
	g->chain[g->nr] = g->bucket[b];
	g->bucket[b] = g->nr + 1;
	return g->nr++;
}

/* The function's field stores, in block order, and their groups. */
static void collect_stores(struct func_ctx *f, struct field_groups *g)
{
	unsigned int b, i, n = 0, size = 1;

	for (b = 0; b < f->func->nr_blocks; b++)
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++)
			n += f->func->blocks[b]->insns[i]->op == IR_STORE;
	while (size < 2 * n)
		size *= 2;
	f->stores = xcalloc(n + 1, sizeof(*f->stores));
	g->group = xcalloc(n + 1, sizeof(*g->group));
	g->chain = xcalloc(n + 1, sizeof(*g->chain));
	g->of_store = xcalloc(n + 1, sizeof(*g->of_store));
	g->hashes = xcalloc(n + 1, sizeof(*g->hashes));
	g->objects = xcalloc(n + 1, sizeof(*g->objects));
	g->bucket = xcalloc(size, sizeof(*g->bucket));
	g->mask = size - 1;
	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];
			unsigned int k = f->nr_stores;

			if (insn->op != IR_STORE)
				continue;
			f->stores[f->nr_stores++] = insn;
			g->hashes[k] = insn->name ? pc_hash_string(insn->name) : 0;
			g->objects[k] = insn->nr_operands ?
				engine_object_of(f, insn->operands[0]) : IR_NONE;
			if (insn->name && insn->nr_operands == 2)
				g->of_store[k] = group_of_store(g, insn, g->hashes[k], g->objects[k]);
		}
	}
}

static void free_groups(struct field_groups *g)
{
	free(g->group);
	free(g->chain);
	free(g->of_store);
	free(g->hashes);
	free(g->objects);
	free(g->bucket);
}

/* The store of its own block a field load reads, or -1. */
static int store_before(const struct func_ctx *f, const struct field_groups *g,
			unsigned int block_first, unsigned int seen, const struct ir_insn *load,
			unsigned int hash, int object)
{
	unsigned int k;

	for (k = seen; k-- > block_first;)
		if (g->hashes[k] == hash && g->objects[k] == object &&
		    same_member(f->stores[k], load))
			return (int)k;
	return -1;
}

/*
 * Where each field load takes its value from: the last store to that
 * field of the same object before it in its block; with none there,
 * every store to it in the function (its group: flow-insensitive, which
 * loops and other paths need).  The block's earlier stores are the ones
 * collected just before, since collect_stores() went in the same order.
 */
static void pair_fields(struct func_ctx *f, struct origin_edges *es,
			const struct field_groups *g)
{
	unsigned int b, i, k, seen = 0;
	int group_row = (int)f->func->nr_values;

	for (k = 0; k < f->nr_stores; k++)
		if (f->stores[k]->name && f->stores[k]->nr_operands == 2)
			add_edge(es, group_row + (int)g->of_store[k],
				 f->stores[k]->operands[1]);
	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];
		unsigned int block_first = seen;

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *load = blk->insns[i];
			unsigned int hash;
			int object, from;

			if (load->op == IR_STORE)
				seen++;
			if (load->op != IR_LOAD || !load->name || load->value == IR_NONE ||
			    !load->nr_operands || f->value_origin[load->value] >= 0)
				continue;
			object = engine_object_of(f, load->operands[0]);
			hash = pc_hash_string(load->name);
			from = store_before(f, g, block_first, seen, load, hash, object);
			if (from >= 0) {
				add_edge(es, load->value, f->stores[from]->operands[1]);
				continue;
			}
			from = find_group(g, load, hash, object);
			if (from >= 0)
				add_edge(es, load->value, group_row + from);
		}
	}
}

/* Carry the sets along @es until nothing grows (a least fixed point). */
static void spread_origins(struct func_ctx *f, const struct origin_edges *es)
{
	unsigned int nr_values = es->rows, v, i;
	unsigned int *first = xcalloc(nr_values + 1, sizeof(*first));
	unsigned int *fill = xcalloc(nr_values + 1, sizeof(*fill));
	int *to = xcalloc(es->nr + 1, sizeof(*to));
	int *work = xcalloc(nr_values + 1, sizeof(*work));
	bool *queued = xcalloc(nr_values + 1, sizeof(*queued));
	unsigned int nr_work = 0;

	/* the edges grouped by the value they take from */
	for (i = 0; i < es->nr; i++)
		first[es->pairs[i].from + 1]++;
	for (v = 0; v < nr_values; v++)
		first[v + 1] += first[v];
	memcpy(fill, first, nr_values * sizeof(*fill));
	for (i = 0; i < es->nr; i++)
		to[fill[es->pairs[i].from]++] = es->pairs[i].to;
	for (v = nr_values; v-- > 0;)
		if (v < f->func->nr_values && f->value_origin[v] >= 0 &&
		    first[v + 1] > first[v]) {
			work[nr_work++] = (int)v;
			queued[v] = true;
		}
	while (nr_work) {
		int from = work[--nr_work];

		queued[from] = false;
		for (i = first[from]; i < first[from + 1]; i++)
			if (union_rows(f, to[i], from) && !queued[to[i]] &&
			    first[to[i] + 1] > first[to[i]]) {
				work[nr_work++] = to[i];
				queued[to[i]] = true;
			}
	}
	free(first);
	free(fill);
	free(to);
	free(work);
	free(queued);
}

void engine_compute_origins(struct func_ctx *f)
{
	struct ir_func *func = f->func;
	struct origin_edges edges = { NULL, 0, 0, 0 };
	struct field_groups groups = { 0 };
	unsigned int b, i, v;

	f->def = xcalloc(func->nr_values, sizeof(*f->def));
	f->def_block = xcalloc(func->nr_values + 1, sizeof(int));
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
			f->def_block[insn->value] = (int)b;
			f->value_origin[insn->value] = introduce_origin(f, insn);
		}
	}
	f->words = (f->nr_origins + 63) / 64;
	if (!f->words)
		return;
	collect_stores(f, &groups);
	edges.rows = func->nr_values + groups.nr;
	pair_fields(f, &edges, &groups);
	free_groups(&groups);
	for (b = 0; b < func->nr_blocks; b++)
		for (i = 0; i < func->blocks[b]->nr_insns; i++)
			if (func->blocks[b]->insns[i]->value != IR_NONE)
				propagation_edges(f, func->blocks[b]->insns[i], &edges);
	/* the groups' rows after the values' */
	f->nr_set_rows = edges.rows;
	f->sets = xcalloc((size_t)edges.rows * f->words, sizeof(uint64_t));
	for (v = 0; v < func->nr_values; v++)
		if (f->value_origin[v] >= 0)
			value_set(f, (int)v)[f->value_origin[v] / 64] |=
				UINT64_C(1) << (f->value_origin[v] % 64);
	spread_origins(f, &edges);
	free(edges.pairs);
}

bool engine_value_has_origin(const struct func_ctx *f, int v, unsigned int o)
{
	if (v == IR_NONE || v >= (int)f->func->nr_values || !f->words || o >= f->nr_origins)
		return false;
	return set_has(f->sets + (size_t)v * f->words, o);
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

/* Notes that walk each possibly-MMIO contribution back to its source. */
void engine_note_sources(const struct func_ctx *f, struct finding *fd,
			  const struct prov *state, int v)
{
	unsigned int o, shown = 0;

	for (o = 0; o < f->nr_origins && shown < MAX_NOTES; o++) {
		const struct origin *org = &f->origins[o];
		const char *is = org->initial.state == PROV_MMIO ? "is" : "may be";

		if (!engine_value_has_origin(f, v, o) || !(state[o].state & PROV_MMIO))
			continue;
		shown++;
		if (org->param >= 0 && org->source)
			finding_note(fd, org->loc, "parameter %d of %s() %s MMIO: %s says so",
				     org->param + 1, f->func->name, is, org->source);
		else if (org->param >= 0)
			finding_note(fd, org->loc, "parameter %d of %s() may be MMIO",
				     org->param + 1, f->func->name);
		else
			finding_note(fd, org->loc, "it comes from %s%s, which %s MMIO",
				     org->source, strchr(org->source, '.') ? "" : "()", is);
	}
}

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
		if (is_pa_shape(f, insn) && !engine_shadowed(f, insn))
			return false;	/* a new, kmappable phys */
		/* fall through */
	case IR_PHI:
		for (i = 0; i < insn->nr_operands; i++)
			grew |= set_union(f, insn->value, insn->operands[i]);
		return grew;
	case IR_CALL:
		if (!insn->name || engine_shadowed(f, insn))
			return false;
		for (e = model_find(f->u->model, MODEL_CONVERT, insn->name, NULL); e;
		     e = model_find(f->u->model, MODEL_CONVERT, insn->name, e))
			if (e->arg <= insn->nr_operands)
				grew |= set_union(f, insn->value, insn->operands[e->arg - 1]);
		callee = engine_find_func(f->u, insn->name);
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

struct field_sources {
	struct {
		int load, from;	/* the load's value takes from's origins */
	} *pairs;
	unsigned int nr, cap;
};

/* A store to the same field as @load, of whatever object. */
static bool same_member(const struct ir_insn *store, const struct ir_insn *load)
{
	return store->op == IR_STORE && store->name && store->nr_operands == 2 &&
	       !strcmp(store->name, load->name) &&
	       (store->path == load->path ||
		(store->path && load->path && !strcmp(store->path, load->path)));
}

/* The function's field stores, with their names' hashes to pair them
 * with loads quickly. */
static void collect_stores(struct func_ctx *f, unsigned int **hashes, int **objects)
{
	unsigned int b, i, n = 0;

	for (b = 0; b < f->func->nr_blocks; b++)
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++)
			n += f->func->blocks[b]->insns[i]->op == IR_STORE;
	f->stores = xcalloc(n + 1, sizeof(*f->stores));
	*hashes = xcalloc(n + 1, sizeof(**hashes));
	*objects = xcalloc(n + 1, sizeof(**objects));
	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];

			if (insn->op != IR_STORE)
				continue;
			(*hashes)[f->nr_stores] = insn->name ? pc_hash_string(insn->name) : 0;
			(*objects)[f->nr_stores] = insn->nr_operands ?
				engine_object_of(f, insn->operands[0]) : IR_NONE;
			f->stores[f->nr_stores++] = insn;
		}
	}
}

static void add_field_source(struct field_sources *fs, int load, int from)
{
	if (fs->nr == fs->cap) {
		fs->cap = fs->cap ? fs->cap * 2 : 16;
		fs->pairs = xrealloc(fs->pairs, fs->cap * sizeof(*fs->pairs));
	}
	fs->pairs[fs->nr].load = load;
	fs->pairs[fs->nr++].from = from;
}

/*
 * Where each field load takes its value from: the last store to that
 * field of the same object before it in its block; with none there,
 * every store to it in the function (flow-insensitive, which loops and
 * other paths need).  Found once, before the fixed point goes round.
 */
static void pair_fields(struct func_ctx *f, struct field_sources *fs, const unsigned int *hashes,
			const int *objects)
{
	unsigned int b, i, k;

	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *load = blk->insns[i];
			bool local = false;
			unsigned int h;
			int object;

			if (load->op != IR_LOAD || !load->name || load->value == IR_NONE ||
			    !load->nr_operands || f->value_origin[load->value] >= 0)
				continue;
			object = engine_object_of(f, load->operands[0]);
			for (k = i; k-- > 0 && !local;) {
				const struct ir_insn *st = blk->insns[k];

				if (same_member(st, load) &&
				    engine_object_of(f, st->operands[0]) == object) {
					add_field_source(fs, load->value, st->operands[1]);
					local = true;
				}
			}
			h = local ? 0 : pc_hash_string(load->name);
			for (k = 0; !local && k < f->nr_stores; k++)
				if (hashes[k] == h && objects[k] == object &&
				    same_member(f->stores[k], load))
					add_field_source(fs, load->value, f->stores[k]->operands[1]);
		}
	}
}

void engine_compute_origins(struct func_ctx *f)
{
	struct ir_func *func = f->func;
	struct field_sources fields = { NULL, 0, 0 };
	unsigned int *hashes, b, i, v;
	int *objects;
	bool grew;

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
	collect_stores(f, &hashes, &objects);
	pair_fields(f, &fields, hashes, objects);
	free(hashes);
	free(objects);
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
			}
		}
		for (i = 0; i < fields.nr; i++)
			grew |= set_union(f, fields.pairs[i].load, fields.pairs[i].from);
	} while (grew);
	free(fields.pairs);
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

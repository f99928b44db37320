// SPDX-License-Identifier: GPL-2.0
/*
 * Containers: what a bio or a scatterlist holds.
 *
 * A page read out of a container (a model source marked `held`: a bvec's
 * bv_page, sg_page()) may be P2PDMA memory, so it is "maybe".  Where the
 * container is a parameter of a static function, the unit holds every
 * caller: when each one passes a container it built itself and filled
 * only with proven RAM (alloc_page() into __bio_add_page(): the model's
 * `fill`), the page read out of it is RAM.  A static function stored as a
 * callback (the model's `callback bio.bi_end_io 1`: a bounce bio's
 * end_io) is called with the object it is stored in.  A function whose
 * address goes anywhere else, or that an ops structure holds, has callers
 * the unit does not see: its containers stay "maybe".
 *
 * Like the origins, this is flow-insensitive: a fill counts on every
 * path, and its page is judged by its origins' initial states.  A
 * container may only go to the model's `fill` (with RAM) and `keep`
 * functions and to the unit's static functions that keep it in turn
 * (bio_copy_kern_endio() frees the pages; it adds none): anything else
 * lets it out of sight.  What its loads hand on (sgt->sgl) is not
 * followed, and a container returned is taken as kept (the error paths
 * return it as an error code).  An integer loaded out of it and handed
 * on as it is (a table's DMA address) is no container.
 *
 * A handle given back to the API that made it (the model's `madeby`:
 * dma_direct_free()'s DMA address, dma_vmap_noncontiguous()'s table)
 * holds what its maker made, whoever the callers: the maker's returns,
 * or its stores through the argument named, each RAM by itself (a DMA
 * address of RAM, once the parameters it is made of are), a container it
 * built and filled with RAM only, or what a static helper or a
 * `holdsram` function makes.  The maker's own handing of a container it
 * returns to others is not followed: the API's contract is that it made
 * it.
 *
 * A tagged container holds what the unit put in it, whoever the callers.
 * block/blk-map.c's bio_uncopy_user() reads `bio->bi_private` and uses it
 * as a struct bio_map_data on every call; that struct is declared in
 * blk-map.c (ir_insn.own_record), so no other unit can make one, and the
 * unit's one store of such a pointer into bi_private, in
 * bio_copy_user_iov(), tags the bounce bio it filled with alloc_page()
 * memory.  A static function that reads such a tag out of a parameter
 * before any branch is RAM there when every store of that struct's
 * pointers into that field in the unit is on a container that holds RAM,
 * as a caller's would have to be, and the unit lets none of those
 * pointers go (to a function that is not its own static one or a
 * `keep`, or returned by an exported one).  Stores of other pointers in
 * the same field (bio_map_kern()'s buffer) are no tag.  A pointer the
 * unit keeps in the field under another type, or one copied from field
 * to field elsewhere (a clone's), is not seen.  What a function hands on
 * out of its own struct read out of a field (bio_map_data's iov_iter) is
 * the unit's bookkeeping, taken as no part of the container it tags.
 */
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

#define WALK_BUDGET	64	/* values one walk may visit */
#define MAX_OBJECTS	8

/* What a site passes, beside a parameter number (>= 0) of its caller's. */
#define HOLDS_RAM	(-1)	/* a container built there with RAM only */
#define HOLDS_UNKNOWN	(-2)	/* anything else */
#define ADDRESS_ESCAPES	(-3)	/* the callee's address goes elsewhere */

struct content_site {
	int callee;
	unsigned int arg;	/* 0-based */
	int holds;		/* HOLDS_*, or the caller's parameter */
	int object;		/* HOLDS_RAM: the container built, or -1 */
};

/*
 * What a function makes, for the model's `madeby` readers: each value it
 * returns (where 0) or stores through its argument N (where N): RAM once
 * the parameters in @needs are, not known, or what a static callee makes
 * at its @callee_where when given RAM in the arguments @ram_args.
 */
#define MADE_RAM	(-1)
#define MADE_UNKNOWN	(-2)
#define MADE_DEPTH	8	/* static helpers followed, at most */

struct made_site {
	uint8_t where;
	uint8_t callee_where;
	int holds;		/* MADE_*, or the static callee */
	uint32_t needs;		/* MADE_RAM: parameters that must be RAM */
	uint32_t ram_args;	/* a callee: the arguments that are RAM */
};

/*
 * A tag: a field of a container (bio.bi_private) holding a pointer to a
 * struct of the unit's own (ir_insn.own_record).  A reader reads it out
 * of its parameter @param and uses it as that struct on every call; a
 * store puts such a pointer into a container's field.  The strings are
 * the tag's own: a function's IR may be gone when the unit decides.
 */
struct content_tag {
	char *field;		/* "bio.bi_private", then its path if any */
	char *record;		/* the own struct, NULL: several at once */
	int param;		/* a reader's; -1 for a store */
	int holds;		/* a store's container: HOLDS_*, or the
				 * function's parameter */
	int object;		/* HOLDS_RAM: the container built, or -1 */
};

struct content_sites {
	struct content_site *v;
	unsigned int nr, cap;
	uint32_t lets_out;	/* parameters it fills with other than RAM
				 * or hands to what may */
	struct made_site *made;
	unsigned int nr_made, cap_made;
	struct content_tag *tags;	/* its tag readers and stores */
	unsigned int nr_tags, cap_tags;
	char **escapes;		/* own structs whose pointers it lets
				 * out (NULL: several at once) */
	unsigned int nr_escapes, cap_escapes;
};

/* Where a container comes from: one parameter, objects built here, or
 * anything else. */
struct roots {
	int param;		/* -1: none; -2: several */
	int objects[MAX_OBJECTS];
	unsigned int nr_objects;
	bool other;
};

struct walk {
	struct func_ctx *f;
	struct roots r;
	unsigned int budget;
};

/* What one function shows, gathered in one walk over it. */
struct collect {
	struct func_ctx *f;
	unsigned int *mark;	/* by value: the walk that last visited it */
	unsigned int stamp;
	struct prov *initial;	/* by origin */
	int *object_holds;	/* by value: HOLDS_* once known, 0 not yet */
	int *address_of;	/* by value: 1 + the static function whose
				 * address it is, 0 none (NULL: no such) */
	const struct ir_insn **fills, **calls, **callbacks, **own_uses;
	unsigned int nr_fills, nr_calls, nr_callbacks, nr_own_uses;
	bool handles;		/* hands something to a fill or keep */
};

static const struct ir_insn *def_of(const struct func_ctx *f, int v)
{
	return v == IR_NONE || v >= (int)f->func->nr_values ? NULL : f->def[v];
}

static bool same_path(const struct ir_insn *a, const struct ir_insn *b)
{
	return a->path == b->path || (a->path && b->path && !strcmp(a->path, b->path));
}

static void add_param(struct roots *r, int param)
{
	if (r->param == -1)
		r->param = param;
	else if (r->param != param)
		r->param = -2;
}

static void add_object(struct roots *r, int v)
{
	unsigned int i;

	for (i = 0; i < r->nr_objects; i++)
		if (r->objects[i] == v)
			return;
	if (r->nr_objects == MAX_OBJECTS)
		r->other = true;
	else
		r->objects[r->nr_objects++] = v;
}

static void walk_value(struct walk *w, struct collect *c, int v);
static const struct model_entry *made_by(const struct unit_ctx *u, unsigned int fn,
					 unsigned int arg);

/* A load from a variable of the function's own is what was stored there. */
static void walk_local_field(struct walk *w, struct collect *c, const struct ir_insn *load,
			     int object)
{
	const struct func_ctx *f = w->f;
	bool stored = false, untraced;
	unsigned int k;

	/*
	 * A load that reaches the local only through a phi has no path a
	 * front end could trace (GCC's through the pointer an inlined
	 * bvec_init_iter_all() returned, where the store through
	 * `&iter_all->bv` has "bvec_iter_all.bv.bv_page"): any store of the
	 * field's name into the local may be it.
	 */
	untraced = !load->path && engine_cast_root(f, load->operands[0]) != object;
	for (k = 0; k < f->nr_stores; k++) {
		const struct ir_insn *st = f->stores[k];

		if (st->nr_operands == 2 && st->name && !strcmp(st->name, load->name) &&
		    (untraced || same_path(st, load)) &&
		    engine_object_of(f, st->operands[0]) == object) {
			stored = true;
			walk_value(w, c, st->operands[1]);
		}
	}
	if (!stored)
		w->r.other = true;
}

static void walk_value(struct walk *w, struct collect *c, int v)
{
	const struct ir_insn *def = def_of(w->f, v);
	const struct ir_insn *base;
	unsigned int i;
	int object;

	if (!def || !w->budget) {
		w->r.other = true;
		return;
	}
	if (c->mark[v] == c->stamp)
		return;
	c->mark[v] = c->stamp;
	w->budget--;
	switch (def->op) {
	case IR_PARAM:
		add_param(&w->r, (int)def->index);
		return;
	case IR_CONST:
		return;
	case IR_ARITH:
	case IR_PHI:
	case IR_AND_CONST:
		for (i = 0; i < def->nr_operands; i++)
			if (def->operands[i] != IR_NONE)
				walk_value(w, c, def->operands[i]);
		return;
	case IR_CALL:
		if (def->inlined)
			w->r.other = true;
		else
			add_object(&w->r, v);
		return;
	case IR_OPAQUE:
		if (def->local)
			add_object(&w->r, v);
		else
			w->r.other = true;
		return;
	case IR_LOAD:
		if (!def->nr_operands || def->operands[0] == IR_NONE) {
			w->r.other = true;
			return;
		}
		object = engine_object_of(w->f, def->operands[0]);
		base = def_of(w->f, object);
		if (base && base->op == IR_OPAQUE && base->local && def->name)
			walk_local_field(w, c, def, object);
		else
			walk_value(w, c, def->operands[0]);	/* part of its base */
		return;
	default:
		w->r.other = true;
		return;
	}
}

static struct roots roots_of(struct collect *c, int v)
{
	struct walk w = { c->f, { -1, { 0 }, 0, false }, WALK_BUDGET };

	c->stamp++;
	walk_value(&w, c, v);
	return w.r;
}

static bool roots_have(const struct roots *r, int object)
{
	unsigned int i;

	for (i = 0; i < r->nr_objects; i++)
		if (r->objects[i] == object)
			return true;
	return false;
}

/* ---------------------------------------------------------- containers */

/* The model's source entry if @insn reads out of a container. */
static const struct model_entry *held_source(const struct func_ctx *f,
					     const struct ir_insn *insn)
{
	const struct model_entry *e = NULL;

	if ((insn->op != IR_CALL && insn->op != IR_LOAD && insn->op != IR_STORE) ||
	    !insn->name)
		return NULL;
	if (insn->path)
		e = model_find(f->u->model, MODEL_SOURCE, insn->path, NULL);
	if (!e)
		e = model_find(f->u->model, MODEL_SOURCE, insn->name, NULL);
	return e && e->held ? e : NULL;
}

/* The value whose roots say where @insn's container comes from. */
static int container_value(const struct ir_insn *insn, const struct model_entry *e)
{
	if (insn->op == IR_LOAD)
		return insn->value;	/* a copy's stores lead to the original */
	if (e->held_arg && e->held_arg <= insn->nr_operands)
		return insn->operands[e->held_arg - 1];
	return IR_NONE;
}

static bool is_exactly_ram(struct prov p)
{
	return p.state == PROV_KMAP && !p.params;
}

static bool is_fill_or_keep_arg(const struct model *model, const char *name, unsigned int i)
{
	const struct model_entry *e;

	for (e = model_find(model, MODEL_FILL, name, NULL); e;
	     e = model_find(model, MODEL_FILL, name, e))
		if (e->arg == i + 1)
			return true;
	for (e = model_find(model, MODEL_KEEP, name, NULL); e;
	     e = model_find(model, MODEL_KEEP, name, e))
		if (e->arg == i + 1)
			return true;
	return false;
}

/* A static function of the unit's, with a body, whose callers matter. */
static int static_callee(const struct func_ctx *f, const char *name)
{
	int callee = name ? engine_find_func(f->u, name) : -1;

	if (callee < 0 || (unsigned int)callee >= f->u->nr_content ||
	    !f->u->defined[callee] || !f->u->unit->funcs[callee]->is_static)
		return -1;
	return callee;
}

/*
 * Whether a container in @insn's operand @i goes out of sight: stored
 * somewhere, or handed to a function that is neither the model's `fill`
 * or `keep` nor a static one of the unit's (which must keep it in turn:
 * a site of its own).
 */
static bool lets_out(const struct func_ctx *f, const struct ir_insn *insn, unsigned int i)
{
	switch (insn->op) {
	case IR_STORE:
		return i == 1;
	case IR_CALL:
		if (insn->inlined)
			return false;	/* its body is here */
		if (!insn->name)
			return true;
		return !is_fill_or_keep_arg(f->u->model, insn->name, i) &&
		       static_callee(f, insn->name) < 0;
	case IR_RET:
		return false;	/* taken as kept: see the top */
	default:
		return false;
	}
}

/*
 * The fills of @insn: for each container it puts a page into (a `fill`
 * call's, or a held field stored), the container's value and the page's.
 */
struct fill {
	int container, page;
};

static unsigned int fills_of(const struct func_ctx *f, const struct ir_insn *insn,
			     struct fill *out, unsigned int max)
{
	const struct model_entry *e;
	unsigned int n = 0;

	if (engine_shadowed(f, insn))
		return 0;
	if (insn->op == IR_STORE && insn->nr_operands == 2 && held_source(f, insn)) {
		out[0].container = insn->operands[0];
		out[0].page = insn->operands[1];
		return 1;
	}
	if (insn->op != IR_CALL || !insn->name)
		return 0;
	for (e = model_find(f->u->model, MODEL_FILL, insn->name, NULL); e && n < max;
	     e = model_find(f->u->model, MODEL_FILL, insn->name, e)) {
		if (e->arg > insn->nr_operands || e->cond_arg > insn->nr_operands)
			continue;
		out[n].container = insn->operands[e->arg - 1];
		out[n++].page = insn->operands[e->cond_arg - 1];
	}
	return n;
}

#define MAX_FILLS 4

/*
 * Spread the marks of @of (by value, a bit per thing it is) to the
 * values that are those things too: their casts, copies and phis.
 */
static void spread_copies(const struct func_ctx *f, uint32_t *of)
{
	bool grew = true;
	unsigned int b, i, k;

	while (grew) {
		grew = false;
		for (b = 0; b < f->func->nr_blocks; b++) {
			const struct ir_block *blk = f->func->blocks[b];

			for (i = 0; i < blk->nr_insns; i++) {
				const struct ir_insn *insn = blk->insns[i];
				uint32_t was, is = 0;

				if ((insn->op != IR_ARITH && insn->op != IR_PHI) ||
				    insn->value == IR_NONE)
					continue;
				for (k = 0; k < insn->nr_operands; k++)
					if (insn->operands[k] != IR_NONE)
						is |= of[insn->operands[k]];
				was = of[insn->value];
				if ((was | is) != was) {
					of[insn->value] = was | is;
					grew = true;
				}
			}
		}
	}
}

/* The values that are @object itself: its casts, copies and phis. */
static uint32_t *object_values(const struct func_ctx *f, int object)
{
	uint32_t *in = xcalloc(f->func->nr_values + 1, sizeof(*in));

	in[object] = 1;
	spread_copies(f, in);
	return in;
}

/* Whether the fills of @insn put only RAM into what @want says;
 * *@filled when they put something there.  @want: the container built at
 * @object (>= 0), or, @object < 0, the parameters gathered in *@params. */
static bool fills_ram(struct collect *c, const struct ir_insn *insn, int object,
		      bool *filled, uint32_t *params)
{
	struct fill fills[MAX_FILLS];
	unsigned int n, k;
	bool ram = true;

	n = fills_of(c->f, insn, fills, MAX_FILLS);
	for (k = 0; k < n; k++) {
		struct roots r = roots_of(c, fills[k].container);
		bool page_ram;

		if (object >= 0 ? !roots_have(&r, object) :
		    r.param < 0 || r.param >= PROV_MAX_PARAMS)
			continue;
		page_ram = is_exactly_ram(engine_value_prov(c->f, c->initial, fills[k].page));
		if (object >= 0)
			*filled = true;
		else if (!page_ram)
			*params |= UINT32_C(1) << r.param;
		ram &= page_ram;
	}
	return ram;
}

/* Whether the container built at @object holds RAM only, as far as the
 * function shows: filled at least once, only with RAM, kept in sight. */
static int object_holds(struct collect *c, int object)
{
	const struct func_ctx *f = c->f;
	bool filled = false, ok = true;
	unsigned int b, i, k;
	uint32_t *in;

	if (!c->nr_fills)
		return HOLDS_UNKNOWN;
	if (c->object_holds[object])
		return c->object_holds[object];
	for (i = 0; ok && i < c->nr_fills; i++)
		ok = fills_ram(c, c->fills[i], object, &filled, NULL);
	in = ok && filled ? object_values(f, object) : NULL;
	for (b = 0; in && ok && b < f->func->nr_blocks; b++) {
		for (i = 0; ok && i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];

			for (k = 0; ok && k < insn->nr_operands; k++)
				ok = insn->operands[k] == IR_NONE || !in[insn->operands[k]] ||
				     engine_shadowed(f, insn) || !lets_out(f, insn, k);
		}
	}
	free(in);
	c->object_holds[object] = ok && filled ? HOLDS_RAM : HOLDS_UNKNOWN;
	return c->object_holds[object];
}

/* What an argument passes as a container; *@object the one built here. */
static int holds_of(struct collect *c, int v, int *object)
{
	struct roots r = roots_of(c, v);

	*object = -1;
	if (r.other || r.param == -2 || (r.param >= 0 && r.nr_objects))
		return HOLDS_UNKNOWN;
	if (r.param >= 0)
		return r.param;
	if (r.nr_objects != 1 || object_holds(c, r.objects[0]) != HOLDS_RAM)
		return HOLDS_UNKNOWN;
	*object = r.objects[0];
	return HOLDS_RAM;
}

/* ---------------------------------------------------------- sites */

static void add_site(struct content_sites *s, int callee, unsigned int arg, int holds,
		     int object)
{
	if (s->nr == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->nr].callee = callee;
	s->v[s->nr].arg = arg;
	s->v[s->nr].holds = holds;
	s->v[s->nr++].object = object;
}

/* An integer read out of a container and handed on as it is (a table's
 * DMA address): no container, whatever its base.  C makes a pointer of
 * an integer only through a cast, which is not a load. */
static bool is_scalar_load(const struct func_ctx *f, int v)
{
	const struct ir_insn *def = def_of(f, v);

	return def && def->scalar &&
	       (def->op == IR_LOAD || (def->op == IR_ARITH && def->nr_operands == 1));
}

/*
 * A field handed on out of a struct of the unit's own that was itself
 * read out of a field (the iov_iter block/blk-map.c keeps in the
 * bio_map_data it reads out of bi_private): the unit's bookkeeping,
 * which only it writes, taken as no part of the container the struct was
 * read out of (a tag, below).  An own struct the function was given, or
 * built, is the container itself: what is handed on out of it stays part
 * of it.
 */
static bool is_own_struct_load(const struct func_ctx *f, int v)
{
	const struct ir_insn *def = def_of(f, v), *base;

	if (!def || def->op != IR_LOAD || !def->own_record || !def->nr_operands ||
	    def->operands[0] == IR_NONE)
		return false;
	base = def_of(f, engine_object_of(f, def->operands[0]));
	return base && base->op == IR_LOAD;
}

static void collect_call(struct collect *c, struct content_sites *s, const struct ir_insn *call)
{
	int callee = static_callee(c->f, call->name), object, holds;
	unsigned int i;

	for (i = 0; i < call->nr_operands && i < PROV_MAX_PARAMS; i++) {
		if (is_scalar_load(c->f, call->operands[i]) ||
		    is_own_struct_load(c->f, call->operands[i]))
			continue;
		holds = holds_of(c, call->operands[i], &object);
		add_site(s, callee, i, holds, object);
	}
}

static const struct model_entry *callback_entry(const struct func_ctx *f,
						const struct ir_insn *st)
{
	const struct model_entry *e = NULL;

	if (st->path)
		e = model_find(f->u->model, MODEL_CALLBACK, st->path, NULL);
	if (!e && st->name)
		e = model_find(f->u->model, MODEL_CALLBACK, st->name, NULL);
	return e;
}

/* The static function whose address @v is, or -1. */
static int function_address(const struct collect *c, int v)
{
	if (!c->address_of || v == IR_NONE || v >= (int)c->f->func->nr_values)
		return -1;
	return c->address_of[v] - 1;
}

/* `bio->bi_end_io = fn`: a call of fn with the bio, later. */
static void collect_callback(struct collect *c, struct content_sites *s,
			     const struct ir_insn *st)
{
	const struct model_entry *e = callback_entry(c->f, st);
	int callee = function_address(c, st->operands[1]), object, holds;

	if (!e || callee < 0)
		return;
	holds = holds_of(c, st->operands[0], &object);
	add_site(s, callee, e->arg - 1, holds, object);
}

/* A static function's address used but as a callback or cast: its
 * callers are out of sight. */
static void collect_escapes(struct collect *c, struct content_sites *s)
{
	const struct func_ctx *f = c->f;
	unsigned int b, i, k;

	for (b = 0; b < f->func->nr_blocks; b++) {
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];

			if (engine_shadowed(f, insn) ||
			    (insn->op == IR_ARITH && insn->nr_operands == 1))
				continue;
			for (k = 0; k < insn->nr_operands; k++) {
				int callee = function_address(c, insn->operands[k]);

				if (callee >= 0 && !(insn->op == IR_STORE && k == 1 &&
						     callback_entry(f, insn)))
					add_site(s, callee, 0, ADDRESS_ESCAPES, -1);
			}
		}
	}
}

/* Append to a list whose room doubles at each power of two from 4. */
static void push(const struct ir_insn ***list, unsigned int *nr, const struct ir_insn *insn)
{
	unsigned int n = *nr;

	if (!n || (n >= 4 && !(n & (n - 1))))
		*list = xrealloc(*list, (n ? 2 * n : 4) * sizeof(**list));
	(*list)[(*nr)++] = insn;
}

/* A static function's address, and its casts. */
static void note_address(struct collect *c, const struct ir_insn *insn)
{
	int callee, from;

	if (insn->op == IR_OPAQUE && !insn->local && insn->name) {
		callee = static_callee(c->f, insn->name);
		if (callee < 0)
			return;
		if (!c->address_of)
			c->address_of = xcalloc(c->f->func->nr_values + 1, sizeof(int));
		c->address_of[insn->value] = callee + 1;
	} else if (c->address_of && insn->op == IR_ARITH && insn->nr_operands == 1 &&
		   (from = insn->operands[0]) != IR_NONE && c->address_of[from]) {
		c->address_of[insn->value] = c->address_of[from];
	}
}

/* A field access through a pointer to a struct of the unit's own. */
static bool is_own_use(const struct ir_insn *insn)
{
	return (insn->op == IR_LOAD || insn->op == IR_STORE) && insn->own_record &&
	       insn->name && insn->nr_operands && insn->operands[0] != IR_NONE;
}

/* The one walk: the fills, the calls of static functions, the callbacks
 * stored, the static functions' addresses, the accesses to own structs. */
static void scan(struct collect *c)
{
	const struct func_ctx *f = c->f;
	static const unsigned int handling = 1u << MODEL_FILL | 1u << MODEL_KEEP;
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];

			if (engine_shadowed(f, insn))
				continue;
			if (is_own_use(insn))
				push(&c->own_uses, &c->nr_own_uses, insn);
			if (insn->op == IR_CALL && insn->name) {
				if (model_has_any(f->u->model, insn->name, handling)) {
					c->handles = true;
					if (model_find(f->u->model, MODEL_FILL, insn->name, NULL))
						push(&c->fills, &c->nr_fills, insn);
				}
				if (static_callee(f, insn->name) >= 0)
					push(&c->calls, &c->nr_calls, insn);
			} else if (insn->op == IR_STORE && insn->nr_operands == 2) {
				if (held_source(f, insn))
					push(&c->fills, &c->nr_fills, insn);
				if (callback_entry(f, insn))
					push(&c->callbacks, &c->nr_callbacks, insn);
			} else if (insn->value != IR_NONE &&
				   insn->value < (int)f->func->nr_values) {
				note_address(c, insn);
			}
		}
	}
}

/* By value, the parameters it is (casts, copies and phis of them). */
static uint32_t *param_values(const struct func_ctx *f)
{
	uint32_t *of = xcalloc(f->func->nr_values + 1, sizeof(*of));
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];

			if (insn->op == IR_PARAM && insn->index < PROV_MAX_PARAMS &&
			    insn->value != IR_NONE)
				of[insn->value] = UINT32_C(1) << insn->index;
		}
	}
	spread_copies(f, of);
	return of;
}

/* The parameters whose containers the function lets out or fills with
 * other than RAM. */
static uint32_t params_let_out(struct collect *c)
{
	const struct func_ctx *f = c->f;
	uint32_t *of = param_values(f), out = 0;
	unsigned int b, i, k;

	for (i = 0; i < c->nr_fills; i++)
		fills_ram(c, c->fills[i], -1, NULL, &out);
	for (b = 0; b < f->func->nr_blocks; b++) {
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];

			if (engine_shadowed(f, insn))
				continue;
			for (k = 0; k < insn->nr_operands; k++)
				if (insn->operands[k] != IR_NONE && of[insn->operands[k]] &&
				    !(out & of[insn->operands[k]]) && lets_out(f, insn, k))
					out |= of[insn->operands[k]];
		}
	}
	free(of);
	return out;
}

static void walks_init(struct collect *c)
{
	const struct func_ctx *f = c->f;
	unsigned int o;

	if (c->mark)
		return;
	c->mark = xcalloc(f->func->nr_values + 1, sizeof(*c->mark));
	c->object_holds = xcalloc(f->func->nr_values + 1, sizeof(*c->object_holds));
	c->initial = xcalloc(f->nr_origins + 1, sizeof(*c->initial));
	for (o = 0; o < f->nr_origins; o++)
		c->initial[o] = f->origins[o].initial;
}

static void collect_free(struct collect *c)
{
	free(c->mark);
	free(c->object_holds);
	free(c->initial);
	free(c->address_of);
	free(c->fills);
	free(c->calls);
	free(c->callbacks);
	free(c->own_uses);
}

/* ---------------------------------------------------------- handles */

/* The model's `holdsram`: what @name makes at @where holds RAM only. */
static bool model_holds_ram(const struct model *model, const char *name, unsigned int where)
{
	const struct model_entry *e;

	for (e = name ? model_find(model, MODEL_HOLDS_RAM, name, NULL) : NULL; e;
	     e = model_find(model, MODEL_HOLDS_RAM, name, e))
		if (e->where == where)
			return true;
	return false;
}

/* The arguments of @call that are RAM, exactly. */
static uint32_t ram_args(struct collect *c, const struct ir_insn *call)
{
	uint32_t ram = 0;
	unsigned int i;

	for (i = 0; i < call->nr_operands && i < PROV_MAX_PARAMS; i++)
		if (call->operands[i] != IR_NONE &&
		    is_exactly_ram(engine_value_prov(c->f, c->initial, call->operands[i])))
			ram |= UINT32_C(1) << i;
	return ram;
}

static struct made_site *add_made(struct content_sites *s, unsigned int where, int holds)
{
	static struct made_site ignored;
	struct made_site *m;

	if (where > PROV_MAX_PARAMS)
		return &ignored;
	if (s->nr_made == s->cap_made) {
		s->cap_made = s->cap_made ? s->cap_made * 2 : 4;
		s->made = xrealloc(s->made, s->cap_made * sizeof(*s->made));
	}
	m = &s->made[s->nr_made++];
	memset(m, 0, sizeof(*m));
	m->where = (uint8_t)where;
	m->holds = holds;
	return m;
}

/*
 * A value @f makes at @where: a handle that is RAM itself (a DMA address
 * of RAM; or of a parameter, once the caller's argument is), or
 * containers it built and filled with RAM only, or what a static callee
 * or a `holdsram` function makes.  A container handed back from a
 * parameter, or anything else, is not known.
 */
static void made_value(struct collect *c, struct content_sites *s, unsigned int where, int v)
{
	const struct func_ctx *f = c->f;
	struct prov p = engine_value_prov(f, c->initial, v);
	struct roots r;
	unsigned int i;

	if (!(p.state & PROV_MMIO) && (p.params || p.state == PROV_KMAP)) {
		add_made(s, where, MADE_RAM)->needs = p.params;
		return;
	}
	r = roots_of(c, v);
	if (r.other || r.param != -1) {
		add_made(s, where, MADE_UNKNOWN);
		return;
	}
	for (i = 0; i < r.nr_objects; i++) {
		const struct ir_insn *def = def_of(f, r.objects[i]);
		int callee = def && def->op == IR_CALL ? static_callee(f, def->name) : -1;

		if (callee >= 0)
			add_made(s, where, callee)->ram_args = ram_args(c, def);
		else if (def && def->op == IR_CALL && model_holds_ram(f->u->model, def->name, 0))
			add_made(s, where, MADE_RAM);
		else
			add_made(s, where, object_holds(c, r.objects[i]) == HOLDS_RAM ?
				 MADE_RAM : MADE_UNKNOWN);
	}
}

/* The parameter @v is itself (through casts), or -1: not a value loaded
 * through it. */
static int param_of(const struct func_ctx *f, int v)
{
	const struct ir_insn *def = def_of(f, v);
	unsigned int hops = 0;

	while (def && def->op == IR_ARITH && def->nr_operands == 1 && hops++ < WALK_BUDGET)
		def = def_of(f, def->operands[0]);
	return def && def->op == IR_PARAM && def->index < PROV_MAX_PARAMS ?
	       (int)def->index : -1;
}

/* A parameter handed to a call: what the callee makes there. */
static void made_pass(struct collect *c, struct content_sites *s, const struct ir_insn *call)
{
	unsigned int i;
	int p, callee;

	if (call->inlined || engine_shadowed(c->f, call))
		return;
	callee = static_callee(c->f, call->name);
	for (i = 0; i < call->nr_operands && i < PROV_MAX_PARAMS; i++) {
		if (call->operands[i] == IR_NONE || (p = param_of(c->f, call->operands[i])) < 0)
			continue;
		if (callee >= 0) {
			struct made_site *m = add_made(s, p + 1, callee);

			m->callee_where = (uint8_t)(i + 1);
			m->ram_args = ram_args(c, call);
		} else if (!model_holds_ram(c->f->u->model, call->name, i + 1)) {
			add_made(s, p + 1, MADE_UNKNOWN);
		}
	}
}

/*
 * What @f makes: its returns, its stores through a parameter (`*handle =
 * dma`, the object itself), the parameters it hands on.  Only in a unit
 * where a `madeby` reader asks (see engine_content_decide()).
 */
static void collect_made(struct collect *c, struct content_sites *s)
{
	const struct func_ctx *f = c->f;
	unsigned int b, i;
	int p;

	s->nr_made = 0;
	for (b = 0; b < f->func->nr_blocks; b++) {
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];

			if (engine_shadowed(f, insn))
				continue;
			if (insn->op == IR_RET && insn->nr_operands &&
			    insn->operands[0] != IR_NONE)
				made_value(c, s, 0, insn->operands[0]);
			else if (insn->op == IR_STORE && insn->nr_operands == 2 && !insn->name &&
				 insn->operands[0] != IR_NONE &&
				 (p = param_of(f, insn->operands[0])) >= 0)
				made_value(c, s, (unsigned int)p + 1, insn->operands[1]);
			else if (insn->op == IR_CALL)
				made_pass(c, s, insn);
		}
	}
}

/* ---------------------------------------------------------- tags */

/* Stands for several own structs at once: matches any. */
static const struct ir_insn several_records;

/* The own struct @use names, its path's first or its record, as a string
 * of its own; NULL for several. */
static char *record_of(const struct ir_insn *use)
{
	const char *r, *dot;
	size_t len;
	char *out;

	if (use == &several_records)
		return NULL;
	r = use->path ? use->path : use->name;
	dot = strchr(r, '.');
	len = dot ? (size_t)(dot - r) : strlen(r);
	out = xcalloc(len + 1, 1);
	memcpy(out, r, len);
	return out;
}

static bool same_record(const char *a, const char *b)
{
	return !a || !b || !strcmp(a, b);
}

/* A field as a string of its own: its name, a newline, its path. */
static char *field_of(const struct ir_insn *field)
{
	size_t n = strlen(field->name), p = field->path ? strlen(field->path) : 0;
	char *out = xcalloc(n + p + 2, 1);

	memcpy(out, field->name, n);
	out[n] = '\n';
	if (p)
		memcpy(out + n + 1, field->path, p);
	return out;
}

/* Whether the uses @a and @b of pointers name the same own struct. */
static bool same_use(const struct ir_insn *a, const struct ir_insn *b)
{
	char *ra = record_of(a), *rb = record_of(b);
	bool same = same_record(ra, rb);

	free(ra);
	free(rb);
	return same;
}

/*
 * By value, an access through it as a pointer to an own struct: each
 * access's base and the casts it was made by (sparse casts a void * it
 * loads; GCC's pointer conversions are no statements).
 */
static const struct ir_insn **own_pointers(struct collect *c)
{
	const struct func_ctx *f = c->f;
	const struct ir_insn **of = xcalloc(f->func->nr_values + 1, sizeof(*of));
	unsigned int i, hops;

	for (i = 0; i < c->nr_own_uses; i++) {
		const struct ir_insn *use = c->own_uses[i], *def;
		int v = use->operands[0];

		for (hops = 0; v != IR_NONE && v < (int)f->func->nr_values &&
		     hops < WALK_BUDGET; hops++) {
			if (!of[v])
				of[v] = use;
			else if (of[v] != use && !same_use(of[v], use))
				of[v] = &several_records;
			def = def_of(f, v);
			if (!def || def->op != IR_ARITH || def->nr_operands != 1)
				break;
			v = def->operands[0];
		}
	}
	return of;
}

/* The own struct @v points to, itself or as a cast of such a pointer. */
static const struct ir_insn *own_pointer(const struct func_ctx *f,
					 const struct ir_insn **of, int v)
{
	const struct ir_insn *def = def_of(f, v);

	if (!def)
		return NULL;
	if (of[v])
		return of[v];
	if (def->op == IR_ARITH && def->nr_operands == 1 && def_of(f, def->operands[0]))
		return of[def->operands[0]];
	return NULL;
}

static struct content_tag *add_tag(struct content_sites *s, const struct ir_insn *field,
				   const struct ir_insn *use, int param)
{
	struct content_tag *t;

	if (s->nr_tags == s->cap_tags) {
		s->cap_tags = s->cap_tags ? s->cap_tags * 2 : 4;
		s->tags = xrealloc(s->tags, s->cap_tags * sizeof(*s->tags));
	}
	t = &s->tags[s->nr_tags++];
	t->field = field_of(field);
	t->record = record_of(use);
	t->param = param;
	t->holds = HOLDS_UNKNOWN;
	t->object = -1;
	return t;
}

static void add_escape(struct content_sites *s, const struct ir_insn *use)
{
	if (s->nr_escapes == s->cap_escapes) {
		s->cap_escapes = s->cap_escapes ? s->cap_escapes * 2 : 4;
		s->escapes = xrealloc(s->escapes, s->cap_escapes * sizeof(*s->escapes));
	}
	s->escapes[s->nr_escapes++] = record_of(use);
}

/* The blocks every call runs: the entry and the straight line after it. */
static bool *entry_run(const struct func_ctx *f)
{
	const struct ir_func *func = f->func;
	bool *run = xcalloc(func->nr_blocks + 1, sizeof(*run));
	unsigned int b = 0;

	while (b < func->nr_blocks && !run[b]) {
		const struct ir_block *blk = func->blocks[b];

		run[b] = true;
		if (blk->nr_succs != 1 || blk->succs[0] < 0 ||
		    (unsigned int)blk->succs[0] >= func->nr_blocks ||
		    func->blocks[blk->succs[0]]->nr_preds != 1)
			break;
		b = (unsigned int)blk->succs[0];
	}
	return run;
}

/*
 * A tag reader: on every call (the entry run), @f loads a field out of
 * its parameter and uses what it loaded as a pointer to an own struct
 * (block/blk-map.c's bio_uncopy_user(): `bmd = bio->bi_private;
 * bmd->is_null_mapped`).
 */
static void collect_tag_readers(struct collect *c, struct content_sites *s,
				const struct ir_insn **of)
{
	const struct func_ctx *f = c->f;
	bool *run = entry_run(f), *ran = xcalloc(f->func->nr_values + 1, sizeof(*ran));
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		for (i = 0; run[b] && i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];
			const struct ir_insn *load;
			int p;

			if (insn->value != IR_NONE && insn->value < (int)f->func->nr_values)
				ran[insn->value] = true;
			if (engine_shadowed(f, insn) || !is_own_use(insn))
				continue;
			load = def_of(f, engine_object_of(f, insn->operands[0]));
			if (!load || load->op != IR_LOAD || !load->name || !ran[load->value] ||
			    !load->nr_operands || load->operands[0] == IR_NONE ||
			    (p = param_of(f, load->operands[0])) < 0 ||
			    of[load->value] == &several_records)
				continue;
			add_tag(s, load, insn, p);
		}
	}
	free(ran);
	free(run);
}

/*
 * The tag stores (a pointer to an own struct stored into a field of a
 * container: bio_copy_user_iov()'s `bio->bi_private = bmd`, with what
 * the container holds) and the own structs whose pointers @f lets go:
 * handed to a function that is neither the unit's static one nor a
 * `keep`, or returned by an exported one.
 */
static void collect_tag_stores(struct collect *c, struct content_sites *s,
			       const struct ir_insn **of)
{
	const struct func_ctx *f = c->f;
	const struct ir_insn *own;
	unsigned int b, i, k;

	for (b = 0; b < f->func->nr_blocks; b++) {
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++) {
			const struct ir_insn *insn = f->func->blocks[b]->insns[i];
			struct content_tag *t;

			if (engine_shadowed(f, insn))
				continue;
			if (insn->op == IR_STORE && insn->nr_operands == 2 && insn->name &&
			    insn->operands[1] != IR_NONE &&
			    (own = own_pointer(f, of, insn->operands[1]))) {
				t = add_tag(s, insn, own, -1);
				t->holds = holds_of(c, insn->operands[0], &t->object);
			}
			if ((insn->op != IR_CALL || insn->inlined) &&
			    (insn->op != IR_RET || f->func->is_static))
				continue;
			for (k = 0; k < insn->nr_operands; k++) {
				if (insn->operands[k] == IR_NONE ||
				    !(own = of[insn->operands[k]]) ||
				    (insn->op == IR_CALL && insn->name &&
				     (static_callee(f, insn->name) >= 0 ||
				      is_fill_or_keep_arg(f->u->model, insn->name, k))))
					continue;
				add_escape(s, own);
			}
		}
	}
}

static void tags_clear(struct content_sites *s)
{
	unsigned int i;

	for (i = 0; i < s->nr_tags; i++) {
		free(s->tags[i].field);
		free(s->tags[i].record);
	}
	for (i = 0; i < s->nr_escapes; i++)
		free(s->escapes[i]);
	s->nr_tags = s->nr_escapes = 0;
}

static void collect_tags(struct collect *c, struct content_sites *s)
{
	const struct ir_insn **of = own_pointers(c);

	collect_tag_readers(c, s, of);
	collect_tag_stores(c, s, of);
	free(of);
}

/*
 * What @f passes to the unit's static functions as containers, which of
 * their addresses it lets go, and (a static one that reads containers or
 * hands them to `fill` and `keep` functions) which of its parameters'
 * containers it lets out: anew each time it is analysed.  A function
 * that does none of that costs one walk.
 */
void engine_content_collect(struct func_ctx *f)
{
	struct content_sites *s;
	struct collect c;
	unsigned int i;
	bool keeper;

	if (f->index >= f->u->nr_content)
		return;
	s = &f->u->content_sites[f->index];
	s->nr = 0;
	tags_clear(s);
	s->lets_out = ~UINT32_C(0);
	memset(&c, 0, sizeof(c));
	c.f = f;
	scan(&c);
	if (c.nr_calls || c.nr_callbacks || c.nr_own_uses || f->u->made_wanted ||
	    (f->func->is_static && (c.handles || f->u->content_reads[f->index])))
		walks_init(&c);
	if (c.nr_own_uses)
		collect_tags(&c, s);
	keeper = f->func->is_static &&
		 (c.handles || f->u->content_reads[f->index] || s->nr_tags);
	if (f->u->made_wanted)
		collect_made(&c, s);
	for (i = 0; i < c.nr_calls; i++)
		collect_call(&c, s, c.calls[i]);
	for (i = 0; i < c.nr_callbacks; i++)
		collect_callback(&c, s, c.callbacks[i]);
	if (c.address_of)
		collect_escapes(&c, s);
	if (keeper)
		s->lets_out = params_let_out(&c);
	collect_free(&c);
}

/*
 * A container source's initial state: RAM when its container is a
 * parameter every caller fills with RAM (decided after the summary
 * rounds), else the model's.  After engine_compute_origins(), whose
 * origins and field stores it reads; before the solver.  Marks the parameters @f reads containers
 * out of, so that the decision knows whose reports it changes.
 */
void engine_content_origins(struct func_ctx *f)
{
	struct collect c;
	unsigned int o;

	if (f->index >= f->u->nr_content)
		return;
	memset(&c, 0, sizeof(c));
	c.f = f;
	for (o = 0; o < f->nr_origins; o++) {
		struct origin *org = &f->origins[o];
		const struct model_entry *e;
		struct roots r;
		int v;

		if (!org->held || !(e = held_source(f, org->insn)))
			continue;
		v = container_value(org->insn, e);
		if (v == IR_NONE)
			continue;
		if (!c.mark)
			c.mark = xcalloc(f->func->nr_values + 1, sizeof(*c.mark));
		r = roots_of(&c, v);
		if (r.other || r.nr_objects || r.param < 0 || r.param >= PROV_MAX_PARAMS)
			continue;
		f->u->content_reads[f->index] |= UINT32_C(1) << r.param;
		if (f->u->content_ram[f->index] & (UINT32_C(1) << r.param)) {
			const struct model_entry *made = made_by(f->u, f->index,
								 (unsigned int)r.param);

			org->initial = prov_make(PROV_KMAP);
			org->source = made ? made->maker : "a container its callers fill with RAM";
		}
	}
	free(c.mark);
}

/* ---------------------------------------------------------- decision */

struct decision {
	struct unit_ctx *u;
	uint32_t *keeps;	/* by function: parameters kept in sight */
	bool *escaped;		/* by function: its address goes elsewhere */
};

static bool may_decide(const struct decision *d, unsigned int fn)
{
	const struct ir_func *func = d->u->unit->funcs[fn];

	return d->u->defined[fn] && func->is_static && !func->nr_roles && !d->escaped[fn];
}

static bool keeps(const struct decision *d, int fn, unsigned int arg)
{
	return arg < PROV_MAX_PARAMS && (d->keeps[fn] & (UINT32_C(1) << arg));
}

/* Greatest fixed point: a parameter handed only to functions that keep
 * it (recursion among them too) is kept. */
static void decide_keeps(struct decision *d)
{
	struct unit_ctx *u = d->u;
	bool changed = true;
	unsigned int g, i;

	for (g = 0; g < u->nr_content; g++)
		if (u->defined[g] && u->unit->funcs[g]->is_static)
			d->keeps[g] = ~u->content_sites[g].lets_out;
	while (changed) {
		changed = false;
		for (g = 0; g < u->nr_content; g++) {
			const struct content_sites *s = &u->content_sites[g];

			for (i = 0; i < s->nr; i++) {
				const struct content_site *site = &s->v[i];
				uint32_t bit;

				if (site->holds < 0 || site->holds >= PROV_MAX_PARAMS)
					continue;
				bit = UINT32_C(1) << site->holds;
				if ((d->keeps[g] & bit) && !keeps(d, site->callee, site->arg)) {
					d->keeps[g] &= ~bit;
					changed = true;
				}
			}
		}
	}
}

/* Whether every function the container built at @object goes to in @g
 * keeps it. */
static bool object_kept(const struct decision *d, unsigned int g, int object)
{
	const struct content_sites *s = &d->u->content_sites[g];
	unsigned int i;

	for (i = 0; i < s->nr; i++)
		if (s->v[i].object == object && !keeps(d, s->v[i].callee, s->v[i].arg))
			return false;
	return true;
}

/* The model's `madeby` for parameter @arg of @fn: a handle its maker
 * made, whatever the callers. */
static const struct model_entry *made_by(const struct unit_ctx *u, unsigned int fn,
					 unsigned int arg)
{
	const struct model_entry *e;

	for (e = model_find(u->model, MODEL_MADE_BY, u->unit->funcs[fn]->name, NULL); e;
	     e = model_find(u->model, MODEL_MADE_BY, u->unit->funcs[fn]->name, e))
		if (e->arg == arg + 1)
			return e;
	return NULL;
}

static bool site_holds_ram(const struct decision *d, unsigned int g,
			   const struct content_site *site)
{
	if (site->holds == HOLDS_RAM)
		return object_kept(d, g, site->object);
	return site->holds >= 0 && site->holds < PROV_MAX_PARAMS &&
	       (may_decide(d, g) || made_by(d->u, g, (unsigned int)site->holds)) &&
	       (d->u->content_ram[g] & (UINT32_C(1) << site->holds));
}

/* Whether every value @fn makes at @where is RAM, as far as known, when
 * its arguments @given are RAM; static helpers followed @depth deep. */
static bool made_holds(const struct unit_ctx *u, unsigned int fn, unsigned int where,
		       uint32_t given, unsigned int depth)
{
	const struct content_sites *s = &u->content_sites[fn];
	unsigned int i;
	bool any = false;

	for (i = 0; i < s->nr_made; i++) {
		const struct made_site *m = &s->made[i];

		if (m->where != where)
			continue;
		any = true;
		if (m->holds == MADE_RAM && !(m->needs & ~given))
			continue;
		if (m->holds < 0 || (unsigned int)m->holds >= u->nr_content ||
		    depth >= MADE_DEPTH ||
		    !made_holds(u, (unsigned int)m->holds, m->callee_where, m->ram_args,
				depth + 1))
			return false;
	}
	return any;
}

/* Whether the maker @e names made RAM: a function of the unit's, or one
 * the model says `holdsram` of. */
static bool maker_made_ram(const struct unit_ctx *u, const struct model_entry *e)
{
	int maker = engine_find_func(u, e->maker);

	if (maker >= 0 && (unsigned int)maker < u->nr_content && u->defined[maker])
		return made_holds(u, (unsigned int)maker, e->where, 0, 0);
	return model_holds_ram(u->model, e->maker, e->where);
}

/* Whether every site of @fn's parameter @arg passes RAM. */
static bool sites_hold_ram(const struct decision *d, unsigned int fn, unsigned int arg)
{
	const struct unit_ctx *u = d->u;
	unsigned int g, i;
	bool any = false;

	for (g = 0; g < u->nr_content; g++) {
		const struct content_sites *s = &u->content_sites[g];

		for (i = 0; i < s->nr; i++) {
			const struct content_site *site = &s->v[i];

			if (site->callee != (int)fn || site->arg != arg)
				continue;
			any = true;
			if (!site_holds_ram(d, g, site))
				return false;
		}
	}
	return any;
}

/* Whether pointers to the own struct @record go out of the unit. */
static bool record_escapes(const struct unit_ctx *u, const char *record)
{
	unsigned int g, i;

	for (g = 0; g < u->nr_content; g++)
		for (i = 0; i < u->content_sites[g].nr_escapes; i++)
			if (same_record(u->content_sites[g].escapes[i], record))
				return true;
	return false;
}

/*
 * Whether the containers @reader reads its tag out of hold RAM: each
 * store of such a tag in the unit puts it into a container that does.
 * Only the unit can make a pointer to its own struct, and the pointers
 * do not leave it, so a container that holds one in the field got it
 * from one of these stores (a copy of the field made elsewhere, as a
 * clone of the container, is not followed).
 */
static bool tag_holds_ram(const struct decision *d, const struct content_tag *reader)
{
	const struct unit_ctx *u = d->u;
	unsigned int g, i;
	bool any = false;

	if (record_escapes(u, reader->record))
		return false;
	for (g = 0; g < u->nr_content; g++) {
		const struct content_sites *s = &u->content_sites[g];

		for (i = 0; i < s->nr_tags; i++) {
			const struct content_tag *t = &s->tags[i];
			struct content_site site = { -1, 0, t->holds, t->object };

			if (t->param >= 0 || strcmp(t->field, reader->field) ||
			    !same_record(t->record, reader->record))
				continue;
			any = true;
			if (!site_holds_ram(d, g, &site))
				return false;
		}
	}
	return any;
}

/* Whether @fn reads a tag out of parameter @arg whose stores hold RAM. */
static bool tagged_ram(const struct decision *d, unsigned int fn, unsigned int arg)
{
	const struct content_sites *s = &d->u->content_sites[fn];
	unsigned int i;

	for (i = 0; i < s->nr_tags; i++)
		if (s->tags[i].param == (int)arg && tag_holds_ram(d, &s->tags[i]))
			return true;
	return false;
}

static void find_escapes(struct decision *d)
{
	const struct unit_ctx *u = d->u;
	unsigned int g, i;

	for (g = 0; g < u->nr_content; g++)
		for (i = 0; i < u->content_sites[g].nr; i++)
			if (u->content_sites[g].v[i].holds == ADDRESS_ESCAPES)
				d->escaped[u->content_sites[g].v[i].callee] = true;
}

/* Least fixed point: a parameter handed on by a caller's own parameter
 * is RAM once that one is, so recursion alone proves nothing. */
static bool decide_ram(struct decision *d)
{
	struct unit_ctx *u = d->u;
	bool grew = true, any = false;
	unsigned int fn, arg;

	while (grew) {
		grew = false;
		for (fn = 0; fn < u->nr_content; fn++) {
			if (!may_decide(d, fn) && !u->made_wanted &&
			    !u->content_sites[fn].nr_tags)
				continue;
			for (arg = 0; arg < u->unit->funcs[fn]->nr_params &&
			     arg < PROV_MAX_PARAMS; arg++) {
				const struct model_entry *e = made_by(u, fn, arg);
				uint32_t bit = UINT32_C(1) << arg;

				if (u->content_ram[fn] & bit)
					continue;
				/* a handle: what its maker made, the API says;
				 * a tagged container: what the tag's stores
				 * put it in, whoever the callers */
				if (e ? !maker_made_ram(u, e) :
				    !keeps(d, fn, arg) ||
				    !((may_decide(d, fn) && sites_hold_ram(d, fn, arg)) ||
				      tagged_ram(d, fn, arg)))
					continue;
				u->content_ram[fn] |= bit;
				grew = true;
				any |= (u->content_reads[fn] & bit) != 0;
			}
		}
	}
	return any;
}

/*
 * After the summary rounds: which static functions' parameters every
 * caller fills with RAM.  Returns whether a parameter a container is read
 * out of became RAM: those functions are analysed anew.  A unit that
 * reads no container out of a parameter has nothing to decide.
 */
bool engine_content_decide(struct unit_ctx *u)
{
	struct decision d = { u, NULL, NULL };
	unsigned int fn;
	bool any = false, reads = false;

	for (fn = 0; fn < u->nr_content && !reads; fn++)
		reads = u->content_reads[fn] != 0;
	if (!reads)
		return false;
	d.keeps = xcalloc(u->nr_content + 1, sizeof(*d.keeps));
	d.escaped = xcalloc(u->nr_content + 1, sizeof(*d.escaped));
	find_escapes(&d);
	decide_keeps(&d);
	any = decide_ram(&d);
	free(d.keeps);
	free(d.escaped);
	return any;
}

void engine_content_init(struct unit_ctx *u)
{
	unsigned int i;

	u->nr_content = u->unit->nr_funcs;
	u->content_sites = xcalloc(u->nr_content + 1, sizeof(*u->content_sites));
	u->content_ram = xcalloc(u->nr_content + 1, sizeof(*u->content_ram));
	u->content_reads = xcalloc(u->nr_content + 1, sizeof(*u->content_reads));
	for (i = 0; i < u->nr_content && !u->made_wanted; i++)
		u->made_wanted = u->defined[i] &&
				 model_find(u->model, MODEL_MADE_BY, u->unit->funcs[i]->name, NULL);
}

void engine_content_free(struct unit_ctx *u)
{
	unsigned int i;

	for (i = 0; i < u->nr_content; i++) {
		free(u->content_sites[i].v);
		free(u->content_sites[i].made);
		tags_clear(&u->content_sites[i]);
		free(u->content_sites[i].tags);
		free(u->content_sites[i].escapes);
	}
	free(u->content_sites);
	free(u->content_ram);
	free(u->content_reads);
}

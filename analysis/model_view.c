// SPDX-License-Identifier: GPL-2.0
/*
 * The model, as the engine and the front ends ask it: which calls it
 * speaks for, the flags a front end must resolve, what a parameter or a
 * sink argument is declared to be.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

bool engine_models_call(const struct model *model, const char *name)
{
	static const unsigned int speaking =
		1u << MODEL_SOURCE | 1u << MODEL_CONVERT | 1u << MODEL_SINK |
		1u << MODEL_GUARD | 1u << MODEL_ASSERT | 1u << MODEL_NO_PROOF;

	return name && model_has_any(model, name, speaking);
}

struct flag_walk {
	engine_name_fn fn;
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

void engine_for_each_flag(const struct model *model, engine_name_fn fn, void *ctx)
{
	struct flag_walk w = { fn, ctx };

	model_for_each(model, MODEL_FLAG, visit_flag, &w);
	model_for_each(model, MODEL_ASSERT, visit_assert_flag, &w);
	model_for_each(model, MODEL_GUARD, visit_guard_const, &w);
}

/*
 * Where each check is born (analysis/checks/): phys-kmap and phys-mmio at
 * a sink or a `phys + linearmap` sum, phys-attr at a call that maps with
 * attrs, phys-requires at a call whose callee needs RAM (which a sink
 * under it, an annotation or the database says), phys-annotation at the
 * return of an annotated function.  So these names, with annotations and
 * the database, are all a finding can start from: a check that can be
 * born elsewhere must add its names here.
 */
void engine_for_each_trigger(const struct model *model, engine_name_fn fn, void *ctx)
{
	struct flag_walk w = { fn, ctx };

	model_for_each(model, MODEL_SINK, visit_flag, &w);
	model_for_each(model, MODEL_ATTRS, visit_flag, &w);
	model_for_each(model, MODEL_LINEARMAP, visit_flag, &w);
}

bool engine_flag_value(const struct ir_unit *unit, const char *name, uint64_t *value)
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
const struct model_entry *engine_param_entry(const struct func_ctx *f, unsigned int index)
{
	const struct model_entry *e;
	unsigned int r;

	if (f->pure)
		return NULL;
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

/* A sink the model names is checked as such, not again as a callee. */
bool engine_arg_is_modelled_sink(const struct func_ctx *f, const char *name, unsigned int i)
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
const char *engine_kmappable_because(const struct func_ctx *f, const char *name,
				     int callee, unsigned int i)
{
	const struct ir_func *c = f->u->unit->funcs[callee];

	if (i < c->nr_params && c->params[i].annotation == PROV_KMAP)
		return "that parameter is annotated kmappable";
	if (i < PROV_MAX_PARAMS &&
	    (f->u->summaries[callee].requires & (UINT32_C(1) << i)) &&
	    !engine_arg_is_modelled_sink(f, name, i))
		return "";
	return NULL;
}

/* The flag a requirement's condition names (DMA_ATTR_MMIO), for words. */
const char *engine_condition_flag(const struct unit_ctx *u)
{
	unsigned int i;

	for (i = 0; i < u->unit->nr_flags; i++)
		if (model_find(u->model, MODEL_FLAG, u->unit->flags[i].name, NULL))
			return u->unit->flags[i].name;
	return "the attrs flag";
}

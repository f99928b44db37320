// SPDX-License-Identifier: GPL-2.0
/*
 * Events of the replay, and what each adds to the function's summary: a
 * parameter that reaches a sink unproven, or a callee's parameter that
 * must be kmappable, makes "parameter N must be kmappable"; a return adds
 * to what the function returns.  When the function is replayed to
 * report, the checks' hooks then look at the same event (checks.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks/check.h"
#include "xalloc.h"

#define MODEL_WHOLE	(1u << MODEL_SINK | 1u << MODEL_SOURCE | 1u << MODEL_CONVERT | \
			 1u << MODEL_GUARD | 1u << MODEL_NO_PROOF)

/*
 * Which attrs parameter's flag test keeps this point from the callers
 * whose attrs carry the flag: 1 + its index, or 0.  A parameter a flag
 * test refined (refine.c) is attrs, and KMAP here says the flag is clear
 * on every path that reaches it (DMA_ATTR_MMIO false: RAM).
 */
static int flag_condition(const struct func_ctx *f, const struct prov *state)
{
	unsigned int o;

	if (!f->flag_params)
		return 0;
	for (o = 0; o < f->nr_origins; o++) {
		int j = f->origins[o].param;

		if (j >= 0 && j < PROV_MAX_PARAMS &&
		    (f->flag_params & (UINT32_C(1) << j)) &&
		    state[o].state == PROV_KMAP && !state[o].params)
			return j + 1;
	}
	return 0;
}

/* Parameters @p of this function must be kmappable, unless parameter
 * @unless - 1 carries the flag; two paths with different conditions, or
 * one without, make it unconditional. */
static void require_param(struct func_ctx *f, struct prov p, struct diag_loc loc,
			  const char *sink, unsigned int arg, int unless)
{
	struct summary *s = f->self;
	unsigned int i;

	for (i = 0; i < PROV_MAX_PARAMS; i++) {
		if (!(p.params & (UINT32_C(1) << i)))
			continue;
		if (s->requires & (UINT32_C(1) << i)) {
			if (s->require_unless[i] != unless)
				s->require_unless[i] = 0;
			continue;
		}
		s->requires |= UINT32_C(1) << i;
		s->require_loc[i] = loc;
		s->require_sink[i] = sink;
		s->require_arg[i] = (uint8_t)arg;
		s->require_unless[i] = (int8_t)unless;
	}
}

/* Argument e->arg of @call reaches the sink @e. */
static void sink_reached(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *call, const struct model_entry *e)
{
	struct sink_event ev = { call, e, call->operands[e->arg - 1], { 0, 0 } };

	if (e->address_only && call->value >= 0 && !f->used[call->value])
		return;		/* an address computed, never used */
	ev.prov = engine_value_prov(f, state, ev.value);
	if (!(ev.prov.state & PROV_MMIO)) {
		require_param(f, ev.prov, call->loc, call->name, e->arg - 1,
			      flag_condition(f, state));
		return;
	}
	if (f->report)
		checks_on_sink(f, state, &ev);
}

static const struct model_entry va_sink = {
	.directive = MODEL_SINK, .name = "__va", .arg = 1, .kind = KIND_PHYS,
	.address_only = true, .harm = HARM_ADDRESS,
};

/* `phys + PAGE_OFFSET` written out (the __va() macro) maps like phys_to_virt(). */
void engine_event_arith(struct func_ctx *f, const struct prov *state,
			const struct ir_insn *insn)
{
	struct ir_insn as_call = *insn;
	int phys = engine_va_shape_operand(f, insn);

	if (phys == IR_NONE)
		return;
	as_call.op = IR_CALL;
	as_call.name = va_sink.name;
	as_call.operands = &phys;
	as_call.nr_operands = 1;
	sink_reached(f, state, &as_call, &va_sink);
}

/*
 * The condition a callee's requirement keeps here: lifted where the
 * attrs argument it names carries the flag (-1: never required), the
 * caller's own attrs parameter where they come from it, else whatever
 * this path's own flag test says.
 */
static int callee_condition(struct func_ctx *f, const struct prov *state,
			    const struct ir_insn *call, unsigned int arg, int unless)
{
	struct attrs_use use = { arg, unless - 1, call->name };
	struct prov claim;
	unsigned int j;

	if (unless > 0 && (unsigned int)unless <= call->nr_operands &&
	    call->operands[unless - 1] != IR_NONE) {
		claim = engine_attrs_claim(f, state, call, &use, NULL);
		if (claim.state == PROV_MMIO && !claim.params)
			return -1;
		for (j = 0; j < PROV_MAX_PARAMS; j++)
			if (claim.params == UINT32_C(1) << j && !claim.state)
				return (int)j + 1;
	}
	return flag_condition(f, state);
}

/* A callee's need passed on: what this function hands it unproven. */
static void require_args(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *call, int callee)
{
	const struct summary *s = &f->u->summaries[callee];
	unsigned int i;

	for (i = 0; i < call->nr_operands; i++) {
		struct prov p;
		int unless = 0;

		if (!engine_kmappable_because(f, call->name, callee, i))
			continue;
		p = engine_value_prov(f, state, call->operands[i]);
		if (p.state & PROV_MMIO)
			continue;
		if (i < PROV_MAX_PARAMS && (s->requires & (UINT32_C(1) << i)))
			unless = callee_condition(f, state, call, i, s->require_unless[i]);
		if (unless >= 0)
			require_param(f, p, call->loc, call->name, i, unless);
	}
}

/*
 * A phys of this function's parameters mapped with attrs: the summary
 * says which of its parameters must then say what it is ("parameter N
 * must be RAM unless parameter M carries DMA_ATTR_MMIO"), for phys-attr
 * at the calls.  Attrs this function decides itself make it RAM (or
 * MMIO) whatever the caller passes.
 */
static void record_attrs_use(struct func_ctx *f, const struct ir_insn *call,
			     const struct attrs_use *use, void *ctx)
{
	const struct prov *state = ctx;
	struct prov p = engine_value_prov(f, state, call->operands[use->phys]);
	struct prov claim = engine_attrs_claim(f, state, call, use, NULL);
	int says = ATTRS_NONE;
	unsigned int i, j;

	if (!p.params || (p.state & PROV_MMIO))
		return;
	for (j = 0; j < PROV_MAX_PARAMS; j++)
		if (claim.params == UINT32_C(1) << j)
			says = (int)j + 1;	/* the caller's attrs decide */
	if (!claim.params && claim.state == PROV_KMAP)
		says = ATTRS_CLEAR;
	else if (!claim.params && claim.state == PROV_MMIO)
		says = ATTRS_SET;
	for (i = 0; says != ATTRS_NONE && i < PROV_MAX_PARAMS; i++) {
		if (!(p.params & (UINT32_C(1) << i)) || f->self->attrs_of[i] != ATTRS_NONE)
			continue;
		f->self->attrs_of[i] = (int8_t)says;
		f->self->attrs_loc[i] = call->loc;
		f->self->attrs_callee[i] = use->where;
	}
}

void engine_event_return(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *ret)
{
	if (!ret->nr_operands || ret->operands[0] == IR_NONE)
		return;
	f->self->ret = prov_join(f->self->ret,
				 engine_value_prov(f, state, ret->operands[0]));
	if (f->report)
		checks_on_return(f, state, ret);
}

/* The pass of @call in @f's summary, merged with one of the same call
 * from another replay of it. */
static struct extern_pass *pass_of(struct func_ctx *f, const struct ir_insn *call)
{
	struct summary *s = f->self;
	struct extern_pass *pass;
	unsigned int i;

	for (i = 0; i < s->nr_passes; i++)
		if (s->passes[i].loc.line == call->loc.line &&
		    s->passes[i].loc.col == call->loc.col &&
		    !strcmp(s->passes[i].callee, call->name))
			return &s->passes[i];
	s->passes = pc_xrealloc(s->passes, (s->nr_passes + 1) * sizeof(*s->passes));
	pass = &s->passes[s->nr_passes++];
	memset(pass, 0, sizeof(*pass));
	pass->callee = call->name;
	pass->loc = call->loc;
	pass->unless = -1;
	return pass;
}

/*
 * A call to a function of another unit, for the facts: which of this
 * function's parameters each argument carries unproven, what each says
 * as attrs, and the condition this path's own flag test puts on it.
 */
static void record_pass(struct func_ctx *f, const struct prov *state,
			const struct ir_insn *call)
{
	struct extern_pass *pass = NULL;
	unsigned int i, n = call->nr_operands;
	int unless;

	if (n > PROV_MAX_PARAMS)
		n = PROV_MAX_PARAMS;
	for (i = 0; i < n && !pass; i++) {
		struct prov p = engine_value_prov(f, state, call->operands[i]);

		if (call->operands[i] != IR_NONE && p.params && !(p.state & PROV_MMIO))
			pass = pass_of(f, call);
	}
	if (!pass)
		return;
	unless = flag_condition(f, state);
	pass->unless = pass->unless < 0 || pass->unless == unless ? unless : 0;
	pass->nr_args = n;
	for (i = 0; i < n; i++) {
		struct prov p;

		if (call->operands[i] == IR_NONE)
			continue;
		p = engine_value_prov(f, state, call->operands[i]);
		if (!(p.state & PROV_MMIO))
			pass->params[i] |= p.params;
		pass->claim[i] = prov_join(pass->claim[i],
					   engine_shallow_claim(f, state, call->operands[i]));
	}
}

void engine_event_call(struct func_ctx *f, const struct prov *state,
		       const struct ir_insn *call)
{
	const struct model_entry *e;
	int callee;

	if (!call->name || engine_shadowed(f, call))
		return;
	for (e = model_find(f->u->model, MODEL_SINK, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_SINK, call->name, e))
		if (e->arg <= call->nr_operands && call->operands[e->arg - 1] != IR_NONE)
			sink_reached(f, state, call, e);
	callee = engine_find_func(f->u, call->name);
	if (callee == (int)f->index)
		callee = -1;	/* recursion: its own summary is being made */
	if (callee >= 0)
		require_args(f, state, call, callee);
	/* every call, this unit's functions too: a static one's calls into
	 * other units are only in its own facts; an inlined one's body is
	 * this function's; one the model tells all of (a sink, a source, a
	 * conversion, a guard) needs none */
	if (f->u->io.want_facts && (f->report || f->pure) && !call->inlined &&
	    !model_has_any(f->u->model, call->name, MODEL_WHOLE))
		record_pass(f, state, call);
	engine_for_each_attrs_use(f, call, callee, record_attrs_use, (void *)state);
	if (!f->report)
		return;
	checks_on_call(f, state, call, callee);
	if (callee >= 0)
		engine_replay_deferred(f, call, callee);
}

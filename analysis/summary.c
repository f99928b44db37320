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

/* Argument e->arg of @call reaches the sink @e. */
static void sink_reached(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *call, const struct model_entry *e)
{
	struct sink_event ev = { call, e, call->operands[e->arg - 1], { 0, 0 } };

	if (e->address_only && call->value >= 0 && !f->used[call->value])
		return;		/* an address computed, never used */
	ev.prov = engine_value_prov(f, state, ev.value);
	if (!(ev.prov.state & PROV_MMIO)) {
		require_param(f, ev.prov, call->loc, call->name);
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

/* A callee's need passed on: what this function hands it unproven. */
static void require_args(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *call, int callee)
{
	unsigned int i;

	for (i = 0; i < call->nr_operands; i++) {
		struct prov p;

		if (!engine_kmappable_because(f, call->name, callee, i))
			continue;
		p = engine_value_prov(f, state, call->operands[i]);
		if (!(p.state & PROV_MMIO))
			require_param(f, p, call->loc, call->name);
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
	engine_for_each_attrs_use(f, call, callee, record_attrs_use, (void *)state);
	if (!f->report)
		return;
	checks_on_call(f, state, call, callee);
	if (callee >= 0)
		engine_replay_deferred(f, call, callee);
}

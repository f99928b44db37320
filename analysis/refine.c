// SPDX-License-Identifier: GPL-2.0
/*
 * Refinement: what a branch edge proves (a guard's result, `attrs & FLAG`,
 * `result == NAME`, a switch case), what a call states about its argument
 * (the model's asserts), and which conditions are constant.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

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
		    engine_flag_value(f->u->unit, e->when_const, &value) &&
		    equality(edge, (int64_t)value) == (int)e->when)
			refine_value(f, state, call->operands[e->arg - 1], e->state);
}

/* `attrs & FLAG` decided: refine what the attrs parameter describes, and
 * the parameter's own claim. */
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
				/* and what the attrs themselves say here (attrs.c) */
				state[o] = prov_refine(state[o], e->state);
				if (f->origins[o].param < PROV_MAX_PARAMS)
					f->flag_params |= UINT32_C(1) << f->origins[o].param;
			}
		}
	}
}

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
				    !strcmp(insn->name, function) && !engine_shadowed(f, insn);

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
			return def->name && !engine_shadowed(f, def) ? def : NULL;
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

void engine_refine_branch(struct func_ctx *f, struct prov *state, int v,
			  bool taken, unsigned int depth)
{
	const struct ir_insn *def;

	if (v == IR_NONE || v >= (int)f->func->nr_values || depth > 8)
		return;
	def = f->def[v];
	if (!def)
		return;
	if (engine_shadowed(f, def)) {
		const struct ir_insn *call;
		int64_t c;

		if (engine_const_value(f, v, &c, 0) && (call = folded_guard_call(f, def))) {
			refine_by_guard(f, state, call, taken);
			return;
		}
	}
	switch (def->op) {
	case IR_NOT:
		if (def->nr_operands)
			engine_refine_branch(f, state, def->operands[0], !taken, depth + 1);
		break;
	case IR_ARITH:
		/* a cast or `x != 0` of a condition is the condition */
		if (def->nr_operands == 1) {
			engine_refine_branch(f, state, def->operands[0], taken, depth + 1);
		} else if ((def->arith == IR_ARITH_AND && taken) ||
			   (def->arith == IR_ARITH_OR && !taken)) {
			/* a & b non-zero: both are; a | b zero: both are
			 * (sparse computes side-effect-free && and || so) */
			unsigned int i;

			for (i = 0; i < def->nr_operands; i++)
				engine_refine_branch(f, state, def->operands[i], taken, depth + 1);
		}
		break;
	case IR_CALL:
		if (def->name && !engine_shadowed(f, def))
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
	if (!def || def->op != IR_CONST || !engine_flag_value(f->u->unit, flag, &value))
		return false;
	return ((uint64_t)def->constant & value) != 0;
}

/* Calls that state what their argument is (dma_map_resource: MMIO). */
void engine_apply_asserts(struct func_ctx *f, struct prov *state,
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

/*
 * The constant a condition always has, if it has one: a guard written
 * `if (!dev_is_dma_coherent(dev))` is dead code where the inline returns
 * true (x86), and physcheck must not report what cannot run.
 */
bool engine_const_value(const struct func_ctx *f, int v, int64_t *c, unsigned int depth)
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
		if (!def->nr_operands || !engine_const_value(f, def->operands[0], &x, depth + 1))
			return false;
		*c = !x;
		return true;
	case IR_ARITH:
		if (def->nr_operands == 2 &&
		    (def->arith == IR_ARITH_AND || def->arith == IR_ARITH_OR)) {
			/* a && b with a constant false a is false, and so on */
			for (i = 0; i < 2; i++) {
				if (engine_const_value(f, def->operands[i], &x, depth + 1) &&
				    (x != 0) == (def->arith == IR_ARITH_OR)) {
					*c = x != 0;
					return true;
				}
			}
			return false;
		}
		if (def->nr_operands != 1 || !engine_const_value(f, def->operands[0], &x, depth + 1))
			return false;
		*c = x != 0;	/* a cast of a condition, or x != 0 */
		return true;
	case IR_PHI:
		for (i = 0; i < def->nr_operands; i++) {
			if (!engine_const_value(f, def->operands[i], &x, depth + 1))
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
void engine_refine_switch(struct func_ctx *f, struct prov *state,
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

/* Whether block @to can be reached from block @from. */
static bool reaches(const struct func_ctx *f, int from, int to)
{
	bool *seen = pc_xcalloc(f->func->nr_blocks + 1, sizeof(bool));
	int *stack = pc_xcalloc(f->func->nr_blocks + 1, sizeof(int));
	unsigned int top = 0, k;
	bool found = from == to;

	stack[top++] = from;
	seen[from] = true;
	while (top && !found) {
		const struct ir_block *blk = f->func->blocks[stack[--top]];

		for (k = 0; k < blk->nr_succs; k++) {
			int s = blk->succs[k];

			found |= s == to;
			if (!seen[s]) {
				seen[s] = true;
				stack[top++] = s;
			}
		}
	}
	free(seen);
	free(stack);
	return found;
}

/* The call a branch condition tests, through casts and `!`; @holds is
 * the branch's successor number where the call's result is non-zero. */
static const struct ir_insn *tested_call(const struct func_ctx *f, int v, unsigned int *holds)
{
	unsigned int depth;

	*holds = 0;
	for (depth = 0; depth < 8 && v >= 0 && v < (int)f->func->nr_values; depth++) {
		const struct ir_insn *def = f->def[v];

		if (!def || !def->nr_operands)
			return NULL;
		if (def->op == IR_CALL)
			return def->name && !engine_shadowed(f, def) ? def : NULL;
		if (def->op == IR_NOT)
			*holds = !*holds;
		else if (def->op != IR_ARITH || def->nr_operands != 1)
			return NULL;
		v = def->operands[0];
	}
	return NULL;
}

/*
 * Where the code took a test the model says proves nothing (pfn_valid())
 * for a guard of @v before the sink @at, a finding says so: @at is
 * reached where the test holds and not where it fails.
 */
void engine_note_no_proof(const struct func_ctx *f, struct finding *fd, int v, int at)
{
	unsigned int b, o, holds;

	for (b = 0; at >= 0 && b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];
		const struct ir_insn *term = blk->nr_insns ? blk->insns[blk->nr_insns - 1] : NULL;
		const struct ir_insn *call;
		const struct model_entry *e;

		if (!term || term->op != IR_BR || blk->nr_succs != 2 || !term->nr_operands)
			continue;
		call = tested_call(f, term->operands[0], &holds);
		e = call ? model_find(f->u->model, MODEL_NO_PROOF, call->name, NULL) : NULL;
		if (!e || e->arg > call->nr_operands ||
		    !reaches(f, blk->succs[holds], at) || reaches(f, blk->succs[!holds], at))
			continue;
		for (o = 0; o < f->nr_origins; o++) {
			if (engine_value_has_origin(f, v, o) &&
			    engine_value_has_origin(f, call->operands[e->arg - 1], o)) {
				finding_note(fd, call->loc, "%s() does not tell RAM from MMIO",
					     call->name);
				return;
			}
		}
	}
}

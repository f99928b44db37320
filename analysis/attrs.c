// SPDX-License-Identifier: GPL-2.0
/*
 * What attrs say about the memory they map.  The model's `flag` lines
 * give the words: DMA_ATTR_MMIO set says MMIO, clear says RAM.  A claim
 * is a lattice value like a phys's: KMAP (the flag is clear on every
 * path), MMIO (set on every path), MAYBE (either), NONE (nothing known:
 * a value no flag decides), and the attrs parameters it comes from
 * unchanged, which each caller decides.
 *
 * The phys and its attrs are often decided together, on one path
 * (`if (is_pci_p2pdma_page(page)) attrs |= DMA_ATTR_MMIO;`), and the
 * join of the paths says nothing of either.  So a claim and a phys can
 * also be taken on one incoming edge of the block where the paths meet,
 * a phi standing for its operand from that edge.
 */
#include <string.h>

#include "context.h"

#define MAX_DEPTH 12

/* Calls of @call's callee that take a phys with the attrs that say what
 * it is: the model's `attrs` lines, and a unit function's summary. */
void engine_for_each_attrs_use(struct func_ctx *f, const struct ir_insn *call,
			       int callee, attrs_use_fn fn, void *ctx)
{
	const struct model_entry *e;
	struct attrs_use use;
	unsigned int i;

	for (e = model_find(f->u->model, MODEL_ATTRS, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_ATTRS, call->name, e)) {
		if (e->arg > call->nr_operands || e->cond_arg > call->nr_operands)
			continue;
		use.phys = e->arg - 1;
		use.attrs = (int)e->cond_arg - 1;
		use.where = call->name;
		fn(f, call, &use, ctx);
	}
	if (callee < 0)
		return;
	for (i = 0; i < call->nr_operands && i < PROV_MAX_PARAMS; i++) {
		int a = f->u->summaries[callee].attrs_of[i];

		if (a == ATTRS_NONE || (a > 0 && (unsigned int)a > call->nr_operands))
			continue;
		use.phys = i;
		use.attrs = a > 0 ? a - 1 : a;
		use.where = f->u->summaries[callee].attrs_callee[i];
		fn(f, call, &use, ctx);
	}
}

/* What a constant attrs says, by the model's flags; NONE if no flag of
 * the model is known in this unit. */
static struct prov const_claim(const struct func_ctx *f, int64_t c)
{
	const struct ir_unit *unit = f->u->unit;
	struct prov claim = prov_make(PROV_NONE);
	unsigned int i;

	for (i = 0; i < unit->nr_flags; i++) {
		const struct model_entry *e;
		bool set = ((uint64_t)c & unit->flags[i].value) != 0;

		for (e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, NULL); e;
		     e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, e))
			if (e->when == set && !e->weak)
				claim = prov_join(claim, prov_make(e->state));
	}
	return claim;
}

/*
 * What a flag the operation decides says, whatever x says; NONE if it
 * decides none.  `x | c` (@set) decides the flags @bits set, `x & mask`
 * (!@set) the flags @bits (the mask) clears.
 */
static struct prov decided_by(const struct func_ctx *f, int64_t bits, bool set)
{
	const struct ir_unit *unit = f->u->unit;
	unsigned int i;

	for (i = 0; i < unit->nr_flags; i++) {
		const struct model_entry *e;

		if ((((uint64_t)bits & unit->flags[i].value) != 0) != set)
			continue;
		for (e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, NULL); e;
		     e = model_find(f->u->model, MODEL_FLAG, unit->flags[i].name, e))
			if (e->when == set && !e->weak)
				return prov_make(e->state);
	}
	return prov_make(PROV_NONE);
}

static bool const_of(const struct func_ctx *f, int v, int64_t *c)
{
	const struct ir_insn *def = v >= 0 && v < (int)f->func->nr_values ? f->def[v] : NULL;

	if (!def || def->op != IR_CONST)
		return false;
	*c = def->constant;
	return true;
}

/* The operand of phi @def that comes in from @edge's predecessor, or -1
 * when @def is not a phi of the edge's block or its front end did not say. */
static int edge_operand(const struct func_ctx *f, const struct ir_insn *def,
			const struct path_edge *edge)
{
	unsigned int k;

	if (!edge || def->op != IR_PHI || !def->operand_blocks ||
	    f->def_block[def->value] != edge->join)
		return -1;
	for (k = 0; k < def->nr_operands; k++)
		if (def->operand_blocks[k] == edge->pred)
			return (int)k;
	return -1;
}

static struct prov claim_of(const struct func_ctx *f, const struct prov *state, int v,
			    const struct path_edge *edge, unsigned int depth)
{
	const struct ir_insn *def;
	struct prov claim = prov_make(PROV_NONE);
	unsigned int k;
	int64_t c;
	int from;

	if (v < 0 || v >= (int)f->func->nr_values || depth > MAX_DEPTH || !(def = f->def[v]))
		return claim;
	switch (def->op) {
	case IR_CONST:
		return const_claim(f, def->constant);
	case IR_PARAM:
		/* what flag tests on the way proved, or the parameter */
		return f->value_origin[v] >= 0 ? state[f->value_origin[v]] : claim;
	case IR_PHI:
		from = edge_operand(f, def, edge);
		if (from >= 0)
			return claim_of(f, state, def->operands[from], edge, depth + 1);
		if (edge && f->def_block[v] == edge->join)
			return claim;	/* which operand is this path's: unknown */
		for (k = 0; k < def->nr_operands; k++)
			claim = prov_join(claim, claim_of(f, state, def->operands[k], edge,
							  depth + 1));
		return claim;
	case IR_AND_CONST:
		claim = decided_by(f, def->constant, false);
		return claim.state ? claim : claim_of(f, state, def->operands[0], edge, depth + 1);
	case IR_ARITH:
		if (def->nr_operands == 1)
			return claim_of(f, state, def->operands[0], edge, depth + 1);
		if (def->arith != IR_ARITH_OR || def->nr_operands != 2)
			return claim;
		for (k = 0; k < 2; k++) {
			if (!const_of(f, def->operands[k], &c))
				continue;
			claim = decided_by(f, c, true);
			return claim.state ? claim :
				claim_of(f, state, def->operands[!k], edge, depth + 1);
		}
		return claim;
	default:
		return claim;
	}
}

/* What the attrs of @use at @call say, on @edge's path (NULL: joined). */
struct prov engine_attrs_claim(const struct func_ctx *f, const struct prov *state,
			       const struct ir_insn *call, const struct attrs_use *use,
			       const struct path_edge *edge)
{
	if (use->attrs == ATTRS_CLEAR)
		return prov_make(PROV_KMAP);
	if (use->attrs == ATTRS_SET)
		return prov_make(PROV_MMIO);
	return claim_of(f, state, call->operands[use->attrs], edge, 0);
}

/*
 * What @v says as attrs, from no more than three definitions deep: the
 * facts ask it of every argument of every call, and a phi's operands each
 * branch the walk (what a callee's attrs parameter gets is a constant, a
 * parameter, or one of them with a flag or'ed in).
 */
struct prov engine_shallow_claim(const struct func_ctx *f, const struct prov *state, int v)
{
	return claim_of(f, state, v, NULL, MAX_DEPTH - 2);
}

static bool set_within(const struct func_ctx *f, int a, int b)
{
	const uint64_t *sa = f->sets + (size_t)a * f->words;
	const uint64_t *sb = f->sets + (size_t)b * f->words;
	bool any = false;
	unsigned int w;

	for (w = 0; w < f->words; w++) {
		if (sa[w] & ~sb[w])
			return false;
		any |= sa[w] != 0;
	}
	return any;
}

static struct prov edge_prov(const struct func_ctx *f, const struct prov *state, int v,
			     const struct path_edge *edge, unsigned int depth)
{
	const struct ir_insn *def;
	struct prov p = prov_make(PROV_NONE);
	unsigned int k;
	int from;

	if (v < 0 || v >= (int)f->func->nr_values || !f->words)
		return p;
	def = f->def[v];
	if (!def || depth > MAX_DEPTH || f->def_block[v] < 0 || !edge->chain[f->def_block[v]])
		return engine_value_prov(f, state, v);
	from = edge_operand(f, def, edge);
	if (from >= 0)
		return edge_prov(f, state, def->operands[from], edge, depth + 1);
	if (def->op == IR_PHI)
		return engine_value_prov(f, state, v);
	/* made on this path: its own origin, and the operands it carries */
	if (f->value_origin[v] >= 0)
		p = state[f->value_origin[v]];
	for (k = 0; k < def->nr_operands; k++)
		if (def->operands[k] >= 0 && set_within(f, def->operands[k], v))
			p = prov_join(p, edge_prov(f, state, def->operands[k], edge, depth + 1));
	return p;
}

/* What is known of @v on @edge's path, a phi of the path's blocks taken
 * as its operand from that edge. */
struct prov engine_edge_prov(const struct func_ctx *f, const struct prov *state, int v,
			     const struct path_edge *edge)
{
	return edge_prov(f, state, v, edge, 0);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Flow: what an instruction, a block, a branch edge and a path of blocks
 * do to a state (one lattice value per origin).  The solver runs it to
 * a fixed point, and the replay (here) through each block once more for
 * the events; a check that needs what holds on one path, not the join of
 * all, runs it along that path (engine_path_state()).
 */
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc

/*
 * The steps are inline here, where the solver's transfer and the replay
 * take them for every instruction of every block: hundreds of thousands
 * of calls on a large unit (mm/memory.c).
 */

/* What an instruction does to @state before its event (the replay's):
 * a value that introduces an origin sets it. */
static inline void step_in(struct func_ctx *f, struct prov *state,
			   const struct ir_insn *insn)
{
	int o;

	if (insn->value == IR_NONE || insn->value >= (int)f->func->nr_values ||
	    f->value_origin[insn->value] < 0)
		return;
	o = f->value_origin[insn->value];
	/* a repeat of a source keeps what is known of it (a guard on the
	 * first sg_page(sg) covers the second), unless no path has defined
	 * it yet */
	if (f->origins[o].insn == insn || prov_is_bottom(state[o]))
		state[o] = f->origins[o].initial;
}

/* ... and after it: a call states what its argument is (an assert). */
static inline void step_out(struct func_ctx *f, struct prov *state,
			    const struct ir_insn *insn)
{
	if (insn->op == IR_CALL && insn->name && !engine_shadowed(f, insn))
		engine_apply_asserts(f, state, insn);
}

void engine_step_in(struct func_ctx *f, struct prov *state, const struct ir_insn *insn)
{
	step_in(f, state, insn);
}

void engine_step_out(struct func_ctx *f, struct prov *state, const struct ir_insn *insn)
{
	step_out(f, state, insn);
}

/* Through @blk, or up to (not including) @stop in it. */
void engine_transfer(struct func_ctx *f, struct prov *state, const struct ir_block *blk,
		     const struct ir_insn *stop)
{
	unsigned int i;

	for (i = 0; i < blk->nr_insns && blk->insns[i] != stop; i++) {
		step_in(f, state, blk->insns[i]);
		step_out(f, state, blk->insns[i]);
	}
}

/* The replay (solver.c solves first): each reached block from its solved
 * state, raising the events of its instructions where they happen. */
static void replay_block(struct func_ctx *f, struct prov *state, const struct ir_block *blk)
{
	unsigned int i;

	for (i = 0; i < blk->nr_insns; i++) {
		const struct ir_insn *insn = blk->insns[i];

		step_in(f, state, insn);
		if (insn->op == IR_CALL && insn->name && !engine_shadowed(f, insn))
			engine_event_call(f, state, insn);
		else if (insn->op == IR_RET)
			engine_event_return(f, state, insn);
		else if (insn->op == IR_ARITH && !engine_shadowed(f, insn))
			engine_event_arith(f, state, insn);
		step_out(f, state, insn);
	}
}

void engine_replay(struct func_ctx *f)
{
	struct prov *state = xcalloc(f->nr_origins, sizeof(*state));
	unsigned int b;

	for (b = 0; b < f->func->nr_blocks; b++) {
		if (!f->reached[b])
			continue;
		memcpy(state, f->in + (size_t)b * f->nr_origins,
		       f->nr_origins * sizeof(*state));
		replay_block(f, state, f->func->blocks[b]);
	}
	free(state);
}

static const struct ir_insn *terminator(const struct ir_block *blk)
{
	return blk->nr_insns ? blk->insns[blk->nr_insns - 1] : NULL;
}

/* @state, leaving @blk, refined for the edge to its successor number
 * @k, into @out; false if that edge is never taken. */
bool engine_edge_refine(struct func_ctx *f, const struct ir_block *blk,
			const struct prov *state, unsigned int k, struct prov *out)
{
	const struct ir_insn *term = terminator(blk);

	memcpy(out, state, f->nr_origins * sizeof(*out));
	if (term && term->op == IR_BR && blk->nr_succs == 2 && term->nr_operands) {
		int64_t c;

		if (engine_const_value(f, term->operands[0], &c, 0) && (c != 0) != (k == 0))
			return false;	/* this edge is never taken */
		engine_refine_branch(f, out, term->operands[0], k == 0, 0);
	} else if (term && term->op == IR_SWITCH) {
		engine_refine_switch(f, out, term, k);
	}
	return true;
}

/*
 * What holds on the edge from block @pred to its successor number @k,
 * from the solved state: for a check that needs one path, not the join
 * of all (phys-attr: the phys and its attrs on the same path).
 */
bool engine_edge_state(struct func_ctx *f, int pred, unsigned int k, struct prov *out)
{
	const struct ir_block *blk = f->func->blocks[pred];
	struct prov *state;
	bool taken;

	if (!f->reached[pred])
		return false;
	state = xcalloc(f->nr_origins + 1, sizeof(*state));
	memcpy(state, f->in + (size_t)pred * f->nr_origins, f->nr_origins * sizeof(*state));
	engine_transfer(f, state, blk, NULL);
	taken = engine_edge_refine(f, blk, state, k, out);
	free(state);
	return taken;
}

/*
 * What holds right before @stop on one path: in from @pred by its
 * successor @k to path[0], then through path[1..n-1], each entered from
 * the one before, to @stop in path[n-1].  False if the path is never
 * taken.
 */
bool engine_path_state(struct func_ctx *f, int pred, unsigned int k, const int *path,
		       unsigned int n, const struct ir_insn *stop, struct prov *out)
{
	struct prov *next;
	unsigned int i, s;
	bool taken = true;

	if (!n || !engine_edge_state(f, pred, k, out))
		return false;
	next = xcalloc(f->nr_origins + 1, sizeof(*next));
	for (i = 0; taken && i + 1 < n; i++) {
		const struct ir_block *blk = f->func->blocks[path[i]];

		engine_transfer(f, out, blk, NULL);
		for (s = 0; s < blk->nr_succs && blk->succs[s] != path[i + 1]; s++)
			;
		taken = s < blk->nr_succs && engine_edge_refine(f, blk, out, s, next);
		memcpy(out, next, f->nr_origins * sizeof(*out));
	}
	if (taken)
		engine_transfer(f, out, f->func->blocks[path[n - 1]], stop);
	free(next);
	return taken;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * The solver: a forward dataflow over a function's blocks to a fixed
 * point, one lattice value per origin (lattice.h), refined on branch
 * edges; loops and gotos need nothing more.  A replay of each block from
 * its solved state then raises the events (calls, returns, sinks) that
 * build the summary and that the checks look at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_impl.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

/* Through @blk, or up to (not including) @stop in it; @check raises
 * the replay's events. */
static void transfer(struct func_ctx *f, struct prov *state, const struct ir_block *blk,
		     bool check, const struct ir_insn *stop)
{
	unsigned int i;

	for (i = 0; i < blk->nr_insns; i++) {
		const struct ir_insn *insn = blk->insns[i];

		if (insn == stop)
			break;
		if (insn->value != IR_NONE && insn->value < (int)f->func->nr_values &&
		    f->value_origin[insn->value] >= 0) {
			int o = f->value_origin[insn->value];

			/* a repeat of a source keeps what is known of
			 * it (a guard on the first sg_page(sg) covers the
			 * second), unless no path has defined it yet */
			if (f->origins[o].insn == insn || prov_is_bottom(state[o]))
				state[o] = f->origins[o].initial;
		}
		if (insn->op == IR_CALL && insn->name && !engine_shadowed(f, insn)) {
			if (check)
				engine_event_call(f, state, insn);
			engine_apply_asserts(f, state, insn);
		} else if (insn->op == IR_RET && check) {
			engine_event_return(f, state, insn);
		} else if (insn->op == IR_ARITH && check && !engine_shadowed(f, insn)) {
			engine_event_arith(f, state, insn);
		}
	}
}

static const struct ir_insn *terminator(const struct ir_block *blk)
{
	return blk->nr_insns ? blk->insns[blk->nr_insns - 1] : NULL;
}

/* @state, leaving @blk, refined for the edge to its successor number
 * @k, into @out; false if that edge is never taken. */
static bool edge_refine(struct func_ctx *f, const struct ir_block *blk,
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
	transfer(f, state, blk, false, NULL);
	taken = edge_refine(f, blk, state, k, out);
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

		transfer(f, out, blk, false, NULL);
		for (s = 0; s < blk->nr_succs && blk->succs[s] != path[i + 1]; s++)
			;
		taken = s < blk->nr_succs && edge_refine(f, blk, out, s, next);
		memcpy(out, next, f->nr_origins * sizeof(*out));
	}
	if (taken)
		transfer(f, out, f->func->blocks[path[n - 1]], false, stop);
	free(next);
	return taken;
}

/* Join @state, refined for the edge to successor number @k, into @succ. */
static bool flow_edge(struct func_ctx *f, const struct ir_block *blk,
		      const struct prov *state, unsigned int k, struct prov *scratch)
{
	int succ = blk->succs[k];
	struct prov *in = f->in + (size_t)succ * f->nr_origins;
	bool changed = !f->reached[succ];
	unsigned int o;

	if (!edge_refine(f, blk, state, k, scratch))
		return false;
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

void engine_solve(struct func_ctx *f)
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
		transfer(f, state, blk, false, NULL);
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

void engine_replay(struct func_ctx *f)
{
	struct prov *state = xcalloc(f->nr_origins, sizeof(*state));
	unsigned int b;

	for (b = 0; b < f->func->nr_blocks; b++) {
		if (!f->reached[b])
			continue;
		memcpy(state, f->in + (size_t)b * f->nr_origins,
		       f->nr_origins * sizeof(*state));
		transfer(f, state, f->func->blocks[b], true, NULL);
	}
	free(state);
}

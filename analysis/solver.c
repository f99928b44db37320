// SPDX-License-Identifier: GPL-2.0
/*
 * The solver: a forward dataflow over a function's blocks to a fixed
 * point, one lattice value per origin (lattice.h), refined on branch
 * edges; loops and gotos need nothing more.  A replay of each block from
 * its solved state (engine_replay(), flow.c, beside the steps it takes)
 * then raises the events (calls, returns, sinks) that build the summary
 * and that the checks look at.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

/* Join @state, refined for the edge to successor number @k, into @succ. */
static bool flow_edge(struct func_ctx *f, const struct ir_block *blk,
		      const struct prov *state, unsigned int k, struct prov *scratch)
{
	int succ = blk->succs[k];
	struct prov *in = f->in + (size_t)succ * f->nr_origins;
	bool changed = !f->reached[succ];
	unsigned int o;

	if (!engine_edge_refine(f, blk, state, k, scratch))
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
		engine_transfer(f, state, blk, NULL);
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

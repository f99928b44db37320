// SPDX-License-Identifier: GPL-2.0
/*
 * Address uses: which values are read or written through, kept, returned
 * or passed where they may be.  A sink that only computes an address
 * (phys_to_virt) harms nothing when its result is never used, and a
 * function's summary says which parameters it uses so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

/*
 * Whether argument @k of @call may be read or written through, kept, or
 * passed on where it may be: an external function, unless the model says
 * it only takes the address (gen_pool_free()'s key); a function of this
 * unit, as its summary says; a modelled inline call, as the model's.
 */
static bool call_uses_arg(const struct func_ctx *f, const struct ir_insn *call,
			  unsigned int k)
{
	const struct model_entry *e;
	int callee;

	if (!call->name)
		return true;
	/* an unmodelled inlined body uses the value in its own instructions */
	if (call->inlined && !engine_models_call(f->u->model, call->name))
		return false;
	for (e = model_find(f->u->model, MODEL_ADDRESS_ONLY, call->name, NULL); e;
	     e = model_find(f->u->model, MODEL_ADDRESS_ONLY, call->name, e))
		if (e->arg == k + 1)
			return false;
	callee = engine_find_func(f->u, call->name);
	if (callee < 0 || !f->u->defined[callee] || k >= PROV_MAX_PARAMS)
		return true;
	return f->u->summaries[callee].accessed & (UINT32_C(1) << k);
}

/* @v is used; @work holds the values whose definitions are yet to hand
 * the use back to their operands. */
static void mark_used(struct func_ctx *f, int v, int *work, unsigned int *nr)
{
	if (v < 0 || v >= (int)f->func->nr_values || f->used[v])
		return;
	f->used[v] = true;
	work[(*nr)++] = v;
}

/*
 * Which values are used as addresses: loaded or stored through, stored,
 * returned, or passed where they may be (call_uses_arg()).  page_address()
 * of a P2PDMA page only compared with the stack's bounds (DMA debugging
 * does that), or handed back to its pool as a key, touches nothing: only
 * a use can fault.  Arithmetic, phis and masks hand a use back to their
 * operands.  Sinks that access memory themselves (memcpy_from_page)
 * return nothing and always count.
 */
void engine_compute_used(struct func_ctx *f)
{
	const struct ir_func *func = f->func;
	unsigned int b, i, k, nr = 0;
	int *work;

	f->used = xcalloc(func->nr_values + 1, sizeof(bool));
	work = xcalloc(func->nr_values + 1, sizeof(int));
	/* direct uses, once: call_uses_arg() asks the model and summaries */
	for (b = 0; b < func->nr_blocks; b++) {
		const struct ir_block *blk = func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *use = blk->insns[i];
			bool always = use->op == IR_LOAD || use->op == IR_STORE ||
				      use->op == IR_RET;

			if (!always && use->op != IR_CALL)
				continue;
			for (k = 0; k < use->nr_operands; k++) {
				int v = use->operands[k];

				if (v >= 0 && v < (int)func->nr_values && !f->used[v] &&
				    (always || call_uses_arg(f, use, k)))
					mark_used(f, v, work, &nr);
			}
		}
	}
	/*
	 * Then what arithmetic, phis and masks hand back: each value is
	 * defined once (ir_verify()), so a worklist of the values newly used
	 * reaches the fixed point a sweep of every instruction repeated
	 * until nothing grew reached, each definition looked at once.
	 */
	while (nr) {
		const struct ir_insn *def = f->def[work[--nr]];

		if (!def || (def->op != IR_ARITH && def->op != IR_PHI &&
			     def->op != IR_AND_CONST))
			continue;
		for (k = 0; k < def->nr_operands; k++)
			mark_used(f, def->operands[k], work, &nr);
	}
	free(work);
}

void engine_summarise_accessed(struct func_ctx *f)
{
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];

			if (insn->op == IR_PARAM && insn->index < PROV_MAX_PARAMS &&
			    insn->value >= 0 && f->used[insn->value])
				f->self->accessed |= UINT32_C(1) << insn->index;
		}
	}
}

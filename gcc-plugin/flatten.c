// SPDX-License-Identifier: GPL-2.0
/*
 * Inline expansion of the staged unit, so that it reads as the sparse
 * front end lowers it.
 *
 * sparse inlines every function declared inline into its callers and
 * lowers no inline function on its own: the engine sees an inline
 * helper's body with its caller's values, in an inline frame, followed
 * by a marker (an IR_CALL flagged inlined) that says where it was called
 * from; a finding inside a header's helper is then reported at that call
 * (analysis/findings.c).  The GIMPLE pass runs before GCC inlines
 * anything, so each inline function arrives here as a function of its
 * own.  This file puts its body in place of each call, in the same
 * shape, and leaves the inline functions out of the unit, so both front
 * ends hand the engine the same IR.  Functions the model speaks for were
 * never lowered (or are never expanded): their calls stay calls.
 */
#include "physcheck_gcc.h"
#include "strhash.h"

#define MAX_INLINE_DEPTH 8
#define MAX_INSNS_PER_FUNCTION 200000

/*
 * The stage's inline functions the model does not speak for, by name:
 * every call of every function looks its callee up here, and the engine
 * has each body expanded more than once.
 */
struct inline_index {
	int *slots;		/* stage indices, -1: empty */
	unsigned int size;	/* a power of two */
};

static struct inline_index inlines;

struct flatten {
	const struct ir_unit *stage;
	const bool *inline_body;
	struct ir_unit *unit;
	struct ir_func *out;
	int stack[MAX_INLINE_DEPTH];
	unsigned int depth;
	unsigned int emitted;
};

/* How one function's body maps into the function being built. */
struct body_map {
	const struct ir_func *src;
	int *values;		/* src value -> out value */
	int *blocks;		/* src block -> out block */
	int frame;		/* IR_NONE: the function itself */
	const int *args;	/* inlined: the call's arguments, out values */
	unsigned int nr_args;
	int cont;		/* inlined: where returns go */
	int *rets;		/* inlined: returned values */
	unsigned int nr_rets;
	int *ends;		/* src block -> out block it ends in (an
				 * expanded call continues in another) */
	struct ir_insn **phis;	/* copied phis whose operand_blocks still
				 * name src blocks */
	unsigned int nr_phis;
};

static int map_value(const struct body_map *m, int v)
{
	if (v == IR_NONE || v < 0 || (unsigned int)v >= m->src->nr_values)
		return IR_NONE;
	return m->values[v];
}

/* The first inline function of the stage called @name, -1 if none (or
 * the model speaks for it: its calls stay calls). */
static int find_inline(const struct flatten *fl, const char *name)
{
	unsigned int h;

	if (!name)
		return -1;
	for (h = pc_hash_string(name) & (inlines.size - 1); inlines.slots[h] >= 0;
	     h = (h + 1) & (inlines.size - 1))
		if (!strcmp(fl->stage->funcs[inlines.slots[h]]->name, name))
			return inlines.slots[h];
	return -1;
}

static void index_inlines(const struct ir_unit *stage, const bool *inline_body)
{
	unsigned int i, h;

	XDELETEVEC(inlines.slots);
	for (inlines.size = 16; inlines.size < 2 * stage->nr_funcs + 2; inlines.size *= 2)
		;
	inlines.slots = XNEWVEC(int, inlines.size);
	for (i = 0; i < inlines.size; i++)
		inlines.slots[i] = -1;
	for (i = 0; i < stage->nr_funcs; i++) {
		const char *name = stage->funcs[i]->name;

		if (!inline_body[i] || !name || engine_models_call(physcheck_model, name))
			continue;
		for (h = pc_hash_string(name) & (inlines.size - 1); inlines.slots[h] >= 0;
		     h = (h + 1) & (inlines.size - 1))
			if (!strcmp(stage->funcs[inlines.slots[h]]->name, name))
				break;
		if (inlines.slots[h] < 0)
			inlines.slots[h] = (int)i;	/* the first one wins */
	}
}

void flatten_release(void)
{
	XDELETEVEC(inlines.slots);
	inlines.slots = NULL;
	inlines.size = 0;
}

static bool expandable(const struct flatten *fl, int callee)
{
	unsigned int i;

	if (callee < 0 || fl->depth >= MAX_INLINE_DEPTH ||
	    fl->emitted >= MAX_INSNS_PER_FUNCTION ||
	    !fl->stage->funcs[callee]->nr_blocks)
		return false;
	for (i = 0; i < fl->depth; i++)
		if (fl->stack[i] == callee)
			return false;	/* recursion: keep the call */
	return true;
}

static struct ir_insn *copy_insn(struct flatten *fl, struct body_map *m,
				 int block, const struct ir_insn *insn, enum ir_op op)
{
	struct ir_insn *out = ir_emit(fl->out, block, op, insn->loc);
	int ops[1];
	unsigned int i;

	fl->emitted++;
	/* strings and locations stay the stage's, which outlives the unit */
	out->arith = insn->arith;
	out->name = insn->name;
	out->path = insn->path;
	out->operand_locs = insn->operand_locs;
	if (insn->operand_blocks && insn->nr_operands) {
		/* src blocks for now: map_phi_preds() maps them once every
		 * block is copied and known to end where it ends */
		out->operand_blocks = (int *)ir_alloc(fl->unit, insn->nr_operands * sizeof(int));
		memcpy(out->operand_blocks, insn->operand_blocks, insn->nr_operands * sizeof(int));
		m->phis = XRESIZEVEC(struct ir_insn *, m->phis, m->nr_phis + 1);
		m->phis[m->nr_phis++] = out;
	}
	out->constant = insn->constant;
	out->index = insn->index;
	out->inlined = insn->inlined;
	out->local = insn->local;
	out->scalar = insn->scalar;
	out->own_record = insn->own_record;
	out->cases = insn->cases;	/* by successor number, kept in order */
	out->nr_cases = insn->nr_cases;
	out->frame = m->frame;
	out->value = map_value(m, insn->value);
	if (insn->nr_operands) {
		ir_set_operands(fl->out, out, insn->operands, insn->nr_operands);
		for (i = 0; i < insn->nr_operands; i++)
			out->operands[i] = map_value(m, insn->operands[i]);
	} else {
		ir_set_operands(fl->out, out, ops, 0);
	}
	return out;
}

/*
 * One inline frame per inlined function, as sparse has them: the markers
 * say where each copy of the body was called from, so the frames need no
 * parents (and their number stays small in a big function).
 */
static int frame_of(struct flatten *fl, const char *function)
{
	unsigned int i;

	for (i = 0; i < fl->out->nr_frames; i++)
		if (!strcmp(fl->out->frames[i].function, function))
			return (int)i;
	return ir_frame_new(fl->out, function, IR_NONE);
}

/* A phi's operands come in from where their src blocks end. */
static void map_phi_preds(struct body_map *m)
{
	unsigned int i, k;

	for (i = 0; i < m->nr_phis; i++) {
		struct ir_insn *phi = m->phis[i];

		for (k = 0; k < phi->nr_operands; k++) {
			int src = phi->operand_blocks[k];

			phi->operand_blocks[k] = src >= 0 && (unsigned int)src < m->src->nr_blocks ?
				m->ends[src] : IR_NONE;
		}
	}
	XDELETEVEC(m->phis);
	m->phis = NULL;
	m->nr_phis = 0;
}

static int copy_block(struct flatten *fl, struct body_map *m, unsigned int b);
static void bind_params(struct body_map *m);

/*
 * The call's callee body in place of the call: the current block jumps to
 * its entry, its parameters are the call's arguments, its returns jump to
 * a new block where their values meet in the call's value.  Returns that
 * block, where the caller's instructions go on.
 */
static int expand_call(struct flatten *fl, const struct body_map *caller, int block,
		       const struct ir_insn *call, int callee)
{
	const struct ir_func *src = fl->stage->funcs[callee];
	struct body_map m;
	struct ir_insn *jmp, *phi, *marker;
	unsigned int i;
	int *args;

	memset(&m, 0, sizeof(m));
	m.src = src;
	m.values = XNEWVEC(int, src->nr_values + 1);
	m.blocks = XNEWVEC(int, src->nr_blocks + 1);
	m.ends = XNEWVEC(int, src->nr_blocks + 1);
	m.rets = XNEWVEC(int, src->nr_blocks + 1);
	args = XNEWVEC(int, call->nr_operands + 1);
	for (i = 0; i < call->nr_operands; i++)
		args[i] = map_value(caller, call->operands[i]);
	m.args = args;
	m.nr_args = call->nr_operands;
	for (i = 0; i < src->nr_values; i++)
		m.values[i] = ir_value_new(fl->out, NULL);
	bind_params(&m);
	for (i = 0; i < src->nr_blocks; i++)
		m.blocks[i] = ir_block_new(fl->out);
	m.frame = frame_of(fl, src->name);
	m.cont = ir_block_new(fl->out);

	jmp = ir_emit(fl->out, block, IR_JMP, call->loc);
	jmp->frame = caller->frame;
	ir_add_succ(fl->out, block, m.blocks[0]);
	fl->stack[fl->depth++] = callee;
	for (i = 0; i < src->nr_blocks; i++)
		m.ends[i] = copy_block(fl, &m, i);
	map_phi_preds(&m);
	fl->depth--;

	/* the call's value: what the body returns */
	if (call->value != IR_NONE) {
		phi = ir_emit(fl->out, m.cont, m.nr_rets ? IR_PHI : IR_OPAQUE, call->loc);
		ir_set_operands(fl->out, phi, m.rets, m.nr_rets);
		phi->value = map_value(caller, call->value);
		phi->frame = caller->frame;
	}
	/* the marker: where the body was called from, with what */
	marker = ir_emit(fl->out, m.cont, IR_CALL, call->loc);
	marker->name = call->name;
	marker->inlined = true;
	marker->frame = caller->frame;
	ir_set_operands(fl->out, marker, args, call->nr_operands);
	XDELETEVEC(m.values);
	XDELETEVEC(m.blocks);
	XDELETEVEC(m.rets);
	XDELETEVEC(m.ends);
	XDELETEVEC(args);
	return m.cont;
}

/*
 * An inlined body's parameter is the call's argument itself, not a copy:
 * sg_page(sg) inside sg_virt(s) is then sg_page(s), one page with the
 * caller's, which a guard in the caller covers.
 */
static void bind_params(struct body_map *m)
{
	const struct ir_block *entry = m->src->nr_blocks ? m->src->blocks[0] : NULL;
	unsigned int i;

	for (i = 0; entry && i < entry->nr_insns; i++) {
		const struct ir_insn *insn = entry->insns[i];

		if (insn->op == IR_PARAM && insn->value != IR_NONE &&
		    insn->index < m->nr_args && m->args[insn->index] != IR_NONE)
			m->values[insn->value] = m->args[insn->index];
	}
}

/* A parameter without an argument (a variadic mismatch) is unknown. */
static void copy_param(struct flatten *fl, struct body_map *m, int block,
		       const struct ir_insn *insn)
{
	struct ir_insn *out;

	if (insn->index < m->nr_args && m->args[insn->index] != IR_NONE)
		return;		/* bound by bind_params() */
	out = copy_insn(fl, m, block, insn, IR_OPAQUE);
	out->index = 0;
}

/* An inlined body's return goes back to the caller. */
static void copy_return(struct flatten *fl, struct body_map *m, int block,
			const struct ir_insn *insn)
{
	struct ir_insn *jmp;

	if (insn->nr_operands && map_value(m, insn->operands[0]) != IR_NONE)
		m->rets[m->nr_rets++] = map_value(m, insn->operands[0]);
	jmp = ir_emit(fl->out, block, IR_JMP, insn->loc);
	jmp->frame = m->frame;
	ir_add_succ(fl->out, block, m->cont);
}

static int copy_block(struct flatten *fl, struct body_map *m, unsigned int b)
{
	const struct ir_block *blk = m->src->blocks[b];
	int block = m->blocks[b];
	bool returned = false;
	unsigned int i;

	for (i = 0; i < blk->nr_insns; i++) {
		const struct ir_insn *insn = blk->insns[i];
		int callee;

		if (m->args && insn->op == IR_PARAM) {
			copy_param(fl, m, block, insn);
			continue;
		}
		if (m->args && insn->op == IR_RET) {
			copy_return(fl, m, block, insn);
			returned = true;
			continue;
		}
		if (insn->op == IR_CALL) {
			callee = find_inline(fl, insn->name);
			if (expandable(fl, callee)) {
				block = expand_call(fl, m, block, insn, callee);
				continue;
			}
		}
		copy_insn(fl, m, block, insn, insn->op);
	}
	if (!returned)
		for (i = 0; i < blk->nr_succs; i++)
			ir_add_succ(fl->out, block, m->blocks[blk->succs[i]]);
	return block;
}

/*
 * The blocks in reverse postorder, as sparse has them (it lays blocks out
 * in source order), where GCC's numbering and the continuation blocks of
 * inline expansions left them anywhere: the engine takes the first of
 * two calls sg_page(s) for the one a guard on it covers, which must then
 * be the one that comes first.  Successors are visited last to first, so
 * a branch's first successor comes first; unreachable blocks go last.
 * Run before ir_func_finish(), which computes the predecessors.
 */
static void order_blocks(struct ir_func *func)
{
	unsigned int n = func->nr_blocks, i, k, top = 0, post = n;
	struct ir_block **blocks = XNEWVEC(struct ir_block *, n + 1);
	int *number = XNEWVEC(int, n + 1);	/* old index -> new, -1: unseen */
	int *order = XNEWVEC(int, n + 1);	/* new index -> old */
	int *stack = XNEWVEC(int, n + 1);
	unsigned int *next = XCNEWVEC(unsigned int, n + 1);

	if (!n)
		goto out;
	for (i = 0; i < n; i++)
		number[i] = -1;
	/* iterative DFS from the entry: a block is numbered when it is left */
	stack[top++] = 0;
	number[0] = -2;		/* on the stack */
	while (top) {
		int b = stack[top - 1];
		const struct ir_block *blk = func->blocks[b];

		if (next[b] < blk->nr_succs) {
			int s = blk->succs[blk->nr_succs - 1 - next[b]++];

			if (number[s] == -1) {
				number[s] = -2;
				stack[top++] = s;
			}
			continue;
		}
		top--;
		order[--post] = b;
	}
	/* reachable blocks fill order[post..n-1]; the rest follow in their order */
	k = 0;
	for (i = post; i < n; i++)
		order[k++] = order[i];
	for (i = 0; i < n; i++)
		if (number[i] == -1)
			order[k++] = (int)i;
	for (i = 0; i < n; i++) {
		number[order[i]] = (int)i;
		blocks[i] = func->blocks[order[i]];
	}
	for (i = 0; i < n; i++) {
		struct ir_block *blk = blocks[i];
		unsigned int j;

		func->blocks[i] = blk;
		for (k = 0; k < blk->nr_succs; k++)
			blk->succs[k] = number[blk->succs[k]];
		for (j = 0; j < blk->nr_insns; j++) {
			struct ir_insn *insn = blk->insns[j];

			for (k = 0; insn->operand_blocks && k < insn->nr_operands; k++)
				if (insn->operand_blocks[k] >= 0)
					insn->operand_blocks[k] = number[insn->operand_blocks[k]];
		}
	}
out:
	XDELETEVEC(blocks);
	XDELETEVEC(number);
	XDELETEVEC(order);
	XDELETEVEC(stack);
	XDELETEVEC(next);
}

/* A function of @unit with @src's name, location and parameters. */
static struct ir_func *copy_header(struct ir_unit *unit, const struct ir_func *src)
{
	struct ir_func *out = ir_func_new(unit, src->name, src->loc, src->nr_params);
	unsigned int i;

	out->ret_annotation = src->ret_annotation;
	out->is_static = src->is_static;
	for (i = 0; i < src->nr_params; i++) {
		out->params[i].name = ir_strdup(unit, src->params[i].name);
		out->params[i].annotation = src->params[i].annotation;
	}
	return out;
}

static void flatten_function(struct flatten *fl, const struct ir_func *src)
{
	struct body_map m;
	unsigned int i;

	fl->out = copy_header(fl->unit, src);
	fl->depth = 0;
	fl->emitted = 0;
	memset(&m, 0, sizeof(m));
	m.src = src;
	m.frame = IR_NONE;
	m.values = XNEWVEC(int, src->nr_values + 1);
	m.blocks = XNEWVEC(int, src->nr_blocks + 1);
	m.ends = XNEWVEC(int, src->nr_blocks + 1);
	for (i = 0; i < src->nr_values; i++)
		m.values[i] = ir_value_new(fl->out, NULL);
	for (i = 0; i < src->nr_blocks; i++)
		m.blocks[i] = ir_block_new(fl->out);
	for (i = 0; i < src->nr_blocks; i++)
		m.ends[i] = copy_block(fl, &m, i);
	map_phi_preds(&m);
	order_blocks(fl->out);
	ir_func_finish(fl->out);
	XDELETEVEC(m.values);
	XDELETEVEC(m.blocks);
	XDELETEVEC(m.ends);
}

/*
 * The unit the engine checks holds only the functions' headers, in stage
 * order with the inline functions left out; each body is expanded when
 * the engine asks for it (flatten_body()) and freed when it is done with
 * it, so that no more than one expanded function is in memory at a time.
 */
struct ir_unit *flatten_headers(const struct ir_unit *stage, const bool *inline_body)
{
	struct ir_unit *unit = ir_unit_new(stage->file);
	unsigned int i;

	index_inlines(stage, inline_body);
	for (i = 0; i < stage->nr_funcs; i++)
		if (!inline_body[i])
			copy_header(unit, stage->funcs[i]);
	return unit;
}

/* The body of the stage's function @index, in a unit of its own; after
 * flatten_headers() on the same stage, before flatten_release(). */
struct ir_func *flatten_body(const struct ir_unit *stage, const bool *inline_body,
			     unsigned int index)
{
	struct flatten fl;

	memset(&fl, 0, sizeof(fl));
	fl.stage = stage;
	fl.inline_body = inline_body;
	fl.unit = ir_unit_new(stage->file);
	flatten_function(&fl, stage->funcs[index]);
	return fl.out;
}

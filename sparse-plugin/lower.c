// SPDX-License-Identifier: GPL-2.0
/*
 * Lowering of sparse's linearized, optimized IR into analysis/'s IR.
 *
 * sparse inlines at tree level and leaves an OP_INLINED_CALL marker after
 * each inlined body, naming the function, its arguments and its result.
 * Those are what physcheck's model speaks about (phys_to_virt, sg_phys and
 * kmap_local_pfn are all inline in the kernel), so the marker becomes a
 * call in our IR and the body of a modelled function is put in an inline
 * frame that the engine ignores.  sparse does not count the marker as a
 * user of its pseudos, so its optimizer would leave them stale; the
 * optimize() wrapper in physcheck.c registers them before it runs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "annotations.h"
#include "lower.h"
#include "xalloc.h"
#include "symbol.h"
#include "expression.h"
#include "token.h"

/* ---------------------------------------------------------- pointer map */

struct ptr_map {
	const void **keys;
	int *values;
	unsigned int size, used, bits;	/* size is 1 << bits */
};

/* Empty until the first put: most functions leave most maps empty or
 * small, and zeroing a table for each was a cost of its own. */
static void map_init(struct ptr_map *m)
{
	memset(m, 0, sizeof(*m));
}

/* Room for @n keys in an empty map, so that it never grows on the way. */
static void map_reserve(struct ptr_map *m, unsigned int n)
{
	m->bits = 6;
	while ((1u << m->bits) < 2 * (n + 1))
		m->bits++;
	m->size = 1u << m->bits;
	m->keys = pc_xcalloc(m->size, sizeof(*m->keys));
	m->values = pc_xcalloc(m->size, sizeof(*m->values));
}

static void map_free(struct ptr_map *m)
{
	free(m->keys);
	free(m->values);
}

/* Fibonacci hashing: the product's top bits, which every bit of the
 * pointer reaches (its low bits cluster allocations of one size). */
static unsigned int map_slot(const struct ptr_map *m, const void *key)
{
	unsigned int h = (unsigned int)(((uint64_t)(uintptr_t)key *
					 UINT64_C(0x9e3779b97f4a7c15)) >> (64 - m->bits));

	while (m->keys[h] && m->keys[h] != key)
		h = (h + 1) & (m->size - 1);
	return h;
}

static void map_put(struct ptr_map *m, const void *key, int value);

static void map_grow(struct ptr_map *m)
{
	struct ptr_map bigger;
	unsigned int i;

	bigger.bits = m->bits ? m->bits + 1 : 6;
	bigger.size = 1u << bigger.bits;
	bigger.used = 0;
	bigger.keys = pc_xcalloc(bigger.size, sizeof(*bigger.keys));
	bigger.values = pc_xcalloc(bigger.size, sizeof(*bigger.values));
	for (i = 0; i < m->size; i++)
		if (m->keys[i])
			map_put(&bigger, m->keys[i], m->values[i]);
	map_free(m);
	*m = bigger;
}

static void map_put(struct ptr_map *m, const void *key, int value)
{
	unsigned int h;

	if ((m->used + 1) * 2 > m->size)
		map_grow(m);
	h = map_slot(m, key);
	if (!m->keys[h])
		m->used++;
	m->keys[h] = key;
	m->values[h] = value;
}

/* The value slot of @key, added with @missing if it had none: one probe
 * where a get and a put took two. */
static int *map_entry(struct ptr_map *m, const void *key, int missing)
{
	unsigned int h;

	if ((m->used + 1) * 2 > m->size)
		map_grow(m);
	h = map_slot(m, key);
	if (!m->keys[h]) {
		m->keys[h] = key;
		m->values[h] = missing;
		m->used++;
	}
	return &m->values[h];
}

static int map_get(const struct ptr_map *m, const void *key, int missing)
{
	unsigned int h;

	if (!m->size)
		return missing;
	h = map_slot(m, key);

	return m->keys[h] ? m->values[h] : missing;
}

/* ---------------------------------------------------------- context */

struct inline_range {
	struct symbol *fn;
	int stream;
	unsigned int first, last;
	int frame;
};

struct lower {
	const struct model *model;
	struct ir_unit *unit;
	struct ir_func *func;
	struct entrypoint *ep;
	struct ptr_map blocks;		/* basic_block -> block */
	struct ptr_map values;		/* pseudo -> value */
	struct ptr_map claimed;		/* pseudo -> 1 + index in claimers */
	struct instruction **claimers;	/* markers that define a pseudo */
	unsigned int nr_claimers;
	struct inline_range *ranges;
	unsigned int nr_ranges, cap_ranges;
	struct ptr_map ranged;		/* inline function -> 1: has a range */
	struct ptr_map line_frames;	/* line of a range -> 1 + its frame */
	const void *last_line;		/* frame_of()'s last key, and */
	int last_frame;			/* its answer */
	struct ptr_map inlined_at;	/* pseudo -> 1 + index in inlined_pos */
	struct position *inlined_pos;	/* where this function's own code
					 * calls an inlined function */
	unsigned int nr_inlined_pos;
	int record_stream;		/* own_record()'s last stream, and */
	bool record_own;		/* its answer */
};

static const char *ident_name(const struct ident *ident)
{
	return ident ? ident->name : NULL;
}

static struct diag_loc loc_of(struct position pos)
{
	struct diag_loc loc = { stream_name(pos.stream), (int)pos.line, (int)pos.pos, 0 };

	return loc;
}

static const char *sym_name(const struct symbol *sym)
{
	return sym ? ident_name(sym->ident) : NULL;
}

static const char *callee_name(pseudo_t func)
{
	if (func && func->type == PSEUDO_SYM)
		return sym_name(func->sym);
	return NULL;
}

/* ---------------------------------------------------------- types */

static struct symbol *strip_node(struct symbol *type)
{
	while (type && (type->type == SYM_NODE || type->type == SYM_BITFIELD ||
			type->type == SYM_ENUM || type->type == SYM_RESTRICT ||
			type->type == SYM_FOULED))
		type = type->ctype.base_type;
	return type;
}

static struct symbol *arg_type(struct entrypoint *ep, int nr)
{
	struct symbol *fn = strip_node(ep->name), *arg;
	int i = 0;

	if (!fn || fn->type != SYM_FN)
		return NULL;
	FOR_EACH_PTR(fn->arguments, arg) {
		if (++i == nr)
			return arg;
	} END_FOR_EACH_PTR(arg);
	return NULL;
}

/* The type a pointer pseudo points to, as far as sparse still knows it. */
static struct symbol *pointee(struct lower *l, pseudo_t addr)
{
	struct symbol *type = NULL;

	switch (addr->type) {
	case PSEUDO_REG:
		type = addr->def ? addr->def->type : NULL;
		break;
	case PSEUDO_ARG:
		type = arg_type(l->ep, addr->nr);
		break;
	case PSEUDO_SYM:
		/* the address of a struct object: the object's type */
		return strip_node(addr->sym);
	default:
		return NULL;
	}
	type = strip_node(type);
	if (!type || type->type != SYM_PTR)
		return NULL;
	return strip_node(type->ctype.base_type);
}

static long long size_of(struct symbol *type)
{
	return type && type->bit_size > 0 ? type->bit_size / 8 : 0;
}

/*
 * The innermost named member holding byte @offset of @record, through
 * nested and anonymous structs and arrays of structs, and the path of
 * member names down to it: a load of pdev->resource[2].start is member
 * "start" of struct resource, at path "resource.start" in struct pci_dev.
 */
static struct symbol *member_at(struct symbol *record, long long offset,
				struct symbol **owner, struct ir_path *path)
{
	struct symbol *member;

	FOR_EACH_PTR(record->symbol_list, member) {
		struct symbol *mtype = strip_node(member);
		long long start = (long long)member->offset;
		long long msize = size_of(mtype);
		long long inner = offset - start;
		struct symbol *found = NULL;
		size_t mark;

		if (inner < 0 || (msize && inner >= msize) || (!msize && inner))
			continue;
		mark = strlen(path->text);
		if (member->ident)
			ir_path_add(path, member->ident->name);
		if (mtype && mtype->type == SYM_ARRAY) {
			struct symbol *elem = strip_node(mtype->ctype.base_type);
			long long esize = size_of(elem);

			if (elem && esize && (elem->type == SYM_STRUCT || elem->type == SYM_UNION))
				found = member_at(elem, inner % esize, owner, path);
		} else if (mtype && (mtype->type == SYM_STRUCT || mtype->type == SYM_UNION)) {
			found = member_at(mtype, inner, owner, path);
		}
		if (found)
			return found;
		if (member->ident && !inner) {
			*owner = record;
			return member;
		}
		ir_path_back(path, mark);
	} END_FOR_EACH_PTR(member);
	return NULL;
}

/*
 * The object an address points into: through constant offsets and array
 * indexing (`&pdev->resource[bar]` is pdev plus a scaled index) back to
 * the pointer whose type says which struct it is.
 */
static pseudo_t address_root(pseudo_t addr, long long *offset)
{
	unsigned int depth;

	for (depth = 0; depth < 8 && addr->type == PSEUDO_REG && addr->def &&
	     addr->def->opcode == OP_ADD; depth++) {
		struct instruction *add = addr->def;
		pseudo_t a = add->src1, b = add->src2;

		if (b->type == PSEUDO_VAL) {
			*offset += b->value;
			addr = a;
		} else if (a->type == PSEUDO_VAL) {
			*offset += a->value;
			addr = b;
		} else if (a->type == PSEUDO_REG && a->def && a->def->type &&
			   strip_node(a->def->type) &&
			   strip_node(a->def->type)->type == SYM_PTR) {
			addr = a;
		} else if (a->type == PSEUDO_ARG) {
			addr = a;
		} else {
			break;
		}
	}
	return addr;
}

/* Whether @record was declared in the unit's own file, not a header
 * (ir_insn.own_record).  Records come in runs from one stream. */
static bool own_record(struct lower *l, const struct symbol *record)
{
	if (record->pos.stream != l->record_stream) {
		l->record_stream = record->pos.stream;
		l->record_own = !strcmp(stream_name(record->pos.stream), l->unit->file);
	}
	return l->record_own;
}

/*
 * The names of a loaded or stored field (see ir_name_field()): the
 * innermost struct (@record) and its @member, and the path from the
 * outermost object's type ("pci_dev.resource.start"); *@own whether the
 * outermost is the unit's own.  A global variable is named by itself.
 */
static pseudo_t field_names(struct lower *l, pseudo_t addr, long long offset,
			    const char **record_name, const char **member_name,
			    struct ir_path *path, bool *own)
{
	struct symbol *record, *member, *owner = NULL;
	long long own_offset = offset;
	pseudo_t root;

	*record_name = *member_name = NULL;
	*own = false;
	ir_path_init(path);
	if (addr->type == PSEUDO_SYM && addr->sym && addr->sym->ident &&
	    !offset && (addr->sym->ctype.modifiers & (MOD_TOPLEVEL | MOD_EXTERN))) {
		*member_name = sym_name(addr->sym);
		return addr;
	}
	root = address_root(addr, &offset);
	record = pointee(l, root);
	if ((!record || (record->type != SYM_STRUCT && record->type != SYM_UNION)) &&
	    root != addr) {
		/* the root is untyped: fall back to the address as it is */
		offset = own_offset;
		root = addr;
		record = pointee(l, addr);
	}
	if (!record || (record->type != SYM_STRUCT && record->type != SYM_UNION) ||
	    !record->ident)
		return addr;
	ir_path_add(path, record->ident->name);
	member = member_at(record, offset, &owner, path);
	if (!member || !owner || !owner->ident)
		return addr;
	*record_name = owner->ident->name;
	*member_name = member->ident->name;
	*own = own_record(l, record);
	return root;
}

/* ---------------------------------------------------------- inline frames */

/*
 * The last line of an inline function's body in its file.  sparse records
 * where a declarator ends, not a body, so walk the body: its statements
 * and expressions keep their source positions (macros expand at their
 * use), and so do the inlined copies whose instructions we place.
 */
struct extent {
	int stream;
	unsigned int last;
	unsigned int budget;	/* bounded walk on pathological bodies */
};

static void extent_stmt(struct extent *x, struct statement *stmt);

static void extent_pos(struct extent *x, struct position pos)
{
	if (pos.stream == x->stream && pos.line > x->last)
		x->last = pos.line;
}

static void extent_expr(struct extent *x, struct expression *expr)
{
	struct expression *e;

	if (!expr || !x->budget--)
		return;
	extent_pos(x, expr->pos);
	switch (expr->type) {
	case EXPR_BINOP: case EXPR_COMMA: case EXPR_COMPARE:
	case EXPR_LOGICAL: case EXPR_ASSIGNMENT:
		extent_expr(x, expr->left);
		extent_expr(x, expr->right);
		break;
	case EXPR_PREOP: case EXPR_POSTOP:
		extent_expr(x, expr->unop);
		break;
	case EXPR_CAST: case EXPR_FORCE_CAST: case EXPR_IMPLIED_CAST:
		extent_expr(x, expr->cast_expression);
		break;
	case EXPR_CONDITIONAL: case EXPR_SELECT:
		extent_expr(x, expr->conditional);
		extent_expr(x, expr->cond_true);
		extent_expr(x, expr->cond_false);
		break;
	case EXPR_STATEMENT:
		extent_stmt(x, expr->statement);
		break;
	case EXPR_CALL:
		extent_expr(x, expr->fn);
		FOR_EACH_PTR(expr->args, e) {
			extent_expr(x, e);
		} END_FOR_EACH_PTR(e);
		break;
	case EXPR_DEREF:
		extent_expr(x, expr->deref);
		break;
	case EXPR_INITIALIZER:
		FOR_EACH_PTR(expr->expr_list, e) {
			extent_expr(x, e);
		} END_FOR_EACH_PTR(e);
		break;
	case EXPR_POS:
		extent_expr(x, expr->init_expr);
		break;
	default:
		break;
	}
}

static void extent_stmt(struct extent *x, struct statement *stmt)
{
	struct statement *s;
	struct symbol *sym;

	if (!stmt || !x->budget--)
		return;
	extent_pos(x, stmt->pos);
	switch (stmt->type) {
	case STMT_COMPOUND:
		FOR_EACH_PTR(stmt->stmts, s) {
			extent_stmt(x, s);
		} END_FOR_EACH_PTR(s);
		break;
	case STMT_DECLARATION:
		FOR_EACH_PTR(stmt->declaration, sym) {
			extent_pos(x, sym->pos);
			extent_expr(x, sym->initializer);
		} END_FOR_EACH_PTR(sym);
		break;
	case STMT_EXPRESSION:
		extent_expr(x, stmt->expression);
		break;
	case STMT_RETURN:
		extent_expr(x, stmt->ret_value);
		break;
	case STMT_IF:
		extent_expr(x, stmt->if_conditional);
		extent_stmt(x, stmt->if_true);
		extent_stmt(x, stmt->if_false);
		break;
	case STMT_ITERATOR:
		extent_stmt(x, stmt->iterator_pre_statement);
		extent_expr(x, stmt->iterator_pre_condition);
		extent_stmt(x, stmt->iterator_statement);
		extent_stmt(x, stmt->iterator_post_statement);
		extent_expr(x, stmt->iterator_post_condition);
		break;
	case STMT_SWITCH:
		extent_expr(x, stmt->switch_expression);
		extent_stmt(x, stmt->switch_statement);
		break;
	case STMT_CASE:
		extent_stmt(x, stmt->case_statement);
		break;
	case STMT_LABEL:
		extent_stmt(x, stmt->label_statement);
		break;
	default:
		break;
	}
}

/* body_end() of each inline function the unit's functions inline, walked
 * once for the unit, not once for each function that inlines it. */
static struct ptr_map body_ends;

static unsigned int body_end(struct symbol *fn)
{
	struct symbol *base = strip_node(fn);
	struct extent x = { fn->pos.stream, fn->pos.line, 100000 };
	int *known = map_entry(&body_ends, fn, 0);

	if (*known)
		return (unsigned int)*known - 1;
	if (base && base->type == SYM_FN)
		extent_stmt(&x, base->inline_stmt ? base->inline_stmt : base->stmt);
	*known = (int)x.last + 1;
	return x.last;
}

void lower_unit_done(void)
{
	map_free(&body_ends);
	map_init(&body_ends);
}

static void add_range(struct lower *l, struct symbol *fn)
{
	struct inline_range *r;

	/* a function inlined hundreds of times has one range */
	if (!fn || !fn->ident || map_get(&l->ranged, fn, 0))
		return;
	map_put(&l->ranged, fn, 1);
	if (l->nr_ranges == l->cap_ranges) {
		l->cap_ranges = l->cap_ranges ? 2 * l->cap_ranges : 16;
		l->ranges = pc_xrealloc(l->ranges, l->cap_ranges * sizeof(*l->ranges));
	}
	r = &l->ranges[l->nr_ranges++];
	r->fn = fn;
	r->stream = fn->pos.stream;
	r->first = fn->pos.line;
	r->last = body_end(fn);
	r->frame = ir_frame_new(l->func, fn->ident->name, IR_NONE);
}

/* A source line as a map key: unique for any stream and line a unit has
 * (streams and lines stay far below 2^24), never NULL. */
static const void *line_key(int stream, unsigned int line)
{
	return (const void *)((((uintptr_t)stream << 24 | line) << 4) | 1);
}

/*
 * Each line of each inline body, with the frame of the first range that
 * holds it (macro-made functions share lines): frame_of() is asked for
 * every instruction, and the ranges can be hundreds.
 */
static void index_range_lines(struct lower *l)
{
	unsigned int i, line, lines = 0;

	for (i = 0; i < l->nr_ranges; i++)
		lines += l->ranges[i].last - l->ranges[i].first + 1;
	map_reserve(&l->line_frames, lines);
	for (i = 0; i < l->nr_ranges; i++) {
		const struct inline_range *r = &l->ranges[i];

		for (line = r->first; line <= r->last; line++)
			if (!map_get(&l->line_frames, line_key(r->stream, line), 0))
				map_put(&l->line_frames, line_key(r->stream, line), r->frame + 1);
	}
}

/* An instruction is asked about twice, and the instructions of a line
 * come together: the last answer is kept. */
static int frame_of(struct lower *l, struct position pos)
{
	const void *key = line_key(pos.stream, pos.line);

	if (key != l->last_line) {
		l->last_frame = map_get(&l->line_frames, key, 0) - 1;
		l->last_line = key;
	}
	return l->last_frame;
}

static bool frame_modelled(const struct lower *l, int frame)
{
	return frame != IR_NONE &&
	       engine_models_call(l->model, l->func->frames[frame].function);
}

/* ---------------------------------------------------------- values */

static int value_for(struct lower *l, pseudo_t p)
{
	int *v = map_entry(&l->values, p, IR_NONE);

	if (*v == IR_NONE) {
		*v = ir_value_new(l->func, NULL);
		/* sparse's identifiers live until it exits: no copy */
		l->func->value_names[*v] = ident_name(p->ident);
	}
	return *v;
}

/* An operand: registers and arguments by their value, others emitted here. */
/* A variable of the function's own: not at file scope, static or extern. */
static bool is_local(const struct symbol *sym)
{
	return sym && sym->type == SYM_NODE &&
	       !(sym->ctype.modifiers & (MOD_TOPLEVEL | MOD_STATIC | MOD_EXTERN)) &&
	       !(sym->ctype.base_type && sym->ctype.base_type->type == SYM_FN);
}

static int operand(struct lower *l, int block, pseudo_t p, struct position pos)
{
	struct ir_insn *insn;

	if (!p)
		return IR_NONE;
	switch (p->type) {
	case PSEUDO_REG:
	case PSEUDO_ARG:
		return value_for(l, p);
	case PSEUDO_VAL:
		insn = ir_emit(l->func, block, IR_CONST, loc_of(pos));
		insn->constant = p->value;
		insn->value = ir_value_new(l->func, NULL);
		return insn->value;
	case PSEUDO_SYM:
		/* one value per symbol, so its fields are one object */
		if (map_get(&l->values, p, IR_NONE) != IR_NONE)
			return map_get(&l->values, p, IR_NONE);
		insn = ir_emit(l->func, block, IR_OPAQUE, loc_of(pos));
		insn->name = sym_name(p->sym);	/* sparse's own, as value_for()'s */
		insn->local = is_local(p->sym);
		insn->value = value_for(l, p);
		return insn->value;
	default:
		return IR_NONE;
	}
}

#define FEW_OPERANDS 16

/* A call's operands into @few when they fit (most calls: no allocation
 * for each), else into an array the caller frees. */
static int list_operands(struct lower *l, int block, struct pseudo_list *list,
			 struct position pos, int *few, int **out)
{
	int n = pseudo_list_size(list), i = 0;
	pseudo_t p;

	*out = n < FEW_OPERANDS ? few : pc_xcalloc(n + 1, sizeof(int));
	FOR_EACH_PTR(list, p) {
		(*out)[i++] = operand(l, block, p, pos);
	} END_FOR_EACH_PTR(p);
	return n;
}

/* The value an instruction defines: its target's, or a throwaway one when
 * a marker of a modelled inline function defines that target instead. */
static int target_value(struct lower *l, struct instruction *insn)
{
	if (!insn->target || insn->target->type != PSEUDO_REG)
		return IR_NONE;
	if (insn->opcode != OP_INLINED_CALL &&
	    map_get(&l->claimed, insn->target, 0))
		return ir_value_new(l->func, NULL);
	return value_for(l, insn->target);
}

/* ---------------------------------------------------------- instructions */

static enum ir_op binop_kind(struct instruction *insn)
{
	switch (insn->opcode) {
	case OP_SET_EQ:
	case OP_SET_NE:
		return IR_OP_COUNT;	/* handled as conditions */
	case OP_AND:
		if (insn->src2->type == PSEUDO_VAL)
			return IR_AND_CONST;
		return IR_ARITH;
	default:
		if (insn->opcode >= OP_FCMP_ORD && insn->opcode <= OP_SET_AE + 1)
			return IR_OPAQUE;	/* comparisons carry no phys */
		return IR_ARITH;
	}
}

/*
 * `x == K` and `x != K` with a constant K (`x == 0` among them): the
 * engine sees guards through them (ir_compare_const()).  Other
 * comparisons carry no phys.
 */
static void lower_compare(struct lower *l, int block, struct instruction *insn)
{
	bool zero = is_zero(insn->src1) || is_zero(insn->src2);
	pseudo_t x, k;
	struct ir_insn *out;

	if (zero) {
		x = is_zero(insn->src2) ? insn->src1 : insn->src2;
		k = is_zero(insn->src2) ? insn->src2 : insn->src1;
	} else if (insn->src2->type == PSEUDO_VAL) {
		x = insn->src1;
		k = insn->src2;
	} else if (insn->src1->type == PSEUDO_VAL) {
		x = insn->src2;
		k = insn->src1;
	} else {
		out = ir_emit(l->func, block, IR_OPAQUE, loc_of(insn->pos));
		out->value = target_value(l, insn);
		return;
	}
	out = ir_compare_const(l->func, block, operand(l, block, x, insn->pos),
			       k->value, insn->opcode == OP_SET_EQ, loc_of(insn->pos));
	out->value = target_value(l, insn);
}

/* Callees declared with annotations, whether or not defined in this file. */
static struct symbol **annotated_callees;
static unsigned int nr_annotated_callees;

static bool has_annotations(struct symbol *fn_sym)
{
	struct symbol *fn = strip_node(fn_sym), *arg;

	if (!fn || fn->type != SYM_FN)
		return false;
	if (annotation_of(fn_sym) != PROV_NONE)
		return true;
	FOR_EACH_PTR(fn->arguments, arg) {
		if (annotation_of(arg) != PROV_NONE)
			return true;
	} END_FOR_EACH_PTR(arg);
	return false;
}

static void note_callee(pseudo_t func)
{
	unsigned int i;

	if (!func || func->type != PSEUDO_SYM || !has_annotations(func->sym))
		return;
	for (i = 0; i < nr_annotated_callees; i++)
		if (annotated_callees[i] == func->sym)
			return;
	annotated_callees = pc_xrealloc(annotated_callees,
					(nr_annotated_callees + 1) * sizeof(*annotated_callees));
	annotated_callees[nr_annotated_callees++] = func->sym;
}

static enum prov_state return_annotation(struct symbol *fn_sym);

/* A prototype's annotations, for calls to a function this file may not define. */
static void declare(struct ir_unit *unit, struct symbol *sym)
{
	struct symbol *fn = strip_node(sym), *arg;
	enum prov_state *params;
	unsigned int n, i = 0;

	if (!fn || fn->type != SYM_FN)
		return;
	n = (unsigned int)symbol_list_size(fn->arguments);
	params = pc_xcalloc(n + 1, sizeof(*params));
	FOR_EACH_PTR(fn->arguments, arg) {
		params[i++] = annotation_of(arg);
	} END_FOR_EACH_PTR(arg);
	ir_declare(unit, sym_name(sym), loc_of(sym->pos), return_annotation(sym), params, n);
	free(params);
}

/*
 * A prototype's annotations speak for calls to a function this file does
 * not define: `void f(struct page * __must_kmap page);` in a header.
 * ir_declare() leaves out those the file defines.
 */
void lower_declarations(struct ir_unit *unit)
{
	unsigned int i;

	for (i = 0; i < nr_annotated_callees; i++)
		declare(unit, annotated_callees[i]);
	free(annotated_callees);
	annotated_callees = NULL;
	nr_annotated_callees = 0;
}

static void lower_call(struct lower *l, int block, struct instruction *insn, bool inlined)
{
	const char *name = callee_name(insn->func);
	int few[FEW_OPERANDS], *args, n;
	struct ir_insn *out;

	if (inlined && !engine_models_call(l->model, name)) {
		/* the body speaks for itself; the marker only says where the
		 * body was called from, for findings inside it */
		n = list_operands(l, block, insn->arguments, insn->pos, few, &args);
		out = ir_emit(l->func, block, IR_CALL, loc_of(insn->pos));
		out->name = name;	/* sparse's own, as value_for()'s */
		out->inlined = true;
		ir_set_operands(l->func, out, args, n);
		if (args != few)
			free(args);
		return;
	}
	if (!inlined)
		note_callee(insn->func);
	n = list_operands(l, block, insn->arguments, insn->pos, few, &args);
	out = ir_emit(l->func, block, IR_CALL, loc_of(insn->pos));
	out->name = name;
	out->inlined = inlined;
	ir_set_operands(l->func, out, args, n);
	if (args != few)
		free(args);
	if (inlined && insn->target && insn->target->type == PSEUDO_REG &&
	    map_get(&l->claimed, insn->target, 0) &&
	    !frame_modelled(l, frame_of(l, insn->pos)))
		out->value = value_for(l, insn->target);
	else if (inlined && insn->target && insn->target != VOID)
		out->value = ir_value_new(l->func, NULL);
	else if (!inlined)
		out->value = target_value(l, insn);
}

/* The call of an inlined function (of this function's own code) whose
 * result @value is: `return sg_phys(sg);` with sg_phys() unmodelled. */
static struct position inlined_call_pos(const struct lower *l, pseudo_t value,
					struct position fallback)
{
	int at = map_get(&l->inlined_at, value, 0);

	return at ? l->inlined_pos[at - 1] : fallback;
}

/* Where a phi's incoming value was made, in this function's own code:
 * `return sg_phys(sg);` leaves its phi source inside sg_phys's body. */
static struct position phi_source_pos(struct lower *l, struct instruction *src)
{
	pseudo_t value = src->phi_src;
	int claimer;

	if (frame_of(l, src->pos) == IR_NONE || !value || value->type != PSEUDO_REG)
		return src->pos;
	claimer = map_get(&l->claimed, value, 0);
	if (claimer)
		return l->claimers[claimer - 1]->pos;	/* the inlined call */
	if (value->def && frame_of(l, value->def->pos) == IR_NONE)
		return value->def->pos;
	return inlined_call_pos(l, value, src->pos);
}

static void lower_phi(struct lower *l, int block, struct instruction *insn)
{
	struct diag_loc locs[64];
	int ops[64], preds[64], n = 0;
	struct ir_insn *out;
	pseudo_t phi;

	FOR_EACH_PTR(insn->phi_list, phi) {
		if (phi->type != PSEUDO_PHI || !phi->def || n == 64)
			continue;
		/* a phi source sits where its value was made: for the phi of
		 * a function's result, at each return statement */
		locs[n] = loc_of(phi_source_pos(l, phi->def));
		/* and at the end of the predecessor it comes in from */
		preds[n] = phi->def->bb ? map_get(&l->blocks, phi->def->bb, IR_NONE) : IR_NONE;
		ops[n++] = operand(l, block, phi->def->phi_src, insn->pos);
	} END_FOR_EACH_PTR(phi);
	out = ir_emit(l->func, block, IR_PHI, loc_of(insn->pos));
	ir_set_operands(l->func, out, ops, (unsigned int)n);
	out->operand_locs = ir_alloc(l->unit, (n + 1) * sizeof(*locs));
	memcpy(out->operand_locs, locs, n * sizeof(*locs));
	out->operand_blocks = ir_alloc(l->unit, (n + 1) * sizeof(*preds));
	memcpy(out->operand_blocks, preds, n * sizeof(*preds));
	out->value = target_value(l, insn);
}

static void lower_memop(struct lower *l, int block, struct instruction *insn)
{
	const char *record, *member;
	struct ir_path path;
	struct ir_insn *out;
	pseudo_t object;
	bool own;
	int ops[2];

	/* the object's own pointer, so that two computations of the same
	 * field's address are one field to the engine */
	object = field_names(l, insn->src, insn->offset, &record, &member, &path, &own);
	ops[0] = operand(l, block, object, insn->pos);
	if (insn->opcode == OP_STORE) {
		ops[1] = operand(l, block, insn->target, insn->pos);
		out = ir_emit(l->func, block, IR_STORE, loc_of(insn->pos));
		ir_set_operands(l->func, out, ops, 2);
	} else {
		out = ir_emit(l->func, block, IR_LOAD, loc_of(insn->pos));
		ir_set_operands(l->func, out, ops, 1);
		out->value = target_value(l, insn);
		out->scalar = insn->type && is_int_type(insn->type);
	}
	ir_name_field(l->func, out, record, member, &path);
	out->own_record = own;
}

static enum ir_arith arith_kind(int opcode)
{
	switch (opcode) {
	case OP_ADD:
		return IR_ARITH_ADD;
	case OP_SUB:
		return IR_ARITH_SUB;
	case OP_AND:
		return IR_ARITH_AND;
	case OP_OR:
		return IR_ARITH_OR;
	default:
		return IR_ARITH_OTHER;
	}
}

static void lower_simple(struct lower *l, int block, struct instruction *insn,
			 enum ir_op op, pseudo_t a, pseudo_t b, pseudo_t c)
{
	int ops[3], n = 0;
	struct ir_insn *out;

	if (a)
		ops[n++] = operand(l, block, a, insn->pos);
	if (b)
		ops[n++] = operand(l, block, b, insn->pos);
	if (c)
		ops[n++] = operand(l, block, c, insn->pos);
	out = ir_emit(l->func, block, op, loc_of(insn->pos));
	ir_set_operands(l->func, out, ops, (unsigned int)n);
	if (op == IR_AND_CONST && b && b->type == PSEUDO_VAL) {
		out->constant = b->value;
		out->nr_operands = 1;
	}
	out->value = target_value(l, insn);
	if (op == IR_ARITH)
		out->arith = arith_kind(insn->opcode);
}

static void lower_insn(struct lower *l, int block, struct instruction *insn)
{
	int frame = frame_of(l, insn->pos);
	unsigned int before = l->func->blocks[block]->nr_insns, i;
	enum ir_op kind;

	switch (insn->opcode) {
	case OP_CALL:
		lower_call(l, block, insn, false);
		break;
	case OP_INLINED_CALL:
		lower_call(l, block, insn, true);
		break;
	case OP_PHI:
		lower_phi(l, block, insn);
		break;
	case OP_LOAD:
	case OP_STORE:
		lower_memop(l, block, insn);
		break;
	case OP_SET_EQ:
	case OP_SET_NE:
		lower_compare(l, block, insn);
		break;
	case OP_SEL:
		lower_simple(l, block, insn, IR_PHI, insn->src2, insn->src3, NULL);
		break;
	case OP_NOT: case OP_NEG: case OP_TRUNC: case OP_ZEXT: case OP_SEXT:
	case OP_UTPTR: case OP_PTRTU: case OP_PTRCAST: case OP_COPY: case OP_SLICE:
		lower_simple(l, block, insn, IR_ARITH, insn->src, NULL, NULL);
		break;
	case OP_SYMADDR:
		/* each `&hold` is the symbol's one value: the same object */
		lower_simple(l, block, insn, IR_ARITH, insn->src, NULL, NULL);
		break;
	case OP_SETVAL: case OP_SETFVAL: case OP_FNEG:
	case OP_FCVTU: case OP_FCVTS: case OP_UCVTF: case OP_SCVTF: case OP_FCVTF:
	case OP_FADD: case OP_FSUB: case OP_FMUL: case OP_FDIV: case OP_FMADD:
	case OP_ASM:
		if (insn->target && insn->target->type == PSEUDO_REG)
			ir_emit(l->func, block, IR_OPAQUE, loc_of(insn->pos))->value =
				target_value(l, insn);
		break;
	default:
		if (insn->opcode >= OP_ADD && insn->opcode <= OP_SET_NE) {
			kind = binop_kind(insn);
			if (kind == IR_OPAQUE)
				ir_emit(l->func, block, IR_OPAQUE, loc_of(insn->pos))->value =
					target_value(l, insn);
			else
				lower_simple(l, block, insn, kind, insn->src1, insn->src2, NULL);
		}
		break;
	}
	/* what was emitted sits in the inline frame of its position; for a
	 * marker, that is where the inlined function was called from */
	for (i = before; i < l->func->blocks[block]->nr_insns; i++)
		l->func->blocks[block]->insns[i]->frame = frame;
}

/* Each case's values, and the default (begin > end in sparse), by edge. */
static void lower_switch(struct lower *l, int block, struct instruction *insn)
{
	struct multijmp *jmp;
	struct ir_insn *out;
	int cond = operand(l, block, insn->cond, insn->pos);

	out = ir_emit(l->func, block, IR_SWITCH, loc_of(insn->pos));
	ir_set_operands(l->func, out, &cond, 1);
	FOR_EACH_PTR(insn->multijmp_list, jmp) {
		ir_add_case(l->func, block, out, jmp->begin, jmp->end,
			    map_get(&l->blocks, jmp->target, 0), jmp->begin > jmp->end);
	} END_FOR_EACH_PTR(jmp);
}

static void lower_terminator(struct lower *l, int block, struct instruction *insn)
{
	struct multijmp *jmp;
	struct ir_insn *out;
	int cond;

	switch (insn->opcode) {
	case OP_RET:
		cond = insn->src && insn->src != VOID ?
			operand(l, block, insn->src, insn->pos) : IR_NONE;
		out = ir_emit(l->func, block, IR_RET, loc_of(insn->pos));
		if (cond != IR_NONE)
			ir_set_operands(l->func, out, &cond, 1);
		break;
	case OP_BR:
		ir_emit(l->func, block, IR_JMP, loc_of(insn->pos));
		ir_add_succ(l->func, block, map_get(&l->blocks, insn->bb_true, 0));
		break;
	case OP_CBR:
		cond = operand(l, block, insn->cond, insn->pos);
		out = ir_emit(l->func, block, IR_BR, loc_of(insn->pos));
		ir_set_operands(l->func, out, &cond, 1);
		ir_add_succ(l->func, block, map_get(&l->blocks, insn->bb_true, 0));
		ir_add_succ(l->func, block, map_get(&l->blocks, insn->bb_false, 0));
		break;
	case OP_SWITCH:
		lower_switch(l, block, insn);
		break;
	case OP_COMPUTEDGOTO:
		ir_emit(l->func, block, IR_SWITCH, loc_of(insn->pos));
		FOR_EACH_PTR(insn->multijmp_list, jmp) {
			ir_add_succ(l->func, block, map_get(&l->blocks, jmp->target, 0));
		} END_FOR_EACH_PTR(jmp);
		break;
	default:
		break;
	}
}

static bool is_terminator(int opcode)
{
	return opcode == OP_RET || opcode == OP_BR || opcode == OP_CBR ||
	       opcode == OP_SWITCH || opcode == OP_COMPUTEDGOTO || opcode == OP_UNREACH;
}

/* The calls of inlined functions in this function's own code, by the
 * pseudo they define, the first one for each: inlined_call_pos() asks
 * for every phi source made in an inlined body. */
static void index_inlined_call(struct lower *l, struct instruction *marker)
{
	if (!marker->target || map_get(&l->inlined_at, marker->target, 0) ||
	    frame_of(l, marker->pos) != IR_NONE)
		return;
	l->inlined_pos = pc_xrealloc(l->inlined_pos, (l->nr_inlined_pos + 1) *
				     sizeof(*l->inlined_pos));
	l->inlined_pos[l->nr_inlined_pos++] = marker->pos;
	map_put(&l->inlined_at, marker->target, (int)l->nr_inlined_pos);
}

/* A modelled inline call (not inside another modelled body) defines its
 * target: the model says what the value is, not the body. */
static void claim_target(struct lower *l, struct instruction *marker)
{
	if (!engine_models_call(l->model, callee_name(marker->func)) ||
	    frame_modelled(l, frame_of(l, marker->pos)))
		return;
	if (marker->target && marker->target->type == PSEUDO_REG) {
		l->claimers = pc_xrealloc(l->claimers, (l->nr_claimers + 1) *
					  sizeof(*l->claimers));
		l->claimers[l->nr_claimers++] = marker;
		map_put(&l->claimed, marker->target, (int)l->nr_claimers);
	}
}

/* Inline ranges, and the targets that modelled markers define. */
static void scan_markers(struct lower *l)
{
	struct basic_block *bb;
	struct instruction *insn;
	unsigned int live = 0;

	FOR_EACH_PTR(l->ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, insn) {
			live += insn->bb != NULL;
			if (insn->bb && insn->opcode == OP_INLINED_CALL &&
			    insn->func && insn->func->type == PSEUDO_SYM)
				add_range(l, insn->func->sym);
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
	/* about one value for each instruction: no rehashing on the way */
	map_reserve(&l->values, live);
	index_range_lines(l);
	/* both need the ranges' lines; one walk for the two */
	FOR_EACH_PTR(l->ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, insn) {
			if (!insn->bb || insn->opcode != OP_INLINED_CALL)
				continue;
			claim_target(l, insn);
			index_inlined_call(l, insn);
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
}

static void lower_params(struct lower *l)
{
	pseudo_t arg;

	if (!l->ep->entry)
		return;
	FOR_EACH_PTR(l->ep->entry->arg_list, arg) {
		struct ir_insn *out;

		if (arg->nr < 1 || (unsigned int)arg->nr > l->func->nr_params)
			continue;
		out = ir_emit(l->func, 0, IR_PARAM, loc_of(l->ep->name->pos));
		out->index = (unsigned int)arg->nr - 1;
		out->value = value_for(l, arg);
	} END_FOR_EACH_PTR(arg);
}

/* include/physcheck.h's annotation of a function's return value. */
static enum prov_state return_annotation(struct symbol *fn_sym)
{
	struct symbol *fn = strip_node(fn_sym);
	enum prov_state s = annotation_of(fn_sym);

	if (s == PROV_NONE && fn)
		s = annotation_of(fn->ctype.base_type);
	return s;
}

/* include/physcheck.h annotations on the parameters and the return value. */
static void set_annotations(struct ir_func *func, struct symbol *fn_sym)
{
	struct symbol *fn = strip_node(fn_sym), *arg;
	unsigned int i = 0;

	if (!fn || fn->type != SYM_FN)
		return;
	func->ret_annotation = return_annotation(fn_sym);
	FOR_EACH_PTR(fn->arguments, arg) {
		if (i < func->nr_params)
			func->params[i].annotation = annotation_of(arg);
		i++;
	} END_FOR_EACH_PTR(arg);
}

static void lower_annotations(struct lower *l)
{
	set_annotations(l->func, l->ep->name);
}

static unsigned int count_params(struct entrypoint *ep)
{
	struct symbol *fn = strip_node(ep->name);

	return fn && fn->type == SYM_FN ? (unsigned int)symbol_list_size(fn->arguments) : 0;
}

void lower_entrypoint(struct ir_unit *unit, const struct model *model,
		      struct entrypoint *ep)
{
	struct lower l;
	struct basic_block *bb;
	struct instruction *insn;

	if (!ep || !ep->name || !ep->entry || !ep->entry->bb)
		return;
	memset(&l, 0, sizeof(l));
	l.record_stream = -1;
	l.model = model;
	l.unit = unit;
	l.ep = ep;
	l.func = ir_func_new(unit, sym_name(ep->name) ? sym_name(ep->name) : "<anonymous>",
			     loc_of(ep->name->pos), count_params(ep));
	l.func->is_static = (ep->name->ctype.modifiers & MOD_STATIC) != 0;
	map_init(&l.blocks);
	map_init(&l.values);
	map_init(&l.claimed);
	map_init(&l.inlined_at);
	map_init(&l.line_frames);
	map_init(&l.ranged);
	map_reserve(&l.blocks, (unsigned int)bb_list_size(ep->bbs));
	map_put(&l.blocks, ep->entry->bb, ir_block_new(l.func));
	FOR_EACH_PTR(ep->bbs, bb) {
		if (bb != ep->entry->bb)
			map_put(&l.blocks, bb, ir_block_new(l.func));
	} END_FOR_EACH_PTR(bb);
	scan_markers(&l);
	lower_annotations(&l);
	lower_params(&l);
	FOR_EACH_PTR(ep->bbs, bb) {
		int block = map_get(&l.blocks, bb, 0);
		struct instruction *last = NULL;
		struct position own = bb->pos;

		FOR_EACH_PTR(bb->insns, insn) {
			if (!insn->bb)
				continue;
			if (frame_of(&l, insn->pos) == IR_NONE)
				own = insn->pos;
			if (is_terminator(insn->opcode))
				last = insn;
			else
				lower_insn(&l, block, insn);
		} END_FOR_EACH_PTR(insn);
		if (last) {
			/* `return sg_phys(sg);` ends with the inlined body's
			 * position: report it at the function's own code */
			if (frame_of(&l, last->pos) != IR_NONE)
				last->pos = own;
			lower_terminator(&l, block, last);
		}
	} END_FOR_EACH_PTR(bb);
	ir_func_finish(l.func);
	map_free(&l.blocks);
	map_free(&l.values);
	map_free(&l.claimed);
	map_free(&l.inlined_at);
	map_free(&l.line_frames);
	map_free(&l.ranged);
	free(l.inlined_pos);
	free(l.claimers);
	free(l.ranges);
}

/* ---------------------------------------------------------- markers */

static bool only_markers_then_branch(struct basic_block *bb)
{
	struct instruction *insn;
	bool markers = false;

	FOR_EACH_PTR(bb->insns, insn) {
		if (!insn->bb || insn->opcode == OP_NOP)
			continue;
		if (insn->opcode == OP_INLINED_CALL)
			markers = true;
		else if (insn->opcode != OP_BR)
			return false;
	} END_FOR_EACH_PTR(insn);
	return markers;
}

static struct instruction *copy_marker(struct instruction *marker, struct basic_block *to)
{
	struct instruction *copy = __alloc_instruction(0);
	pseudo_t arg;

	copy->opcode = OP_INLINED_CALL;
	copy->pos = marker->pos;
	copy->func = marker->func;
	copy->target = marker->target;
	copy->bb = to;
	FOR_EACH_PTR(marker->arguments, arg) {
		add_pseudo(&copy->arguments, arg);
	} END_FOR_EACH_PTR(arg);
	return copy;
}

/*
 * A void inline call that ends a block leaves its marker alone in a block
 * that only branches on; sparse's first CFG cleanup removes such forwarder
 * blocks, marker and all (it counts markers as nothing).  Put the markers
 * at the end of each parent instead, where they belong just as well: the
 * CFG sparse ends up with is the same, and the calls stay visible.
 */
static bool rescue_pass(struct entrypoint *ep)
{
	struct basic_block *bb, *parent;
	struct instruction *insn;
	bool moved = false;

	FOR_EACH_PTR(ep->bbs, bb) {
		if (!bb->ep || !bb->parents || !only_markers_then_branch(bb))
			continue;
		FOR_EACH_PTR(bb->insns, insn) {
			if (!insn->bb || insn->opcode != OP_INLINED_CALL)
				continue;
			FOR_EACH_PTR(bb->parents, parent) {
				if (parent != bb && last_instruction(parent->insns))
					insert_last_instruction(parent, copy_marker(insn, parent));
			} END_FOR_EACH_PTR(parent);
			insn->bb = NULL;
			moved = true;
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
	return moved;
}

void lower_rescue_markers(struct entrypoint *ep)
{
	unsigned int pass;

	/* forwarders may chain: move markers up until a real block holds them */
	for (pass = 0; pass < 16 && rescue_pass(ep); pass++)
		;
}

/*
 * Called before sparse optimizes a freshly linearized function: make each
 * inlined-call marker a registered user of its arguments and result, so
 * that the optimizer rewrites them as it rewrites every other use.
 */
void lower_track_markers(struct entrypoint *ep)
{
	struct basic_block *bb;
	struct instruction *insn;

	FOR_EACH_PTR(ep->bbs, bb) {
		FOR_EACH_PTR(bb->insns, insn) {
			pseudo_t arg;

			if (!insn->bb || insn->opcode != OP_INLINED_CALL)
				continue;
			FOR_EACH_PTR(insn->arguments, arg) {
				use_pseudo(insn, arg, (pseudo_t *)THIS_ADDRESS(arg));
			} END_FOR_EACH_PTR(arg);
			if (insn->target)
				use_pseudo(insn, insn->target, &insn->target);
		} END_FOR_EACH_PTR(insn);
	} END_FOR_EACH_PTR(bb);
}

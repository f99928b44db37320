// SPDX-License-Identifier: GPL-2.0
/*
 * One translation unit through physcheck: collect sparse's entrypoints,
 * find which functions fill which ops-structure members, resolve the
 * model's flag macros, lower everything and run the engine.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lower.h"		/* linearize.h before flow.h, as sparse has it */
#include "expression.h"
#include "symbol.h"
#include "token.h"
#include "unit.h"
#include "xalloc.h"

struct unit_state {
	const struct model *model;
	struct ir_roles roles;
	struct ir_unit *ir;
};

static struct unit_state current;

/*
 * A freshly linearized function, before sparse optimizes it: keep its
 * inlined-call markers alive and accurate through what follows.
 */
void unit_prepare(struct entrypoint *ep)
{
	if (!current.ir)
		return;
	lower_rescue_markers(ep);
	lower_track_markers(ep);
}

/*
 * The function as sparse's optimize() has it right after putting locals
 * in SSA form, and before it simplifies: the branches still test what the
 * source tests, which later branch threading would spread over an
 * inlined guard's insides.  Taken from inside optimize(), so that sparse
 * runs exactly its own passes, once each, and says exactly what sparse
 * says.
 */
void unit_lower(struct entrypoint *ep)
{
	if (!current.ir)
		return;
	if (getenv("PHYSCHECK_DUMP_LINEARIZED"))
		show_entry(ep);
	lower_entrypoint(current.ir, current.model, ep);
}

/* ------------------------------------------------------------ roles */

static struct symbol *strip(struct symbol *type)
{
	while (type && type->type == SYM_NODE)
		type = type->ctype.base_type;
	return type;
}

static struct symbol *member_at_offset(struct symbol *record, unsigned int offset)
{
	struct symbol *member;

	FOR_EACH_PTR(record->symbol_list, member) {
		if (member->ident && member->offset == offset)
			return member;
	} END_FOR_EACH_PTR(member);
	return NULL;
}

static struct symbol *function_in(struct expression *expr)
{
	while (expr) {
		switch (expr->type) {
		case EXPR_CAST:
		case EXPR_FORCE_CAST:
		case EXPR_IMPLIED_CAST:
			expr = expr->cast_expression;
			continue;
		case EXPR_PREOP:
			if (expr->op != '&')
				return NULL;
			expr = expr->unop;
			continue;
		case EXPR_SYMBOL: {
			struct symbol *fn = strip(expr->symbol);

			return fn && fn->type == SYM_FN ? expr->symbol : NULL;
		}
		default:
			return NULL;
		}
	}
	return NULL;
}

/* `.map_page = foo_map_page` in an ops structure: foo_map_page plays that role. */
static void scan_initializer(struct symbol *record, struct expression *init)
{
	struct expression *entry;

	if (!init || init->type != EXPR_INITIALIZER || !record->ident)
		return;
	FOR_EACH_PTR(init->expr_list, entry) {
		struct symbol *member, *fn;

		if (entry->type != EXPR_POS)
			continue;
		member = member_at_offset(record, entry->init_offset);
		fn = function_in(entry->init_expr);
		if (member && fn && fn->ident)
			ir_roles_add(&current.roles, fn->ident->name, record->ident->name,
				     member->ident->name);
	} END_FOR_EACH_PTR(entry);
}

static void find_roles(struct symbol_list *list)
{
	struct symbol *sym;

	FOR_EACH_PTR(list, sym) {
		struct symbol *type = strip(sym);

		if (sym->initializer && type && type->type == SYM_STRUCT)
			scan_initializer(type, sym->initializer);
	} END_FOR_EACH_PTR(sym);
}

/* ------------------------------------------------------------ flags */

/*
 * The value of a flag macro such as `#define DMA_ATTR_MMIO (1UL << 10)`:
 * numbers, parentheses, `<<` and `|` are what flag definitions use.
 */
struct flag_eval {
	struct token *t;
	bool ok;
};

static unsigned long long eval_or(struct flag_eval *e);

static unsigned long long eval_primary(struct flag_eval *e)
{
	unsigned long long v;

	if (eof_token(e->t)) {
		e->ok = false;
		return 0;
	}
	if (token_type(e->t) == TOKEN_NUMBER) {
		v = strtoull(e->t->number, NULL, 0);
		e->t = e->t->next;
		return v;
	}
	if (match_op(e->t, '(')) {
		e->t = e->t->next;
		v = eval_or(e);
		if (!match_op(e->t, ')'))
			e->ok = false;
		else
			e->t = e->t->next;
		return v;
	}
	e->ok = false;
	return 0;
}

static unsigned long long eval_shift(struct flag_eval *e)
{
	unsigned long long v = eval_primary(e);

	while (e->ok && !eof_token(e->t) && match_op(e->t, SPECIAL_LEFTSHIFT)) {
		e->t = e->t->next;
		v <<= eval_primary(e);
	}
	return v;
}

static unsigned long long eval_or(struct flag_eval *e)
{
	unsigned long long v = eval_shift(e);

	while (e->ok && !eof_token(e->t) && match_op(e->t, '|')) {
		e->t = e->t->next;
		v |= eval_shift(e);
	}
	return v;
}

/*
 * An enumerator's value: its initializer, evaluated by the parser.  A
 * variable with a constant initializer is not one: the GCC plugin sees
 * enumerators only, and both checkers must agree.
 */
static bool enumerator_value(const char *name, unsigned long long *v)
{
	struct symbol *sym = lookup_symbol(built_in_ident(name), NS_SYMBOL);

	if (!sym || sym->type != SYM_NODE || !sym->enum_member || !sym->initializer ||
	    sym->initializer->type != EXPR_VALUE)
		return false;
	*v = sym->initializer->value;
	return true;
}

static void resolve_flag(const char *name, void *ctx)
{
	struct ir_unit *ir = ctx;
	struct symbol *macro = lookup_symbol(built_in_ident(name), NS_MACRO);
	struct flag_eval e;
	unsigned long long v;
	unsigned int i;

	for (i = 0; i < ir->nr_flags; i++)
		if (!strcmp(ir->flags[i].name, name))
			return;
	if (!macro && enumerator_value(name, &v)) {
		ir_unit_add_flag(ir, name, v);
		return;
	}
	if (!macro || macro->namespace != NS_MACRO || !macro->expansion ||
	    macro->arglist)
		return;
	e.t = macro->expansion;
	e.ok = true;
	v = eval_or(&e);
	/* the preprocessor ends an expansion with an untaint marker */
	while (!eof_token(e.t) && token_type(e.t) == TOKEN_UNTAINT)
		e.t = e.t->next;
	if (e.ok && eof_token(e.t))
		ir_unit_add_flag(ir, name, v);
}

/* ------------------------------------------------------------ the unit */

/* Right after parsing, while the file's macros can still be read. */
void unit_begin(const char *file, const struct model *model)
{
	current.model = model;
	current.ir = ir_unit_new(file);
	engine_for_each_flag(current.model, resolve_flag, current.ir);
}

/* Once sparse has evaluated the file: initializers say who plays what role. */
void unit_roles(struct symbol_list *list)
{
	find_roles(list);
}

/* After: every function is lowered; check the unit. */
void unit_end(void)
{
	unsigned int i;

	if (!current.ir)
		return;
	lower_declarations(current.ir);
	ir_roles_assign(&current.roles, current.ir);
	if (getenv("PHYSCHECK_DUMP_IR"))
		for (i = 0; i < current.ir->nr_funcs; i++)
			ir_dump(current.ir->funcs[i], stderr);
	engine_check_unit(current.model, current.ir, NULL);
	ir_unit_free(current.ir);
	ir_roles_clear(&current.roles);
	memset(&current, 0, sizeof(current));
}

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
#include "annotations.h"
#include "facts.h"
#include "flag_expr.h"
#include "expression.h"
#include "symbol.h"
#include "token.h"
#include "unit.h"
#include "xalloc.h"

struct unit_state {
	const struct model *model;
	struct ir_roles roles;
	struct ir_unit *ir;
	bool skippable;		/* no finding can be born here */
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
 * A flag macro's body, such as `(1UL << 10)` for DMA_ATTR_MMIO, token by
 * token for flag_expr_eval().  The preprocessor ends an expansion with
 * untaint markers: only those left, the body has ended.
 */
static bool body_ended(struct token *t)
{
	while (!eof_token(t) && token_type(t) == TOKEN_UNTAINT)
		t = t->next;
	return eof_token(t);
}

static enum flag_token token_peek(void *ctx, unsigned long long *value)
{
	struct token *t = *(struct token **)ctx;

	if (body_ended(t))
		return FLAG_TOKEN_END;
	if (token_type(t) == TOKEN_NUMBER) {
		*value = strtoull(t->number, NULL, 0);
		return FLAG_TOKEN_NUMBER;
	}
	if (match_op(t, '('))
		return FLAG_TOKEN_OPEN;
	if (match_op(t, ')'))
		return FLAG_TOKEN_CLOSE;
	if (match_op(t, SPECIAL_LEFTSHIFT))
		return FLAG_TOKEN_SHIFT;
	if (match_op(t, '|'))
		return FLAG_TOKEN_OR;
	return FLAG_TOKEN_OTHER;
}

static void token_next(void *ctx)
{
	struct token **t = (struct token **)ctx;

	*t = (*t)->next;
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
	struct token *body;
	struct flag_lexer lexer = { token_peek, token_next, &body };
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
	body = macro->expansion;
	if (flag_expr_eval(&lexer, &v))
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

static struct engine_io io;
static const char *facts_dir;

/* Whether a model name is declared in the unit as a function or a variable. */
static void find_declared(const char *name, void *ctx)
{
	bool *declared = ctx;
	struct symbol *sym;

	if (*declared)
		return;
	/* STRUCT.MEMBER: not a name sparse binds; take it as used */
	if (strchr(name, '.')) {
		*declared = true;
		return;
	}
	/* a macro of the name does not count: it is gone before lowering */
	for (sym = built_in_ident(name)->symbols; sym; sym = sym->next_id)
		if (sym->namespace == NS_SYMBOL) {
			*declared = true;
			return;
		}
}

/*
 * Whether anything here can become a finding (engine_for_each_trigger()):
 * the unit declares a name a finding is born at, or holds an annotation.
 * Every function sparse linearizes, header inlines too, can only call or
 * read what the unit declares.
 */
static bool unit_can_find(void)
{
	bool declared = annotations_taken() != 0;

	engine_for_each_trigger(current.model, find_declared, &declared);
	return declared;
}

/*
 * Once sparse has evaluated the file: initializers say who plays what
 * role, and whether the unit is worth lowering at all.  When it cannot
 * hold a finding and no facts are written or read, it is not lowered or
 * analysed, and sparse runs exactly as it does alone: lib/zstd's
 * decompressors paid the lowering and the engine on huge inlined bodies
 * that touch no page (1.17x sparse's instructions).  Under
 * PHYSCHECK_VERIFY_SKIP such a unit that is analysed anyway (facts are
 * asked for) must report nothing, or unit_end() says so: the kernel tier
 * holds every file it checks to that.
 */
void unit_roles(struct symbol_list *list)
{
	if (!current.ir)
		return;
	current.skippable = !unit_can_find();
	if (current.skippable && !io.db && !io.want_facts) {
		if (getenv("PHYSCHECK_DUMP_IR"))
			fprintf(stderr, "physcheck: %s: not analysed: %s\n", current.ir->file,
				"it declares no sink, attrs mapper or linearmap base, and holds no annotation");
		ir_unit_free(current.ir);
		current.ir = NULL;
		return;
	}
	find_roles(list);
}

/* What the other units' facts say (@db), and where this unit's go. */
void unit_set_facts(const struct fact_db *db, const char *dir)
{
	io.db = db;
	io.want_facts = dir != NULL;
	facts_dir = dir;
}

/* After: every function is lowered; check the unit.  Returns false when
 * its facts could not be written. */
bool unit_end(void)
{
	struct engine_stats stats = { 0 };
	char error[512];
	unsigned int i;
	bool ok = true;

	if (!current.ir)
		return true;
	lower_declarations(current.ir);
	ir_roles_assign(&current.roles, current.ir);
	if (getenv("PHYSCHECK_DUMP_IR"))
		for (i = 0; i < current.ir->nr_funcs; i++)
			ir_dump(current.ir->funcs[i], stderr);
	engine_check_unit(current.model, current.ir, &io, &stats);
	if (current.skippable && stats.warnings && getenv("PHYSCHECK_VERIFY_SKIP"))
		fprintf(stderr, "physcheck: internal error: %s: %u findings in a unit "
			"taken to hold none\n", current.ir->file, stats.warnings);
	if (stats.facts && facts_dir &&
	    facts_write_file(facts_dir, current.ir->file, stats.facts, error, sizeof(error))) {
		fprintf(stderr, "physcheck: error: cannot write facts: %s\n", error);
		ok = false;
	}
	free(stats.facts);
	ir_unit_free(current.ir);
	lower_unit_done();
	ir_roles_clear(&current.roles);
	memset(&current, 0, sizeof(current));
	return ok;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * One translation unit through physcheck: the pass stages each function
 * here as it is lowered; at the end of the unit the ops-structure roles
 * and the model's flag macros are resolved, inline functions are expanded
 * into their callers (flatten.c) and the engine checks the unit, reporting
 * through GCC's diagnostics.
 */
#include "physcheck_gcc.h"
#include "output.h"	/* asm_out_file */

static struct ir_unit *stage;
static bool *stage_inline;	/* by function index in the stage */
static unsigned int cap_stage_inline;
static struct ir_roles roles;

/* ------------------------------------------------------------ staging */

struct ir_unit *unit_stage(void)
{
	if (!stage)
		stage = ir_unit_new(main_input_filename ? main_input_filename : "<stdin>");
	return stage;
}

void unit_staged(struct ir_func *func, bool inline_body)
{
	unsigned int index = stage->nr_funcs - 1;

	(void)func;
	if (index >= cap_stage_inline) {
		cap_stage_inline = cap_stage_inline ? cap_stage_inline * 2 : 64;
		while (cap_stage_inline <= index)
			cap_stage_inline *= 2;
		stage_inline = XRESIZEVEC(bool, stage_inline, cap_stage_inline);
	}
	stage_inline[index] = inline_body;
}

/*
 * Functions called but not defined here whose prototypes carry
 * annotations, in a unit of their own until the end: declared to the
 * engine (a function without blocks) unless the file defines them.
 */
static struct ir_unit *declared;

void unit_declare(const char *name, struct diag_loc loc, enum prov_state ret,
		  const enum prov_state *params, unsigned int nr_params)
{
	if (!declared)
		declared = ir_unit_new("<declarations>");
	ir_declare(declared, name, loc, ret, params, nr_params);
}

/* Each declaration, unless @unit defines the function. */
static void add_declarations(struct ir_unit *unit)
{
	enum prov_state params[PROV_MAX_PARAMS];
	unsigned int i, k;

	for (i = 0; declared && i < declared->nr_funcs; i++) {
		const struct ir_func *d = declared->funcs[i];

		for (k = 0; k < d->nr_params && k < PROV_MAX_PARAMS; k++)
			params[k] = d->params[k].annotation;
		ir_declare(unit, d->name, d->loc, d->ret_annotation, params, k);
	}
}

/* ------------------------------------------------------------ roles */

static tree function_in(tree value)
{
	while (value && (CONVERT_EXPR_P(value) || TREE_CODE(value) == NON_LVALUE_EXPR))
		value = TREE_OPERAND(value, 0);
	if (value && TREE_CODE(value) == ADDR_EXPR)
		value = TREE_OPERAND(value, 0);
	return value && TREE_CODE(value) == FUNCTION_DECL ? value : NULL_TREE;
}

/*
 * `.map_page = foo_map_page` in a file-scope ops structure: foo_map_page
 * plays that role.  Read as each declaration is finished, while its
 * initializer is what the user wrote.
 */
void unit_finish_decl(void *event_data, void *data)
{
	tree decl = (tree)event_data;
	tree init, type, field, value;
	unsigned HOST_WIDE_INT i;
	const char *record;

	(void)data;
	if (!decl || !VAR_P(decl) || (DECL_CONTEXT(decl) &&
	    TREE_CODE(DECL_CONTEXT(decl)) != TRANSLATION_UNIT_DECL))
		return;
	init = DECL_INITIAL(decl);
	type = TREE_TYPE(decl);
	if (!init || TREE_CODE(init) != CONSTRUCTOR || TREE_CODE(type) != RECORD_TYPE)
		return;
	record = TYPE_NAME(TYPE_MAIN_VARIANT(type)) &&
		 TREE_CODE(TYPE_NAME(TYPE_MAIN_VARIANT(type))) == IDENTIFIER_NODE ?
		 IDENTIFIER_POINTER(TYPE_NAME(TYPE_MAIN_VARIANT(type))) : NULL;
	if (!record)
		return;
	FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(init), i, field, value) {
		tree fn = function_in(value);

		if (field && TREE_CODE(field) == FIELD_DECL && DECL_NAME(field) &&
		    fn && DECL_NAME(fn))
			ir_roles_add(&roles, IDENTIFIER_POINTER(DECL_NAME(fn)), record,
				     IDENTIFIER_POINTER(DECL_NAME(field)));
	}
}

/* ------------------------------------------------------------ flags */

/*
 * The model's flag macros (DMA_ATTR_MMIO) are read from the preprocessor
 * at the end of the unit.  By then GCC no longer keeps identifiers alive
 * for their own sake and may purge an unused macro's one, so the unit
 * holds them from its start: the identifiers are a GC root.
 */
#define MAX_FLAGS 64

static tree flag_idents[MAX_FLAGS];
static unsigned int nr_flag_idents;

const struct ggc_root_tab physcheck_ggc_roots[] = {
	{ flag_idents, MAX_FLAGS, sizeof(flag_idents[0]),
	  &gt_ggc_mx_tree_node, &gt_pch_nx_tree_node },
	LAST_GGC_ROOT_TAB
};

static void hold_flag(const char *name, void *ctx)
{
	unsigned int i;

	(void)ctx;
	for (i = 0; i < nr_flag_idents; i++)
		if (!strcmp(IDENTIFIER_POINTER(flag_idents[i]), name))
			return;
	if (nr_flag_idents < MAX_FLAGS)
		flag_idents[nr_flag_idents++] = get_identifier(name);
}

void unit_start(void *event_data, void *data)
{
	(void)event_data;
	(void)data;
	engine_for_each_flag(physcheck_model, hold_flag, NULL);
}

/*
 * Enumerators the model names (PCI_P2PDMA_MAP_NONE), by flag_idents
 * index: recorded as their enum is parsed, since the file scope that
 * binds them is gone by the end of the unit.
 */
static unsigned long long enumerator_values[MAX_FLAGS];
static bool enumerator_known[MAX_FLAGS];

void unit_finish_type(void *event_data, void *data)
{
	tree type = (tree)event_data, v, value;
	unsigned int i;

	(void)data;
	if (!type || TREE_CODE(type) != ENUMERAL_TYPE)
		return;
	for (v = TYPE_VALUES(type); v; v = TREE_CHAIN(v)) {
		value = TREE_VALUE(v);
		if (TREE_CODE(value) == CONST_DECL)
			value = DECL_INITIAL(value);
		if (TREE_CODE(TREE_PURPOSE(v)) != IDENTIFIER_NODE ||
		    TREE_CODE(value) != INTEGER_CST || !tree_fits_shwi_p(value))
			continue;
		for (i = 0; i < nr_flag_idents; i++) {
			if (flag_idents[i] == TREE_PURPOSE(v)) {
				enumerator_values[i] = (unsigned long long)tree_to_shwi(value);
				enumerator_known[i] = true;
			}
		}
	}
}

static void resolve_flag(struct ir_unit *unit, unsigned int i)
{
	tree ident = flag_idents[i];
	cpp_hashnode *node;
	const unsigned char *text;
	unsigned long long v;

	if (enumerator_known[i]) {
		ir_unit_add_flag(unit, IDENTIFIER_POINTER(ident), enumerator_values[i]);
		return;
	}
	if (!parse_in)
		return;
	node = cpp_lookup(parse_in, (const unsigned char *)IDENTIFIER_POINTER(ident),
			  IDENTIFIER_LENGTH(ident));
	if (!node || !cpp_user_macro_p(node) || cpp_fun_like_macro_p(node))
		return;
	/* "NAME EXPANSION": the body as text, for flag_expr.c */
	text = cpp_macro_definition(parse_in, node);
	if (flag_expr_eval_string((const char *)text + IDENTIFIER_LENGTH(ident), &v))
		ir_unit_add_flag(unit, IDENTIFIER_POINTER(ident), v);
}

/*
 * A unit preprocessed elsewhere (a distcc node compiles the client's .i)
 * has lost its macro definitions, and with them the flags' values: no
 * requirement would get its "unless DMA_ATTR_MMIO" condition.  Say so
 * once, where the facts or the database are used; -fdirectives-only
 * keeps the definitions in the .i.
 */
static void warn_lost_macros(void)
{
	static bool warned;

	if (warned || !parse_in || !cpp_get_options(parse_in)->preprocessed ||
	    cpp_get_options(parse_in)->directives_only ||
	    (!physcheck_facts_dir && !physcheck_db))
		return;
	warned = true;
	warning(0, PLUGIN_NAME ": preprocessed input without its macro definitions: "
		"the model's flags are unknown, so no requirement has its condition; "
		"preprocess with -fdirectives-only");
}

/* ------------------------------------------------------------ diagnostics */

/* Whether GCC showed the last finding (-w hides warnings): its notes follow it. */
static bool finding_shown;

static void emit_warning(void *ctx, struct diag_loc loc, enum check_id check,
			 const char *message)
{
	location_t where = physcheck_host_location(loc);

	(void)ctx;
	if (diag_findings_are_errors()) {
		error_at(where, "%s [-W%s]", message, check_name(check));
		finding_shown = true;
	} else {
		finding_shown = warning_at(where, 0, "%s [-W%s]", message,
					   check_name(check));
	}
}

static void emit_note(void *ctx, struct diag_loc loc, const char *message)
{
	(void)ctx;
	if (!finding_shown)
		return;
	/* a step in another unit (the database's) has no location here */
	if (!loc.host && loc.file)
		inform(UNKNOWN_LOCATION, "%s:%d:%d: %s", loc.file, loc.line, loc.col, message);
	else
		inform(physcheck_host_location(loc), "%s", message);
}

static const struct diag_emitter gcc_emitter = {
	emit_warning, emit_note, NULL,
};

/* ------------------------------------------------------------ the unit */

static void release(void)
{
	ir_roles_clear(&roles);
	ir_unit_free(stage);
	stage = NULL;
	ir_unit_free(declared);
	declared = NULL;
	physcheck_forget_locations();
	physcheck_forget_sources();
	free(stage_inline);
	stage_inline = NULL;
	cap_stage_inline = 0;
}

static unsigned int count_insns(const struct ir_func *func)
{
	unsigned int b, n = 0;

	for (b = 0; b < func->nr_blocks; b++)
		n += func->blocks[b]->nr_insns;
	return n;
}

/*
 * The engine asks for one body at a time (engine_check_unit_bodies()):
 * the unit's first functions are the stage's non-inline ones, in order,
 * the declarations follow and have none.
 */
struct bodies {
	struct ir_unit *headers;
	unsigned int *source;		/* header index -> stage index */
	unsigned int nr_bodies;
};

static struct ir_func *get_body(void *ctx, unsigned int index)
{
	struct bodies *b = (struct bodies *)ctx;
	const struct ir_func *header = b->headers->funcs[index];
	struct ir_func *body;

	if (index >= b->nr_bodies)
		return NULL;
	body = flatten_body(stage, stage_inline, b->source[index]);
	/* the roles live in the headers' unit, which outlives the body */
	body->roles = header->roles;
	body->nr_roles = header->nr_roles;
	return body;
}

static void put_body(void *ctx, unsigned int index, struct ir_func *body)
{
	(void)ctx;
	(void)index;
	ir_unit_free(body->unit);
}

static unsigned int nr_inline(void)
{
	unsigned int i, n = 0;

	for (i = 0; i < stage->nr_funcs; i++)
		n += stage_inline[i];
	return n;
}

/*
 * The unit's facts, in the object too: a section physcheck-db reads back
 * from the objects, so facts made on a distcc or icecc node come back
 * with what it built, whatever it wrote to its own disk.  Named
 * .discard.*: the kernel's linker scripts drop those from vmlinux and
 * modules (objtool's annotations live in them the same way), so the
 * image does not change and no orphan section warning is raised; it is
 * not allocated, so nothing loads it anywhere.
 */
static void emit_facts_section(const char *text)
{
	const char *c;

	fprintf(asm_out_file, "\t.pushsection .discard.physcheck,\"\",@progbits\n\t.ascii \"");
	for (c = text; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(asm_out_file, "\\%c", *c);
		else if (*c == '\n')
			fputs("\\n\"\n\t.ascii \"", asm_out_file);
		else if (*c == '\t')
			fputs("\\t", asm_out_file);
		else if ((unsigned char)*c < ' ' || (unsigned char)*c > '~')
			fprintf(asm_out_file, "\\%03o", (unsigned char)*c);
		else
			fputc(*c, asm_out_file);
	}
	fputs("\"\n\t.popsection\n", asm_out_file);
}

static void put_facts(const char *file, const char *text)
{
	char error_text[512];

	if (facts_write_file(physcheck_facts_dir, file, text, error_text, sizeof(error_text)))
		error(PLUGIN_NAME ": cannot write facts: %s", error_text);
	if (asm_out_file)
		emit_facts_section(text);
}

void unit_finish(void *event_data, void *data)
{
	struct engine_bodies engine_bodies = { get_body, put_body, NULL };
	struct engine_stats stats = { 0 };
	struct engine_io io;
	struct bodies b;
	unsigned int i, insns = 0;

	(void)event_data;
	(void)data;
	if (!stage || seen_error()) {
		release();
		return;
	}
	b.headers = flatten_headers(stage, stage_inline);
	b.nr_bodies = b.headers->nr_funcs;
	b.source = XNEWVEC(unsigned int, b.nr_bodies + 1);
	for (i = 0; i < stage->nr_funcs; i++)
		if (!stage_inline[i])
			b.source[insns++] = i;
	engine_bodies.ctx = &b;
	engine_bodies.nr_defined = b.nr_bodies;
	add_declarations(b.headers);
	ir_roles_assign(&roles, b.headers);
	for (i = 0; i < nr_flag_idents; i++)
		resolve_flag(b.headers, i);
	warn_lost_macros();
	insns = 0;
	if (getenv("PHYSCHECK_DUMP_IR") || physcheck_verbose) {
		for (i = 0; i < b.nr_bodies; i++) {
			struct ir_func *body = get_body(&b, i);

			if (getenv("PHYSCHECK_DUMP_IR"))
				ir_dump(body, stderr);
			insns += count_insns(body);
			put_body(&b, i, body);
		}
	}
	io.db = physcheck_db;
	io.want_facts = physcheck_facts_dir != NULL;
	diag_set_emitter(&gcc_emitter);
	engine_check_unit_bodies(physcheck_model, b.headers, &engine_bodies, &io, &stats);
	diag_set_emitter(NULL);
	if (stats.facts)
		put_facts(b.headers->file, stats.facts);
	if (physcheck_verbose) {
		unsigned int lowered = 0;

		for (i = 0; i < stage->nr_funcs; i++)
			lowered += count_insns(stage->funcs[i]);
		inform(UNKNOWN_LOCATION, PLUGIN_NAME ": %s: %u functions checked "
		       "(%u inline ones expanded into them, %u instructions from "
		       "%u lowered), %u findings", b.headers->file, stats.functions,
		       nr_inline(), insns, lowered, stats.warnings);
	}
	free(stats.facts);
	XDELETEVEC(b.source);
	ir_unit_free(b.headers);
	flatten_release();
	release();
}

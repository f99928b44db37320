// SPDX-License-Identifier: GPL-2.0
/*
 * Lowering of GIMPLE SSA into analysis/'s IR.
 *
 * The pass runs right after the function is put into SSA form and before
 * early inlining, so that calls to the static inline functions the model
 * speaks about (phys_to_virt, sg_phys, kmap_local_pfn ...) are still calls.
 * It only reads the function: nothing in the IL changes, so the code GCC
 * generates is the same with or without the plugin.
 *
 * The shapes follow sparse-plugin/lower.c, so that both front ends hand
 * the engine the same IR: calls by callee name, `x & CONST`, branches
 * with their [true, false] successors; those both build the same way are
 * the engine's builders (ir.h): comparisons with a constant
 * (ir_compare_const()), field names and paths (ir_name_field()).
 */
#include "physcheck_gcc.h"

struct lower {
	function *fn;
	struct ir_unit *unit;
	struct ir_func *func;
	int *values;		/* SSA version -> IR value, IR_NONE: none yet */
	unsigned int nr_names;
	int *blocks;		/* basic block index -> IR block */
	int *params;		/* parameter index -> IR value */
	tree *objects;		/* variables whose address is used ... */
	int *object_values;	/* ... and the value of that address */
	unsigned int nr_objects, cap_objects;
	location_t last;	/* for statements without a location */
};

static void note_callee(tree fndecl);

static location_t known_loc(struct lower *l, location_t loc)
{
	if (LOCATION_LOCUS(loc) == UNKNOWN_LOCATION)
		return l->last;
	l->last = loc;
	return loc;
}

static struct diag_loc stmt_loc(struct lower *l, gimple *stmt)
{
	return physcheck_loc(known_loc(l, stmt ? gimple_location(stmt) : UNKNOWN_LOCATION));
}

static bool ident_char(char c)
{
	return ISIDNUM(c);
}

/* Whether the source at @use, a macro's use, is @name and nothing more. */
static bool self_named_macro(location_t use, const char *name)
{
	expanded_location x = expand_location(use);
	size_t len = strlen(name);
	const char *text;
	int n;

	if (!x.file || x.column < 1)
		return false;
	text = physcheck_source_line(x.file, x.line, &n);
	return text && x.column - 1 + (int)len <= n &&
	       !strncmp(text + x.column - 1, name, len) &&
	       (x.column - 1 + (int)len == n || !ident_char(text[x.column - 1 + len]));
}

/*
 * sparse puts a call at its '(' and GCC at the callee's name; and GIMPLE
 * gives a call that is an argument of another call the outer call's
 * location.  Both come right from the source line: the first `name (` at
 * or after the location.  A call inside a macro expansion stays where the
 * macro is used, as in sparse, unless the macro is the callee's name
 * itself (x86's `#define phys_to_virt phys_to_virt`): then the '(' is the
 * source's, and sparse puts the call there.
 */
static location_t call_paren(location_t loc, const char *name)
{
	expanded_location x;
	const char *text;
	size_t len;
	int n, p, q;

	if (!name || LOCATION_LOCUS(loc) == UNKNOWN_LOCATION)
		return loc;
	if (linemap_location_from_macro_expansion_p(line_table, loc)) {
		location_t use = linemap_resolve_location(line_table, loc,
							   LRK_MACRO_EXPANSION_POINT, NULL);

		if (!self_named_macro(use, name))
			return loc;
		loc = use;
	}
	loc = LOCATION_LOCUS(loc);
	x = expand_location(loc);
	if (!x.file || x.column < 1)
		return loc;
	text = physcheck_source_line(x.file, x.line, &n);
	len = strlen(name);
	for (p = x.column - 1; text && p + (int)len < n; p++) {
		if (strncmp(text + p, name, len) || (p && ident_char(text[p - 1])))
			continue;
		for (q = p + (int)len; q < n && (text[q] == ' ' || text[q] == '\t'); q++)
			;
		if (q < n && text[q] == '(')
			return linemap_position_for_loc_and_offset(line_table, loc,
								   q + 1 - x.column);
	}
	return loc;
}

/* bv->bv_page is at `bv` for sparse, at `->` for GCC: take its start. */
static location_t expression_start(location_t loc)
{
	if (linemap_location_from_macro_expansion_p(line_table, loc))
		return loc;
	return get_start(loc);
}

/*
 * The gimplifier gives each argument of a call the call's location, so a
 * field load written as an argument, tgpu_clear_page(pci_resource_start(
 * pdev, 0)), points at the outer call.  The reference's inner parts keep
 * theirs (there, where the macro is used): take the first that differs.
 */
static location_t ref_location(tree ref, location_t stmt)
{
	tree t;

	stmt = LOCATION_LOCUS(stmt);
	for (t = ref; handled_component_p(t); t = TREE_OPERAND(t, 0))
		if (EXPR_HAS_LOCATION(t) && LOCATION_LOCUS(EXPR_LOCATION(t)) != stmt)
			return expression_start(EXPR_LOCATION(t));
	return stmt;
}

/* ---------------------------------------------------------- names */

static const char *decl_name(tree decl)
{
	if (!decl || !DECL_P(decl) || !DECL_NAME(decl))
		return NULL;
	return IDENTIFIER_POINTER(DECL_NAME(decl));
}

/* `struct resource` is "resource"; anonymous records have no name, as in sparse. */
static const char *record_tag(tree type)
{
	tree name;

	if (!type || !RECORD_OR_UNION_TYPE_P(type))
		return NULL;
	name = TYPE_NAME(TYPE_MAIN_VARIANT(type));
	if (name && TREE_CODE(name) == IDENTIFIER_NODE)
		return IDENTIFIER_POINTER(name);
	return NULL;
}

/* A variable of file scope (or a block-scope extern): loads of it are named. */
static bool file_scope_var(tree decl)
{
	tree ctx;

	if (!VAR_P(decl) || !DECL_NAME(decl) || !is_global_var(decl))
		return false;
	ctx = DECL_CONTEXT(decl);
	return DECL_EXTERNAL(decl) || !ctx || TREE_CODE(ctx) == TRANSLATION_UNIT_DECL;
}

/*
 * The innermost named member holding byte @offset of @record, through
 * nested structs and arrays of structs, as sparse-plugin/lower.c's
 * member_at(): for the rare MEM_REF with an offset that GIMPLE builds
 * before any optimisation (COMPONENT_REFs are the usual shape).
 */
static tree member_at(tree record, HOST_WIDE_INT offset, unsigned int depth)
{
	tree field;

	if (depth > 8)
		return NULL_TREE;
	for (field = TYPE_FIELDS(record); field; field = DECL_CHAIN(field)) {
		tree type = TREE_TYPE(field);
		HOST_WIDE_INT start, size = 0, inner;

		if (TREE_CODE(field) != FIELD_DECL || !tree_fits_shwi_p(byte_position(field)))
			continue;
		start = int_byte_position(field);
		if (DECL_SIZE_UNIT(field) && tree_fits_shwi_p(DECL_SIZE_UNIT(field)))
			size = tree_to_shwi(DECL_SIZE_UNIT(field));
		inner = offset - start;
		if (inner < 0 || (size && inner >= size) || (!size && inner))
			continue;
		if (TREE_CODE(type) == ARRAY_TYPE &&
		    RECORD_OR_UNION_TYPE_P(TREE_TYPE(type)) &&
		    TYPE_SIZE_UNIT(TREE_TYPE(type)) &&
		    tree_fits_shwi_p(TYPE_SIZE_UNIT(TREE_TYPE(type))) &&
		    tree_to_shwi(TYPE_SIZE_UNIT(TREE_TYPE(type))) > 0) {
			HOST_WIDE_INT esize = tree_to_shwi(TYPE_SIZE_UNIT(TREE_TYPE(type)));
			tree found = member_at(TREE_TYPE(type), inner % esize, depth + 1);

			if (found)
				return found;
		} else if (RECORD_OR_UNION_TYPE_P(type)) {
			tree found = member_at(type, inner, depth + 1);

			if (found)
				return found;
		}
		if (DECL_NAME(field) && !inner)
			return field;
	}
	return NULL_TREE;
}

#define MAX_FIELD_DEPTH 16

struct field_walk {
	tree fields[MAX_FIELD_DEPTH];	/* innermost member first */
	unsigned int nr;
	tree root;			/* type of the outermost object */
};

/*
 * The members a reference goes through, back to the object it starts
 * from; through a pointer made as `&pdev->resource[2]` to pdev's struct,
 * as sparse follows the address arithmetic back.
 */
static void walk_ref(tree ref, struct field_walk *w, unsigned int depth)
{
	tree t = ref, ptr;
	gimple *def;

	for (; handled_component_p(t); t = TREE_OPERAND(t, 0))
		if (TREE_CODE(t) == COMPONENT_REF && w->nr < MAX_FIELD_DEPTH)
			w->fields[w->nr++] = TREE_OPERAND(t, 1);
	w->root = TREE_TYPE(t);
	if (TREE_CODE(t) != MEM_REF || TREE_CODE(TREE_OPERAND(t, 0)) != SSA_NAME ||
	    !integer_zerop(TREE_OPERAND(t, 1)) || depth > 8)
		return;
	ptr = TREE_OPERAND(t, 0);
	def = SSA_NAME_DEF_STMT(ptr);
	if (def && gimple_assign_single_p(def) &&
	    TREE_CODE(gimple_assign_rhs1(def)) == ADDR_EXPR &&
	    handled_component_p(TREE_OPERAND(gimple_assign_rhs1(def), 0)))
		walk_ref(TREE_OPERAND(gimple_assign_rhs1(def), 0), w, depth + 1);
}

/*
 * The names of a loaded or stored field (see ir_name_field()): the
 * innermost struct (@record) and its @member, and the path from the
 * outermost object's type ("pci_dev.resource.start"), as
 * sparse-plugin/lower.c finds them.  Array elements of a member are that
 * member; a global variable is named by itself.
 */
static void field_names(tree ref, const char **record, const char **member,
			struct ir_path *path, tree *root)
{
	struct field_walk w;
	const char *tag;
	tree base, field;
	int i;

	*record = *member = NULL;
	*root = NULL_TREE;
	ir_path_init(path);
	if (file_scope_var(ref)) {
		*member = decl_name(ref);
		return;
	}
	memset(&w, 0, sizeof(w));
	walk_ref(ref, &w, 0);
	for (base = ref; handled_component_p(base); base = TREE_OPERAND(base, 0))
		;
	/* a MEM_REF at an offset into a struct: the rare pre-optimisation shape */
	if (!w.nr && TREE_CODE(base) == MEM_REF &&
	    TREE_CODE(TREE_OPERAND(base, 0)) == SSA_NAME &&
	    POINTER_TYPE_P(TREE_TYPE(TREE_OPERAND(base, 0))) &&
	    tree_fits_shwi_p(TREE_OPERAND(base, 1))) {
		tree record_type = TREE_TYPE(TREE_TYPE(TREE_OPERAND(base, 0)));

		if (RECORD_OR_UNION_TYPE_P(record_type) && COMPLETE_TYPE_P(record_type) &&
		    (field = member_at(record_type, tree_to_shwi(TREE_OPERAND(base, 1)), 0))) {
			w.fields[w.nr++] = field;
			w.root = record_type;
		}
	}
	tag = record_tag(w.root);
	if (!w.nr || !tag || !record_tag(DECL_CONTEXT(w.fields[0])) ||
	    !DECL_NAME(w.fields[0]))
		return;
	*record = record_tag(DECL_CONTEXT(w.fields[0]));
	*member = IDENTIFIER_POINTER(DECL_NAME(w.fields[0]));
	*root = w.root;
	ir_path_add(path, tag);
	for (i = (int)w.nr - 1; i >= 0; i--)
		if (DECL_NAME(w.fields[i]))
			ir_path_add(path, IDENTIFIER_POINTER(DECL_NAME(w.fields[i])));
}

/* Whether the struct @type was declared in the unit's own file, not a
 * header (ir_insn.own_record), as sparse-plugin/lower.c tells. */
static bool own_record(tree type)
{
	tree decl = type ? TYPE_STUB_DECL(TYPE_MAIN_VARIANT(type)) : NULL_TREE;
	const char *file;

	if (!decl || !main_input_filename)
		return false;
	file = DECL_SOURCE_FILE(decl);
	return file && !strcmp(file, main_input_filename);
}

static void name_field(struct lower *l, struct ir_insn *insn, tree ref)
{
	const char *record, *member;
	struct ir_path path;
	tree root;

	field_names(ref, &record, &member, &path, &root);
	ir_name_field(l->func, insn, record, member, &path);
	insn->own_record = own_record(root);
}

/* ---------------------------------------------------------- values */

/* Values go unnamed: the engine's messages name functions, fields and
 * parameters, never values, and a name per SSA value costs memory. */
static int new_value(struct lower *l, const char *name)
{
	(void)name;
	return ir_value_new(l->func, NULL);
}

/*
 * `q = p` between two SSA names: the same value, as sparse's SSA has it
 * (one pseudo).  The engine knows sg_page(s) written twice as one page
 * by its operands, so a copy must not make a second value.
 */
static tree copied_from(tree name)
{
	gimple *def = SSA_NAME_DEF_STMT(name);
	tree rhs;

	if (!def || !gimple_assign_single_p(def) || SSA_NAME_IS_DEFAULT_DEF(name))
		return NULL_TREE;
	rhs = gimple_assign_rhs1(def);
	if (TREE_CODE(rhs) != SSA_NAME || virtual_operand_p(rhs))
		return NULL_TREE;
	return rhs;
}

static int ssa_value(struct lower *l, tree name)
{
	unsigned int version = SSA_NAME_VERSION(name);
	tree from;

	if (version >= l->nr_names)
		return new_value(l, NULL);
	if (l->values[version] != IR_NONE)
		return l->values[version];
	from = copied_from(name);
	/* SSA copies form no cycle (a phi is no copy), so this ends */
	l->values[version] = from ? ssa_value(l, from) :
		new_value(l, decl_name(SSA_NAME_VAR(name)));
	return l->values[version];
}

static int param_index(struct lower *l, tree parm)
{
	tree arg;
	int i = 0;

	for (arg = DECL_ARGUMENTS(l->fn->decl); arg; arg = DECL_CHAIN(arg), i++)
		if (arg == parm)
			return i;
	return -1;
}

static struct ir_insn *emit(struct lower *l, int block, enum ir_op op,
			    struct diag_loc loc)
{
	return ir_emit(l->func, block, op, loc);
}

static int emit_value(struct lower *l, int block, enum ir_op op, struct diag_loc loc,
		      const int *ops, unsigned int nr)
{
	struct ir_insn *insn = emit(l, block, op, loc);

	ir_set_operands(l->func, insn, ops, nr);
	insn->value = new_value(l, NULL);
	return insn->value;
}

static int lower_load(struct lower *l, int block, tree ref, struct diag_loc loc);

/*
 * The address of a variable (`win` in win.base = ...): one value for the
 * whole function, as sparse's symbol pseudo is, so that a store and a load
 * of win.base are known to be of the same object.  Defined in the entry
 * block, which dominates every use.
 */
static int object_address(struct lower *l, tree decl, struct diag_loc loc)
{
	struct ir_insn *insn;
	unsigned int i;

	for (i = 0; i < l->nr_objects; i++)
		if (l->objects[i] == decl)
			return l->object_values[i];
	if (l->nr_objects == l->cap_objects) {
		l->cap_objects = l->cap_objects ? l->cap_objects * 2 : 16;
		l->objects = XRESIZEVEC(tree, l->objects, l->cap_objects);
		l->object_values = XRESIZEVEC(int, l->object_values, l->cap_objects);
	}
	insn = emit(l, 0, IR_OPAQUE, loc);
	insn->name = ir_strdup(l->unit, decl_name(decl));
	insn->local = (VAR_P(decl) || TREE_CODE(decl) == PARM_DECL) &&
		      !TREE_STATIC(decl) && !DECL_EXTERNAL(decl);
	insn->value = new_value(l, NULL);
	l->objects[l->nr_objects] = decl;
	l->object_values[l->nr_objects++] = insn->value;
	return insn->value;
}

/* The base pointer of a memory reference, or of an address. */
static int base_operand(struct lower *l, int block, tree ref, struct diag_loc loc)
{
	tree base = ref;
	struct ir_insn *insn;

	while (handled_component_p(base))
		base = TREE_OPERAND(base, 0);
	if ((TREE_CODE(base) == MEM_REF || TREE_CODE(base) == TARGET_MEM_REF) &&
	    TREE_CODE(TREE_OPERAND(base, 0)) == SSA_NAME)
		return ssa_value(l, TREE_OPERAND(base, 0));
	if (DECL_P(base))
		return object_address(l, base, loc);
	insn = emit(l, block, IR_OPAQUE, loc);
	insn->value = new_value(l, NULL);
	return insn->value;
}

/* An operand: SSA names by their value, anything else emitted here. */
static int operand(struct lower *l, int block, tree t, struct diag_loc loc)
{
	struct ir_insn *insn;
	int idx, base;

	if (!t)
		return IR_NONE;
	switch (TREE_CODE(t)) {
	case SSA_NAME:
		if (virtual_operand_p(t))
			return IR_NONE;
		return ssa_value(l, t);
	case INTEGER_CST:
		insn = emit(l, block, IR_CONST, loc);
		insn->constant = tree_fits_shwi_p(t) ? tree_to_shwi(t) :
			(int64_t)TREE_INT_CST_LOW(t);
		insn->value = new_value(l, NULL);
		return insn->value;
	case PARM_DECL:
		/* a parameter GIMPLE keeps in memory (its address is taken) */
		idx = param_index(l, t);
		if (idx >= 0 && l->params[idx] != IR_NONE)
			return emit_value(l, block, IR_ARITH, loc, &l->params[idx], 1);
		break;
	case ADDR_EXPR:
		/* &p->field is arithmetic on p, as sparse sees it; &global is opaque */
		base = base_operand(l, block, TREE_OPERAND(t, 0), loc);
		return emit_value(l, block, IR_ARITH, loc, &base, 1);
	default:
		if (REFERENCE_CLASS_P(t) || VAR_P(t))
			return lower_load(l, block, t, loc);
		break;
	}
	insn = emit(l, block, IR_OPAQUE, loc);
	insn->name = ir_strdup(l->unit, decl_name(t));
	insn->value = new_value(l, NULL);
	return insn->value;
}

/* The value of a GIMPLE statement's SSA result, or a throwaway one. */
static int def_value(struct lower *l, tree lhs)
{
	if (lhs && TREE_CODE(lhs) == SSA_NAME && !virtual_operand_p(lhs))
		return ssa_value(l, lhs);
	return new_value(l, NULL);
}

static bool is_memory(tree t)
{
	return t && TREE_CODE(t) != SSA_NAME;
}

static int lower_load(struct lower *l, int block, tree ref, struct diag_loc loc)
{
	struct ir_insn *insn;
	int base;

	if (TREE_CODE(ref) == PARM_DECL)
		return operand(l, block, ref, loc);
	/* the field's own place (pci_resource_start()'s), not the statement's */
	loc = physcheck_loc(ref_location(ref, l->last));
	base = base_operand(l, block, ref, loc);
	insn = emit(l, block, IR_LOAD, loc);
	ir_set_operands(l->func, insn, &base, 1);
	name_field(l, insn, ref);
	insn->scalar = INTEGRAL_TYPE_P(TREE_TYPE(ref));
	insn->value = new_value(l, NULL);
	return insn->value;
}

static void lower_store(struct lower *l, int block, tree ref, int value,
			struct diag_loc loc)
{
	struct ir_insn *insn;
	int ops[2];

	ops[0] = base_operand(l, block, ref, loc);
	ops[1] = value;
	insn = emit(l, block, IR_STORE, loc);
	ir_set_operands(l->func, insn, ops, 2);
	name_field(l, insn, ref);
}

/* Give @lhs the result: as its SSA value, or stored to the memory it names. */
static void define(struct lower *l, int block, tree lhs, struct ir_insn *insn,
		   struct diag_loc loc)
{
	insn->value = def_value(l, lhs);
	if (is_memory(lhs))
		lower_store(l, block, lhs, insn->value, loc);
}

/* ---------------------------------------------------------- statements */

static bool is_zero(tree t)
{
	return t && TREE_CODE(t) == INTEGER_CST && integer_zerop(t);
}

static bool is_small_constant(tree t)
{
	return t && TREE_CODE(t) == INTEGER_CST && tree_fits_shwi_p(t);
}

/*
 * `x == K` and `x != K` with a constant K (`x == 0` among them): the
 * engine sees guards through them (ir_compare_const()).  Other
 * comparisons carry no phys.
 */
static struct ir_insn *lower_compare(struct lower *l, int block, enum tree_code code,
				     tree a, tree b, struct diag_loc loc)
{
	tree x, k;

	if (code != EQ_EXPR && code != NE_EXPR)
		return emit(l, block, IR_OPAQUE, loc);
	if (is_zero(a) || is_zero(b)) {
		x = is_zero(b) ? a : b;
		k = is_zero(b) ? b : a;
	} else if (is_small_constant(b)) {
		x = a;
		k = b;
	} else if (is_small_constant(a)) {
		x = b;
		k = a;
	} else {
		return emit(l, block, IR_OPAQUE, loc);
	}
	return ir_compare_const(l->func, block, operand(l, block, x, loc),
				tree_to_shwi(k), code == EQ_EXPR, loc);
}

static bool is_bool_not(enum tree_code code, tree lhs, tree rhs2)
{
	tree type = TREE_TYPE(lhs);

	if (TREE_CODE(type) != BOOLEAN_TYPE && TYPE_PRECISION(type) != 1)
		return false;
	/* gimplify turns a boolean !x into ~x, or x ^ 1 */
	return code == BIT_NOT_EXPR ||
	       (code == BIT_XOR_EXPR && rhs2 && TREE_CODE(rhs2) == INTEGER_CST &&
		integer_onep(rhs2));
}

/* What the engine needs to know of an operation: guards see through
 * `a && b` being true and `a || b` false. */
static enum ir_arith arith_kind(enum tree_code code)
{
	switch (code) {
	case PLUS_EXPR:
	case POINTER_PLUS_EXPR:
		return IR_ARITH_ADD;
	case MINUS_EXPR:
	case POINTER_DIFF_EXPR:
		return IR_ARITH_SUB;
	case BIT_AND_EXPR:
		return IR_ARITH_AND;
	case BIT_IOR_EXPR:
		return IR_ARITH_OR;
	default:
		return IR_ARITH_OTHER;
	}
}

static bool floating(tree t)
{
	return t && FLOAT_TYPE_P(TREE_TYPE(t));
}

static void lower_assign(struct lower *l, int block, gassign *stmt, struct diag_loc loc)
{
	enum tree_code code = gimple_assign_rhs_code(stmt);
	tree lhs = gimple_assign_lhs(stmt);
	tree rhs1 = gimple_assign_rhs1(stmt);
	tree rhs2 = gimple_num_ops(stmt) > 2 ? gimple_assign_rhs2(stmt) : NULL_TREE;
	tree rhs3 = gimple_num_ops(stmt) > 3 ? gimple_assign_rhs3(stmt) : NULL_TREE;
	struct ir_insn *insn;
	int ops[3];

	switch (get_gimple_rhs_class(code)) {
	case GIMPLE_SINGLE_RHS:
		if (TREE_CODE(lhs) == SSA_NAME && copied_from(lhs))
			return;		/* an alias: see ssa_value() */
		if (code == CONSTRUCTOR) {
			ops[0] = emit_value(l, block, IR_CONST, loc, NULL, 0);
		} else {
			ops[0] = operand(l, block, rhs1, loc);
		}
		if (is_memory(lhs)) {
			lower_store(l, block, lhs, ops[0], loc);
			return;
		}
		insn = emit(l, block, IR_ARITH, loc);
		ir_set_operands(l->func, insn, ops, ops[0] == IR_NONE ? 0 : 1);
		/* GIMPLE loads into a temporary: the copy is the load */
		insn->scalar = ops[0] != IR_NONE && INTEGRAL_TYPE_P(TREE_TYPE(lhs)) &&
			       (REFERENCE_CLASS_P(rhs1) || VAR_P(rhs1)) &&
			       INTEGRAL_TYPE_P(TREE_TYPE(rhs1));
		define(l, block, lhs, insn, loc);
		return;
	case GIMPLE_UNARY_RHS:
		if (floating(lhs) || floating(rhs1)) {
			insn = emit(l, block, IR_OPAQUE, loc);
			break;
		}
		ops[0] = operand(l, block, rhs1, loc);
		insn = emit(l, block, is_bool_not(code, lhs, NULL_TREE) ? IR_NOT : IR_ARITH, loc);
		ir_set_operands(l->func, insn, ops, 1);
		break;
	case GIMPLE_BINARY_RHS:
		if (TREE_CODE_CLASS(code) == tcc_comparison) {
			insn = lower_compare(l, block, code, rhs1, rhs2, loc);
			break;
		}
		if (floating(lhs)) {
			insn = emit(l, block, IR_OPAQUE, loc);
			break;
		}
		ops[0] = operand(l, block, rhs1, loc);
		if (is_bool_not(code, lhs, rhs2)) {
			insn = emit(l, block, IR_NOT, loc);
			ir_set_operands(l->func, insn, ops, 1);
		} else if (code == BIT_AND_EXPR && TREE_CODE(rhs2) == INTEGER_CST) {
			insn = emit(l, block, IR_AND_CONST, loc);
			ir_set_operands(l->func, insn, ops, 1);
			insn->constant = tree_fits_shwi_p(rhs2) ? tree_to_shwi(rhs2) :
				(int64_t)TREE_INT_CST_LOW(rhs2);
		} else {
			ops[1] = operand(l, block, rhs2, loc);
			insn = emit(l, block, IR_ARITH, loc);
			ir_set_operands(l->func, insn, ops, 2);
			insn->arith = arith_kind(code);
		}
		break;
	case GIMPLE_TERNARY_RHS:
		/* c ? a : b picks one of a and b, as sparse's select */
		if (code == COND_EXPR || code == VEC_COND_EXPR) {
			ops[0] = operand(l, block, rhs2, loc);
			ops[1] = operand(l, block, rhs3, loc);
			insn = emit(l, block, IR_PHI, loc);
			ir_set_operands(l->func, insn, ops, 2);
		} else {
			ops[0] = operand(l, block, rhs1, loc);
			ops[1] = operand(l, block, rhs2, loc);
			ops[2] = operand(l, block, rhs3, loc);
			insn = emit(l, block, IR_ARITH, loc);
			ir_set_operands(l->func, insn, ops, 3);
		}
		break;
	default:
		insn = emit(l, block, IR_OPAQUE, loc);
		break;
	}
	define(l, block, lhs, insn, loc);
}

/* __builtin_expect(x, y) is x to whoever tests it (sparse folds it so). */
static bool is_expect(gcall *call)
{
	if (gimple_call_internal_p(call))
		return gimple_call_internal_fn(call) == IFN_BUILTIN_EXPECT;
	return gimple_call_builtin_p(call, BUILT_IN_EXPECT) ||
	       gimple_call_builtin_p(call, BUILT_IN_EXPECT_WITH_PROBABILITY);
}

static void lower_call(struct lower *l, int block, gcall *call, struct diag_loc loc)
{
	tree lhs = gimple_call_lhs(call);
	unsigned int i, n = gimple_call_num_args(call);
	struct ir_insn *insn;
	const char *name;
	int *args;

	if (is_expect(call) && n) {
		int x = operand(l, block, gimple_call_arg(call, 0), loc);

		insn = emit(l, block, IR_ARITH, loc);
		ir_set_operands(l->func, insn, &x, 1);
		define(l, block, lhs, insn, loc);
		return;
	}
	if (gimple_call_internal_p(call)) {
		if (lhs)
			define(l, block, lhs, emit(l, block, IR_OPAQUE, loc), loc);
		return;
	}
	args = XNEWVEC(int, n + 1);
	for (i = 0; i < n; i++)
		args[i] = operand(l, block, gimple_call_arg(call, i), loc);
	name = decl_name(gimple_call_fndecl(call));
	note_callee(gimple_call_fndecl(call));
	insn = emit(l, block, IR_CALL,
		    physcheck_loc(call_paren(known_loc(l, gimple_location(call)), name)));
	insn->name = ir_strdup(l->unit, name);
	ir_set_operands(l->func, insn, args, n);
	XDELETEVEC(args);
	if (lhs)
		define(l, block, lhs, insn, loc);
}

static void lower_return(struct lower *l, int block, greturn *ret, struct diag_loc loc)
{
	tree value = gimple_return_retval(ret);
	struct ir_insn *insn;
	int v = IR_NONE;

	if (value && TREE_CODE(value) != RESULT_DECL)
		v = operand(l, block, value, loc);
	insn = emit(l, block, IR_RET, loc);
	if (v != IR_NONE)
		ir_set_operands(l->func, insn, &v, 1);
}

/* asm outputs and anything else that defines SSA names: opaque values. */
static void lower_opaque_defs(struct lower *l, int block, gimple *stmt,
			      struct diag_loc loc)
{
	ssa_op_iter iter;
	tree def;

	FOR_EACH_SSA_TREE_OPERAND(def, stmt, iter, SSA_OP_DEF)
		emit(l, block, IR_OPAQUE, loc)->value = ssa_value(l, def);
}

/* Where a phi's incoming value was made: a call's value at the call. */
static location_t phi_arg_location(gphi *phi, unsigned int i)
{
	tree arg = gimple_phi_arg_def(phi, i);
	gimple *def = TREE_CODE(arg) == SSA_NAME ? SSA_NAME_DEF_STMT(arg) : NULL;

	if (def && is_gimple_call(def) && gimple_call_fndecl(def) &&
	    LOCATION_LOCUS(gimple_location(def)) != UNKNOWN_LOCATION)
		return call_paren(gimple_location(def), decl_name(gimple_call_fndecl(def)));
	return gimple_phi_arg_location(phi, i);
}

static void lower_phi(struct lower *l, int block, gphi *phi)
{
	tree result = gimple_phi_result(phi);
	unsigned int i, n = gimple_phi_num_args(phi);
	struct diag_loc loc = stmt_loc(l, phi);
	struct diag_loc *locs;
	struct ir_insn *insn;
	int *ops, *preds;

	if (virtual_operand_p(result))
		return;
	ops = XNEWVEC(int, n + 1);
	locs = (struct diag_loc *)ir_alloc(l->unit, (n + 1) * sizeof(*locs));
	preds = (int *)ir_alloc(l->unit, (n + 1) * sizeof(*preds));
	for (i = 0; i < n; i++) {
		location_t where = phi_arg_location(phi, i);

		/* an incoming value sits where it was made: for the phi of a
		 * function's result, at each return statement */
		locs[i] = LOCATION_LOCUS(where) == UNKNOWN_LOCATION ? loc :
			physcheck_loc(where);
		ops[i] = operand(l, block, gimple_phi_arg_def(phi, i), loc);
		preds[i] = l->blocks[gimple_phi_arg_edge(phi, i)->src->index];
	}
	insn = emit(l, block, IR_PHI, loc);
	ir_set_operands(l->func, insn, ops, n);
	insn->operand_locs = locs;
	insn->operand_blocks = preds;
	insn->value = ssa_value(l, result);
	XDELETEVEC(ops);
}

static void lower_cond(struct lower *l, int block, gcond *cond, struct diag_loc loc)
{
	struct ir_insn *test, *br;
	int v;

	test = lower_compare(l, block, gimple_cond_code(cond), gimple_cond_lhs(cond),
			     gimple_cond_rhs(cond), loc);
	test->value = new_value(l, NULL);
	v = test->value;
	br = emit(l, block, IR_BR, loc);
	ir_set_operands(l->func, br, &v, 1);
}

static void lower_stmt(struct lower *l, int block, gimple *stmt)
{
	struct diag_loc loc;

	switch (gimple_code(stmt)) {
	case GIMPLE_DEBUG:
	case GIMPLE_LABEL:
	case GIMPLE_NOP:
	case GIMPLE_PREDICT:
		return;
	default:
		break;
	}
	loc = stmt_loc(l, stmt);
	switch (gimple_code(stmt)) {
	case GIMPLE_ASSIGN:
		lower_assign(l, block, as_a<gassign *>(stmt), loc);
		break;
	case GIMPLE_CALL:
		lower_call(l, block, as_a<gcall *>(stmt), loc);
		break;
	case GIMPLE_COND:
		lower_cond(l, block, as_a<gcond *>(stmt), loc);
		break;
	case GIMPLE_RETURN:
		lower_return(l, block, as_a<greturn *>(stmt), loc);
		break;
	default:
		lower_opaque_defs(l, block, stmt, loc);
		break;
	}
}

/* Every case bound of @sw fits an int64_t: the cases can be described. */
static bool cases_fit(gswitch *sw)
{
	unsigned int i;

	for (i = 1; i < gimple_switch_num_labels(sw); i++) {
		tree label = gimple_switch_label(sw, i);

		if (!tree_fits_shwi_p(CASE_LOW(label)) ||
		    (CASE_HIGH(label) && !tree_fits_shwi_p(CASE_HIGH(label))))
			return false;
	}
	return true;
}

/* A switch's index and, by edge, each case's values; label 0 is the default. */
static void lower_switch_cases(struct lower *l, int block, struct ir_insn *out,
			       gswitch *sw, int index)
{
	unsigned int i;

	ir_set_operands(l->func, out, &index, 1);
	for (i = 0; i < gimple_switch_num_labels(sw); i++) {
		tree label = gimple_switch_label(sw, i);
		basic_block dest = label_to_block(l->fn, CASE_LABEL(label));
		tree high = CASE_HIGH(label) ? CASE_HIGH(label) : CASE_LOW(label);

		ir_add_case(l->func, block, out, i ? tree_to_shwi(CASE_LOW(label)) : 1,
			    i ? tree_to_shwi(high) : 0, l->blocks[dest->index], i == 0);
	}
}

/* Edges out of @bb: [true, false] after a condition, else a jump or a switch. */
static void lower_edges(struct lower *l, int block, basic_block bb)
{
	gimple *last = last_stmt(bb);
	basic_block exit = EXIT_BLOCK_PTR_FOR_FN(l->fn);
	gswitch *sw = NULL;
	struct ir_insn *term;
	unsigned int nr = 0;
	int index = IR_NONE;
	edge e;
	edge_iterator ei;

	if (last && gimple_code(last) == GIMPLE_COND && EDGE_COUNT(bb->succs) == 2) {
		edge t, f;

		extract_true_false_edges_from_block(bb, &t, &f);
		ir_add_succ(l->func, block, l->blocks[t->dest->index]);
		ir_add_succ(l->func, block, l->blocks[f->dest->index]);
		return;
	}
	if (last && gimple_code(last) == GIMPLE_RETURN)
		return;
	FOR_EACH_EDGE(e, ei, bb->succs)
		if (e->dest != exit)
			nr++;
	if (!nr)
		return;
	if (nr > 1 && last && gimple_code(last) == GIMPLE_SWITCH &&
	    cases_fit(as_a<gswitch *>(last))) {
		sw = as_a<gswitch *>(last);
		index = operand(l, block, gimple_switch_index(sw), stmt_loc(l, last));
	}
	term = emit(l, block, nr == 1 ? IR_JMP : IR_SWITCH, stmt_loc(l, last));
	FOR_EACH_EDGE(e, ei, bb->succs)
		if (e->dest != exit)
			ir_add_succ(l->func, block, l->blocks[e->dest->index]);
	if (sw)
		lower_switch_cases(l, block, term, sw, index);
}

/* ---------------------------------------------------------- annotations */

static enum prov_state type_annotation(tree type)
{
	unsigned int depth;

	for (depth = 0; type && depth < 16; depth++) {
		enum prov_state s = physcheck_annotation_in(TYPE_ATTRIBUTES(type));
		tree name = TYPE_NAME(type);

		if (s != PROV_NONE)
			return s;
		if (!name || TREE_CODE(name) != TYPE_DECL)
			break;
		s = physcheck_annotation_in(DECL_ATTRIBUTES(name));
		if (s != PROV_NONE)
			return s;
		type = DECL_ORIGINAL_TYPE(name);
	}
	return PROV_NONE;
}

static enum prov_state decl_annotation(tree decl, tree type)
{
	enum prov_state s = physcheck_annotation_in(DECL_ATTRIBUTES(decl));

	return s != PROV_NONE ? s : type_annotation(type);
}

static void lower_params(struct lower *l, int entry)
{
	struct diag_loc loc = physcheck_loc(DECL_SOURCE_LOCATION(l->fn->decl));
	tree parm;
	int i = 0;

	l->func->ret_annotation = decl_annotation(l->fn->decl,
						  TREE_TYPE(TREE_TYPE(l->fn->decl)));
	for (parm = DECL_ARGUMENTS(l->fn->decl); parm; parm = DECL_CHAIN(parm), i++) {
		tree def = ssa_default_def(l->fn, parm);
		struct ir_insn *insn = emit(l, entry, IR_PARAM, loc);

		insn->index = (unsigned int)i;
		insn->value = def ? ssa_value(l, def) : new_value(l, decl_name(parm));
		l->params[i] = insn->value;
		l->func->params[i].name = ir_strdup(l->unit, decl_name(parm));
		l->func->params[i].annotation = decl_annotation(parm, TREE_TYPE(parm));
	}
}

/*
 * A callee's annotations, from its prototype when this file does not
 * define it (`void f(struct page * __must_kmap page);` in a header):
 * unit.c declares it to the engine if no definition turns up.
 */
static void note_callee(tree fndecl)
{
	enum prov_state params[PROV_MAX_PARAMS], moved[PROV_MAX_PARAMS];
	unsigned int n = 0, nr_moved, i;
	enum prov_state ret;
	bool any = false;
	tree arg;

	if (!fndecl || !decl_name(fndecl) || DECL_ARGUMENTS(fndecl))
		return;
	ret = decl_annotation(fndecl, TREE_TYPE(TREE_TYPE(fndecl)));
	any = ret != PROV_NONE;
	for (arg = TYPE_ARG_TYPES(TREE_TYPE(fndecl));
	     arg && TREE_VALUE(arg) != void_type_node && n < PROV_MAX_PARAMS;
	     arg = TREE_CHAIN(arg), n++) {
		params[n] = type_annotation(TREE_VALUE(arg));
		any |= params[n] != PROV_NONE;
	}
	/* the prototype's own annotations, which the plugin moved off its
	 * type (physcheck_plugin.c) */
	if (physcheck_moved_annotations(fndecl, moved, &nr_moved)) {
		for (i = 0; i < nr_moved && i < n; i++)
			if (moved[i] != PROV_NONE)
				params[i] = moved[i];
		any = true;
	}
	if (any)
		unit_declare(decl_name(fndecl), physcheck_loc(DECL_SOURCE_LOCATION(fndecl)),
			     ret, params, n);
}

/* ---------------------------------------------------------- functions */

static unsigned int count_params(tree fndecl)
{
	unsigned int n = 0;
	tree parm;

	for (parm = DECL_ARGUMENTS(fndecl); parm; parm = DECL_CHAIN(parm))
		n++;
	return n;
}

static void lower_body(struct lower *l)
{
	basic_block bb;
	int entry;

	entry = ir_block_new(l->func);
	FOR_EACH_BB_FN(bb, l->fn)
		l->blocks[bb->index] = ir_block_new(l->func);
	lower_params(l, entry);
	FOR_EACH_BB_FN(bb, l->fn) {
		int block = l->blocks[bb->index];
		gimple_stmt_iterator gsi;
		gphi_iterator psi;

		for (psi = gsi_start_phis(bb); !gsi_end_p(psi); gsi_next(&psi))
			lower_phi(l, block, psi.phi());
		for (gsi = gsi_start_bb(bb); !gsi_end_p(gsi); gsi_next(&gsi))
			lower_stmt(l, block, gsi_stmt(gsi));
		lower_edges(l, block, bb);
	}
	/* last: the entry block also holds the objects' addresses */
	if (single_succ_p(ENTRY_BLOCK_PTR_FOR_FN(l->fn))) {
		basic_block first = single_succ(ENTRY_BLOCK_PTR_FOR_FN(l->fn));

		if (first != EXIT_BLOCK_PTR_FOR_FN(l->fn)) {
			emit(l, entry, IR_JMP, physcheck_loc(DECL_SOURCE_LOCATION(l->fn->decl)));
			ir_add_succ(l->func, entry, l->blocks[first->index]);
		}
	}
}

/*
 * An inline function the model speaks for is not lowered: only its calls
 * matter, and flatten.c never expands them.  A definition of a modelled
 * function that is not inline (dma_map_phys() in kernel/dma/) is checked
 * like any other, as in the sparse front end.  The compiler's own
 * functions (constructors, outlined OpenMP bodies) sparse never sees.
 */
static bool wanted(tree fndecl)
{
	const char *name = decl_name(fndecl);

	if (!name || DECL_ARTIFICIAL(fndecl))
		return false;
	return !DECL_DECLARED_INLINE_P(fndecl) ||
	       !engine_models_call(physcheck_model, name);
}

static void lower_function(function *fn)
{
	struct lower l;
	unsigned int nr_params, i;

	if (!fn || !fn->cfg || !wanted(fn->decl))
		return;
	memset(&l, 0, sizeof(l));
	l.fn = fn;
	l.unit = unit_stage();
	l.last = DECL_SOURCE_LOCATION(fn->decl);
	nr_params = count_params(fn->decl);
	l.func = ir_func_new(l.unit, decl_name(fn->decl),
			     physcheck_loc(DECL_SOURCE_LOCATION(fn->decl)), nr_params);
	l.func->is_static = !TREE_PUBLIC(fn->decl);
	l.nr_names = num_ssa_names;
	l.values = XNEWVEC(int, l.nr_names + 1);
	for (i = 0; i < l.nr_names; i++)
		l.values[i] = IR_NONE;
	l.blocks = XCNEWVEC(int, last_basic_block_for_fn(fn) + 1);
	l.params = XNEWVEC(int, nr_params + 1);
	for (i = 0; i < nr_params; i++)
		l.params[i] = IR_NONE;
	lower_body(&l);
	ir_func_finish(l.func);
	unit_staged(l.func, DECL_DECLARED_INLINE_P(fn->decl));
	XDELETEVEC(l.values);
	XDELETEVEC(l.blocks);
	XDELETEVEC(l.params);
	XDELETEVEC(l.objects);
	XDELETEVEC(l.object_values);
}

/* ---------------------------------------------------------- the pass */

static const pass_data physcheck_pass_data = PHYSCHECK_GIMPLE_PASS_DATA("physcheck");

class physcheck_pass : public gimple_opt_pass {
public:
	physcheck_pass(gcc::context *ctxt)
		: gimple_opt_pass(physcheck_pass_data, ctxt) {}
	unsigned int execute(function *fn) PHYSCHECK_OVERRIDE
	{
		lower_function(fn);
		return 0;
	}
};

opt_pass *make_physcheck_pass(gcc::context *ctxt)
{
	return new physcheck_pass(ctxt);
}

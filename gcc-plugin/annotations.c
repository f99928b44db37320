// SPDX-License-Identifier: GPL-2.0
/*
 * The attributes kmappable and mmio: include/physcheck.h maps
 * __kmappable / __mmio_phys / __must_kmap onto them while the plugin is
 * loaded.  They are validated where they are written, and kept off what
 * gcc generates: code and debug information are what they are without
 * the plugin (tests/checker/run compares both per case).
 */
#include "physcheck_gcc.h"

/* The value the attribute describes must be able to hold a phys, a pfn
 * or a struct page pointer: an integer or a pointer. */
static bool holds_address(tree type)
{
	return INTEGRAL_TYPE_P(type) || POINTER_TYPE_P(type);
}

static tree annotated_type(tree decl)
{
	switch (TREE_CODE(decl)) {
	case FUNCTION_DECL:
		return TREE_TYPE(TREE_TYPE(decl));	/* the return value */
	case PARM_DECL:
	case FIELD_DECL:
	case VAR_DECL:
	case TYPE_DECL:
		return TREE_TYPE(decl);
	default:
		return NULL_TREE;
	}
}

/* Whether the unit has an annotation at all: without one there is no
 * annotation conversion to drop, and no body need be walked for it. */
static bool unit_annotated;

static tree handle_physcheck_attribute(tree *node, tree name, tree args,
				       int flags, bool *no_add_attrs)
{
	tree type;

	(void)args;
	(void)flags;
	unit_annotated = true;
	if (!DECL_P(*node)) {
		/* A bare type: allowed on integer and pointer types only. */
		if (TYPE_P(*node) && holds_address(*node))
			return NULL_TREE;
		*no_add_attrs = true;
		error("%qE attribute applies to typedefs, parameters, variables, "
		      "struct fields and function return values", name);
		return NULL_TREE;
	}
	type = annotated_type(*node);
	if (!type) {
		*no_add_attrs = true;
		error_at(DECL_SOURCE_LOCATION(*node),
			 "%qE attribute applies to typedefs, parameters, variables, "
			 "struct fields and function return values, not to %qD",
			 name, *node);
		return NULL_TREE;
	}
	if (!holds_address(type)) {
		*no_add_attrs = true;
		error_at(DECL_SOURCE_LOCATION(*node),
			 "%qE attribute needs a phys, pfn or page pointer, "
			 "but %qD has type %qT", name, *node, type);
		return NULL_TREE;
	}
	/*
	 * A prototype keeps no PARM_DECLs, only its parameters' types: carry
	 * the annotation on the type too, so that calls to a function defined
	 * elsewhere see it.  The attribute does not affect type identity, so
	 * this changes no type compatibility and no code.
	 */
	if (TREE_CODE(*node) == PARM_DECL)
		TREE_TYPE(*node) = build_type_attribute_variant(type,
			tree_cons(name, build_tree_list(NULL_TREE, type),
				  TYPE_ATTRIBUTES(type)));
	return NULL_TREE;
}

/*
 * A parameter's annotation lives on its type (a prototype keeps no
 * PARM_DECLs), and that attribute variant makes the C front end convert
 * each argument passed to it: `f((phys_addr_t)sg_phys(sg))`, a conversion
 * with a location of its own, after which gcc -g records other
 * DW_AT_call_column values than without the plugin.  Before a body is
 * gimplified, such conversions (to a type that differs from the operand's
 * only by the plugin's attributes) are taken out again: code and debug
 * information stay what they are without the plugin.
 */
/* The plugin's attribute in @attrs (mmio before kmappable), or NULL. */
static tree annotation_attr(tree attrs)
{
	tree attr = lookup_attribute("mmio", attrs);

	return attr ? attr : lookup_attribute("kmappable", attrs);
}

/* What an annotation in @attrs states: the one reading of the attributes,
 * for this file and for lower.c. */
enum prov_state physcheck_annotation_in(tree attrs)
{
	tree attr = annotation_attr(attrs);

	if (!attr)
		return PROV_NONE;
	return is_attribute_p("mmio", get_attribute_name(attr)) ? PROV_MMIO : PROV_KMAP;
}

static bool annotated_only(tree type)
{
	return annotation_attr(TYPE_ATTRIBUTES(type)) != NULL_TREE;
}

static tree drop_annotation_conversion(tree *tp, int *walk_subtrees, void *data)
{
	tree t = *tp;

	(void)data;
	/* an attribute variant is a main variant of its own; what it does
	 * not change is its canonical type */
	while (t && CONVERT_EXPR_P(t) && annotated_only(TREE_TYPE(t)) &&
	       TYPE_CANONICAL(TREE_TYPE(t)) &&
	       TYPE_CANONICAL(TREE_TYPE(t)) ==
	       TYPE_CANONICAL(TREE_TYPE(TREE_OPERAND(t, 0))))
		t = TREE_OPERAND(t, 0);
	if (t != *tp)
		*tp = t;
	if (TYPE_P(t))
		*walk_subtrees = 0;
	return NULL_TREE;
}

/* The type a parameter was declared with, without the annotation: kept
 * in the attribute where handle_physcheck_attribute() made the variant,
 * rebuilt for `struct page * __must_kmap page`, where gcc put the
 * attribute on the pointer type itself; NULL if @type has none. */
static tree declared_type(tree type)
{
	tree attr = annotation_attr(TYPE_ATTRIBUTES(type));

	if (!attr)
		return NULL_TREE;
	if (TREE_VALUE(attr) && TYPE_P(TREE_VALUE(TREE_VALUE(attr))))
		return TREE_VALUE(TREE_VALUE(attr));
	if (POINTER_TYPE_P(type))
		return build_qualified_type(build_pointer_type(TREE_TYPE(type)),
					    TYPE_QUALS(type));
	return NULL_TREE;
}

static void drop_annotation_conversions(void *event_data, void *data)
{
	tree fndecl = (tree)event_data, parm;

	(void)data;
	if (!unit_annotated || !fndecl || !DECL_SAVED_TREE(fndecl))
		return;
	walk_tree_without_duplicates(&DECL_SAVED_TREE(fndecl),
				     drop_annotation_conversion, NULL);
	/* the parameters themselves get back the type they were declared
	 * with (debug information names it: phys_addr_t, not u64); their
	 * annotation stays in DECL_ATTRIBUTES, where lower.c reads it */
	for (parm = DECL_ARGUMENTS(fndecl); parm; parm = DECL_CHAIN(parm)) {
		tree declared = declared_type(TREE_TYPE(parm));

		if (!declared)
			continue;
		if (DECL_ARG_TYPE(parm) == TREE_TYPE(parm))
			DECL_ARG_TYPE(parm) = declared;
		TREE_TYPE(parm) = declared;
	}
}

/*
 * A prototype's parameters live only in its type: annotated ones are
 * attribute variants there, which gcc -g describes with DIEs of their own
 * (a second `struct page *`).  Once the prototype is declared, its
 * annotations move to this table and its type gets back the declared
 * parameter types; note_callee() (lower.c) reads them here.
 */
struct moved_annotations {
	tree name;		/* the function's DECL_NAME */
	enum prov_state params[PROV_MAX_PARAMS];
	unsigned int nr_params;
};

static struct moved_annotations *moved;
static unsigned int nr_moved, cap_moved;

static struct moved_annotations *moved_for(tree name, bool create)
{
	unsigned int i;

	for (i = 0; i < nr_moved; i++)
		if (moved[i].name == name)
			return &moved[i];
	if (!create)
		return NULL;
	if (nr_moved == cap_moved) {
		cap_moved = cap_moved ? cap_moved * 2 : 16;
		moved = XRESIZEVEC(struct moved_annotations, moved, cap_moved);
	}
	memset(&moved[nr_moved], 0, sizeof(moved[nr_moved]));
	moved[nr_moved].name = name;
	return &moved[nr_moved++];
}

static void move_prototype_annotations(void *event_data, void *data)
{
	tree fndecl = (tree)event_data, fntype, arg, list = NULL_TREE, *tail = &list;
	struct moved_annotations *m = NULL;
	unsigned int n = 0;

	(void)data;
	if (!fndecl || TREE_CODE(fndecl) != FUNCTION_DECL || !DECL_NAME(fndecl) ||
	    TREE_CODE(TREE_TYPE(fndecl)) != FUNCTION_TYPE)
		return;
	fntype = TREE_TYPE(fndecl);
	for (arg = TYPE_ARG_TYPES(fntype); arg; arg = TREE_CHAIN(arg), n++) {
		tree type = TREE_VALUE(arg), declared = declared_type(type);

		if (declared) {
			m = m ? m : moved_for(DECL_NAME(fndecl), true);
			if (n < PROV_MAX_PARAMS)
				m->params[n] = physcheck_annotation_in(TYPE_ATTRIBUTES(type));
			type = declared;
		}
		*tail = tree_cons(TREE_PURPOSE(arg), type, NULL_TREE);
		tail = &TREE_CHAIN(*tail);
	}
	if (!m)
		return;
	m->nr_params = n < PROV_MAX_PARAMS ? n : PROV_MAX_PARAMS;
	TREE_TYPE(fndecl) = build_type_attribute_variant(
		build_function_type(TREE_TYPE(fntype), list), TYPE_ATTRIBUTES(fntype));
}

/* The annotations moved off @fndecl's prototype; false if none were. */
bool physcheck_moved_annotations(tree fndecl, enum prov_state *params, unsigned int *n)
{
	const struct moved_annotations *m = fndecl && DECL_NAME(fndecl) ?
		moved_for(DECL_NAME(fndecl), false) : NULL;

	if (!m)
		return false;
	memcpy(params, m->params, sizeof(m->params));
	*n = m->nr_params;
	return true;
}

static struct attribute_spec kmappable_attr =
	PHYSCHECK_ATTRIBUTE("kmappable", handle_physcheck_attribute);
static struct attribute_spec mmio_attr =
	PHYSCHECK_ATTRIBUTE("mmio", handle_physcheck_attribute);

static void register_attributes(void *event_data, void *data)
{
	(void)event_data;
	(void)data;
	register_attribute(&kmappable_attr);
	register_attribute(&mmio_attr);
}

void annotations_register(const char *plugin_name)
{
	register_callback(plugin_name, PLUGIN_ATTRIBUTES, register_attributes, NULL);
	register_callback(plugin_name, PLUGIN_PRE_GENERICIZE, drop_annotation_conversions, NULL);
	register_callback(plugin_name, PLUGIN_FINISH_DECL, move_prototype_annotations, NULL);
}

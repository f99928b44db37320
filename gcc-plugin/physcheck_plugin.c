// SPDX-License-Identifier: GPL-2.0
/*
 * physcheck_plugin: physcheck's provenance analysis inside GCC.
 *
 *	make KCFLAGS=-fplugin=<physcheck>/gcc-plugin/physcheck_plugin.so
 *
 * Options, each as -fplugin-arg-physcheck_plugin-NAME[=VALUE]:
 *	model=FILE		add a model file to the kernel model
 *	disable=CHECK[,CHECK]	turn checks off (phys-mmio, phys-kmap, ...)
 *	error			findings are errors
 *	verbose			say what was loaded
 *
 * The attributes kmappable and mmio (see include/physcheck.h, which maps
 * __kmappable / __mmio_phys / __must_kmap onto them while this plugin is
 * loaded) are validated where they are written.  The plugin only lowers
 * GCC's IR into analysis/; all knowledge lives there and in model/.
 */
#include "physcheck_gcc.h"
/* the version this plugin is built for, for plugin_default_version_check() */
#include "plugin-version.h"

#include <limits.h>

int plugin_is_GPL_compatible;

static struct plugin_info physcheck_plugin_info = {
	.version = "0.1",
	.help = "model=FILE\tadd a physcheck model file\n"
		"disable=CHECK[,CHECK]\tdisable physcheck checks\n"
		"error\tphyscheck findings are errors\n"
		"verbose\treport what physcheck loaded\n",
};

struct model *physcheck_model;
bool physcheck_verbose;

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

static tree handle_physcheck_attribute(tree *node, tree name, tree args,
				       int flags, bool *no_add_attrs)
{
	tree type;

	(void)args;
	(void)flags;
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
static bool annotated_only(tree type)
{
	return lookup_attribute("kmappable", TYPE_ATTRIBUTES(type)) ||
	       lookup_attribute("mmio", TYPE_ATTRIBUTES(type));
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
	tree attr = lookup_attribute("kmappable", TYPE_ATTRIBUTES(type));

	if (!attr)
		attr = lookup_attribute("mmio", TYPE_ATTRIBUTES(type));
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
	if (!fndecl || !DECL_SAVED_TREE(fndecl))
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

static enum prov_state own_annotation(tree type)
{
	if (lookup_attribute("mmio", TYPE_ATTRIBUTES(type)))
		return PROV_MMIO;
	if (lookup_attribute("kmappable", TYPE_ATTRIBUTES(type)))
		return PROV_KMAP;
	return PROV_NONE;
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
				m->params[n] = own_annotation(type);
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

/* include/physcheck.h switches to the real attributes on this macro. */
static void define_plugin_macro(void *event_data, void *data)
{
	(void)event_data;
	(void)data;
	if (parse_in)
		cpp_define(parse_in, "__PHYSCHECK_PLUGIN__");
}

static bool load_model(const char *path)
{
	char error_text[MODEL_ERROR_MAX];

	if (model_load_file(physcheck_model, path, error_text,
			    sizeof(error_text))) {
		error(PLUGIN_NAME ": %s", error_text);
		return false;
	}
	return true;
}

/* The kernel model sits at ../model/ from the plugin in the source tree,
 * ../share/physcheck/ once installed under lib/. */
static bool load_default_model(const char *plugin_path)
{
	static const char *const relative[] = {
		"../model/kernel.model",
		"../share/physcheck/kernel.model",
		"../../share/physcheck/kernel.model",
	};
	char dir[PATH_MAX - 64], path[PATH_MAX];	/* room for relative[] */
	const char *slash = strrchr(plugin_path, '/');
	size_t i;

	if (slash) {
		snprintf(dir, sizeof(dir), "%.*s",
			 (int)(slash - plugin_path), plugin_path);
	} else {
		snprintf(dir, sizeof(dir), ".");
	}
	for (i = 0; i < ARRAY_SIZE(relative); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, relative[i]);
		if (!access(path, R_OK))
			return load_model(path);
	}
	error(PLUGIN_NAME ": cannot find kernel.model beside %s", plugin_path);
	return false;
}

static bool option_model(const char *value)
{
	return load_model(value);
}

/* disable=NAME[,NAME...]: an empty name (`disable=,`, `a,,b`) is a typo,
 * not nothing to disable, so it is refused like an unknown one. */
static bool option_disable(const char *value)
{
	char *list = xstrdup(value), *name, *next;
	bool ok = true;

	for (name = list; name; name = next) {
		next = strchr(name, ',');
		if (next)
			*next++ = '\0';
		if (!*name) {
			error(PLUGIN_NAME ": empty check name in disable=%qs "
			      "(known: %s)", value, check_known_names());
			ok = false;
			break;
		} else if (check_set_by_name(name, false)) {
			error(PLUGIN_NAME ": unknown check %qs in disable= "
			      "(known: %s)", name, check_known_names());
			ok = false;
		}
	}
	free(list);
	return ok;
}

static bool option_error(const char *value)
{
	(void)value;
	diag_set_findings_are_errors(true);
	return true;
}

static bool option_verbose(const char *value)
{
	(void)value;
	physcheck_verbose = true;
	return true;
}

struct plugin_option {
	const char *name;
	bool takes_value;
	bool (*apply)(const char *value);
};

static const struct plugin_option plugin_options[] = {
	{ "model", true, option_model },
	{ "disable", true, option_disable },
	{ "error", false, option_error },
	{ "verbose", false, option_verbose },
};

static bool apply_option(const struct plugin_argument *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(plugin_options); i++) {
		const struct plugin_option *opt = &plugin_options[i];

		if (strcmp(arg->key, opt->name))
			continue;
		if (opt->takes_value && (!arg->value || !*arg->value)) {
			error(PLUGIN_NAME ": option %<-fplugin-arg-%s-%s%> "
			      "needs a value", PLUGIN_NAME, arg->key);
			return false;
		}
		if (!opt->takes_value && arg->value) {
			error(PLUGIN_NAME ": option %<-fplugin-arg-%s-%s%> "
			      "takes no value", PLUGIN_NAME, arg->key);
			return false;
		}
		return opt->apply(arg->value);
	}
	error(PLUGIN_NAME ": unknown option %<-fplugin-arg-%s-%s%> "
	      "(known: model=, disable=, error, verbose)",
	      PLUGIN_NAME, arg->key);
	return false;
}

/*
 * The analysis: a pass right after the function is in SSA form, before
 * early inlining sees it, and the unit's check once every function went
 * through it.
 */
static void register_analysis(const char *name)
{
	struct register_pass_info pass_info;

	pass_info.pass = make_physcheck_pass(g);
	pass_info.reference_pass_name = "ssa";
	pass_info.ref_pass_instance_number = 1;
	pass_info.pos_op = PASS_POS_INSERT_AFTER;
	register_callback(name, PLUGIN_PASS_MANAGER_SETUP, NULL, &pass_info);
	register_callback(name, PLUGIN_REGISTER_GGC_ROOTS, NULL,
			  (void *)physcheck_ggc_roots);
	register_callback(name, PLUGIN_START_UNIT, unit_start, NULL);
	register_callback(name, PLUGIN_FINISH_DECL, unit_finish_decl, NULL);
	register_callback(name, PLUGIN_FINISH_TYPE, unit_finish_type, NULL);
	register_callback(name, PLUGIN_FINISH_UNIT, unit_finish, NULL);
}

/*
 * gcc loads any plugin; refusing one built against other headers is the
 * plugin's job (plugin_default_version_check() compares version, date,
 * phase, revision and configure arguments).  Say which gcc each side is:
 * a rebuilt Debian gcc keeps its version and changes only its date.
 */
static void version_mismatch(const struct plugin_gcc_version *built,
			     const struct plugin_gcc_version *running)
{
	bool same_release = !strcmp(built->basever, running->basever) &&
			    !strcmp(built->datestamp, running->datestamp) &&
			    !strcmp(built->devphase, running->devphase) &&
			    !strcmp(built->revision, running->revision);

	error(PLUGIN_NAME ": built for gcc %s (%s), loaded into gcc %s (%s)%s: "
	      "rebuild it with this gcc's plugin headers",
	      built->basever, built->datestamp, running->basever,
	      running->datestamp, same_release ? ", configured differently" : "");
}

int plugin_init(struct plugin_name_args *plugin_info,
		struct plugin_gcc_version *version)
{
	const char *name = plugin_info->base_name;
	bool ok = true;
	int i;

	if (!plugin_default_version_check(version, &gcc_version)) {
		version_mismatch(&gcc_version, version);
		return 1;
	}
	physcheck_model = model_new();
	if (!physcheck_model || !load_default_model(plugin_info->full_name))
		return 1;
	for (i = 0; i < plugin_info->argc; i++)
		ok &= apply_option(&plugin_info->argv[i]);
	if (!ok)
		return 1;
	for (i = 0; i < (int)model_note_count(physcheck_model); i++)
		inform(UNKNOWN_LOCATION, PLUGIN_NAME ": %s", model_note(physcheck_model, i));
	if (physcheck_verbose)
		inform(UNKNOWN_LOCATION, PLUGIN_NAME ": %u model entries loaded",
		       model_entry_count(physcheck_model));

	register_callback(name, PLUGIN_INFO, NULL, &physcheck_plugin_info);
	register_callback(name, PLUGIN_ATTRIBUTES, register_attributes, NULL);
	register_callback(name, PLUGIN_START_UNIT, define_plugin_macro, NULL);
	register_callback(name, PLUGIN_PRE_GENERICIZE, drop_annotation_conversions, NULL);
	register_callback(name, PLUGIN_FINISH_DECL, move_prototype_annotations, NULL);
	register_analysis(name);
	return 0;
}

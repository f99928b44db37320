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
 * The attributes kmappable and mmio (annotations.c) are validated where
 * they are written.  The plugin only lowers
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
		"enable=CHECK[,CHECK]\tenable physcheck checks\n"
		"disable=CHECK[,CHECK]\tdisable physcheck checks\n"
		"facts-dir=DIR\twrite each unit's cross-file facts into DIR\n"
		"db=FILE\tuse the summaries of physcheck-db build's FILE\n"
		"error\tphyscheck findings are errors\n"
		"verbose\treport what physcheck loaded\n",
};

struct model *physcheck_model;
bool physcheck_verbose;
const char *physcheck_facts_dir;
struct fact_db *physcheck_db;

/* include/physcheck.h switches to the real attributes on this macro. */
static void define_plugin_macro(void *event_data, void *data)
{
	(void)event_data;
	(void)data;
	/* a preprocessed unit (a distcc node's .i) has no macros to switch */
	if (parse_in && !cpp_get_options(parse_in)->preprocessed)
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

/* The kernel model beside the plugin (model_find_default()). */
static bool load_default_model(const char *plugin_path)
{
	char dir[PATH_MAX], path[PATH_MAX];
	const char *slash = strrchr(plugin_path, '/');

	if (slash) {
		snprintf(dir, sizeof(dir), "%.*s",
			 (int)(slash - plugin_path), plugin_path);
	} else {
		snprintf(dir, sizeof(dir), ".");
	}
	if (!model_find_default(dir, path, sizeof(path)))
		return load_model(path);
	error(PLUGIN_NAME ": cannot find kernel.model beside %s", plugin_path);
	return false;
}

static bool option_model(const char *value)
{
	return load_model(value);
}

/* enable= and disable=NAME[,NAME...]: an empty name (`disable=,`,
 * `a,,b`) is a typo, not nothing to change, so it is refused like an
 * unknown one.  The names are the registry's (check_known_names()). */
static bool set_checks(const char *option, const char *value, bool on)
{
	char *list = xstrdup(value), *name, *next;
	bool ok = true;

	for (name = list; name; name = next) {
		next = strchr(name, ',');
		if (next)
			*next++ = '\0';
		if (!*name) {
			error(PLUGIN_NAME ": empty check name in %s=%qs "
			      "(known: %s)", option, value, check_known_names());
			ok = false;
			break;
		} else if (check_set_by_name(name, on)) {
			error(PLUGIN_NAME ": unknown check %qs in %s= "
			      "(known: %s)", name, option, check_known_names());
			ok = false;
		}
	}
	free(list);
	return ok;
}

static bool option_enable(const char *value)
{
	return set_checks("enable", value, true);
}

static bool option_disable(const char *value)
{
	return set_checks("disable", value, false);
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

static bool option_facts_dir(const char *value)
{
	physcheck_facts_dir = value;
	return true;
}

/* A database that cannot be read stops the compile: silently checking
 * without it would pass what it should not. */
static bool option_db(const char *value)
{
	char error_text[512];

	fact_db_close(physcheck_db);
	physcheck_db = fact_db_open(value, error_text, sizeof(error_text));
	if (!physcheck_db) {
		error(PLUGIN_NAME ": %s", error_text);
		return false;
	}
	return true;
}

struct plugin_option {
	const char *name;
	bool takes_value;
	bool (*apply)(const char *value);
};

static const struct plugin_option plugin_options[] = {
	{ "model", true, option_model },
	{ "enable", true, option_enable },
	{ "disable", true, option_disable },
	{ "facts-dir", true, option_facts_dir },
	{ "db", true, option_db },
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
	      "(known: model=, enable=, disable=, facts-dir=, db=, error, verbose)",
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
	annotations_register(name);
	register_callback(name, PLUGIN_START_UNIT, define_plugin_macro, NULL);
	register_analysis(name);
	return 0;
}

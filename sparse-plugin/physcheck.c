// SPDX-License-Identifier: GPL-2.0
/*
 * physcheck: a sparse client that kbuild runs as CHECK.
 *
 *	make C=2 CHECK=<physcheck>/sparse-plugin/physcheck [CF="-Wphys-error"]
 *
 * It takes every argument sparse takes, prints everything sparse prints,
 * and adds physcheck's own options:
 *
 *	-Wphys-NAME, -Wno-phys-NAME	enable or disable one check
 *	-Wphys-error			findings make the exit status 1
 *	--model=FILE, --model FILE	add a model file to the kernel model
 *
 * Exit status: 0 when the run completed (findings included, so make goes
 * on), 1 for findings under -Wphys-error (or sparse's -Wsparse-error), 2
 * for bad usage, unreadable input, a syntax error or a bad model, with one
 * line on stderr.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annotations.h"
#include "diag.h"
#include "evaluate.h"
#include "lower.h"
#include "model.h"
#include "sparse_builtin.h"
#include "token.h"
#include "unit.h"

#define PROG "physcheck"
#define MAX_MODELS 16

struct options {
	const char *models[MAX_MODELS];
	unsigned int nr_models;
};

static void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": error: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

static void add_model(struct options *opts, const char *path)
{
	if (!*path)
		usage_error("--model needs a FILE%s", "");
	if (opts->nr_models == MAX_MODELS)
		usage_error("too many --model files (at most 16): %s", path);
	opts->models[opts->nr_models++] = path;
}

/*
 * Take physcheck's own options out of argv, in place, so that sparse sees
 * exactly the command line it would have seen as CHECK.
 */
static int take_own_options(int argc, char **argv, struct options *opts)
{
	int in, out = 1;

	for (in = 1; in < argc; in++) {
		const char *arg = argv[in];

		switch (check_option(arg)) {
		case OPTION_TAKEN:
			continue;
		case OPTION_BAD:
			usage_error("unknown check '%s' (known: phys-mmio, phys-kmap, phys-requires, phys-annotation, phys-error)",
				    arg);
			break;
		case OPTION_NOT_OURS:
			break;
		}
		if (!strncmp(arg, "--model=", 8)) {
			add_model(opts, arg + 8);
			continue;
		}
		if (!strcmp(arg, "--model")) {
			if (in + 1 == argc)
				usage_error("--model needs a FILE%s", "");
			add_model(opts, argv[++in]);
			continue;
		}
		argv[out++] = argv[in];
	}
	argv[out] = NULL;
	return out;
}

/*
 * The kernel model ships beside the binary: ../model/ in the source tree,
 * ../share/physcheck/ once installed.
 */
static int find_default_model(char *path, size_t size)
{
	static const char *const relative[] = {
		"../model/kernel.model",
		"../share/physcheck/kernel.model",
	};
	char exe[PATH_MAX - 64];	/* room for the relative part */
	ssize_t len;
	char *slash;
	unsigned int i;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len < 0)
		return -1;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	for (i = 0; i < sizeof(relative) / sizeof(relative[0]); i++) {
		snprintf(path, size, "%s/%s", exe, relative[i]);
		if (!access(path, R_OK))
			return 0;
	}
	return -1;
}

static void load_model_or_die(struct model *model, const char *path)
{
	char error[MODEL_ERROR_MAX];

	if (model_load_file(model, path, error, sizeof(error))) {
		fprintf(stderr, PROG ": error: %s\n", error);
		exit(2);
	}
}

static struct model *load_models(const struct options *opts)
{
	struct model *model = model_new();
	char path[PATH_MAX];
	unsigned int i;

	if (!model)
		usage_error("out of memory%s", "");
	if (find_default_model(path, sizeof(path)))
		usage_error("cannot find the kernel model (kernel.model) beside %s",
			    "the physcheck binary");
	load_model_or_die(model, path);
	for (i = 0; i < opts->nr_models; i++)
		load_model_or_die(model, opts->models[i]);
	return model;
}

/* Refuse what sparse would choke on, with one line, before it starts. */
static void check_input(const char *file)
{
	char head[4096];
	struct stat st;
	size_t len;
	FILE *f;

	if (!strcmp(file, "-"))
		return;
	if (stat(file, &st))
		usage_error("%s: cannot read input", file);
	if (S_ISDIR(st.st_mode))
		usage_error("%s: is a directory, not a C file", file);
	f = fopen(file, "r");
	if (!f)
		usage_error("%s: cannot read input", file);
	len = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (memchr(head, '\0', len))
		usage_error("%s: binary file, not C source", file);
}

/*
 * sparse's optimize() and ssa_convert(), wrapped at link time
 * (-Wl,--wrap=...): a freshly linearized function passes through
 * optimize() first, where its inlined-call markers are made to survive;
 * physcheck takes the function right after optimize() puts it in SSA
 * form (or, where sparse skips that pass, once it is optimized).
 */
void __real_optimize(struct entrypoint *ep);
void __wrap_optimize(struct entrypoint *ep);
void __real_ssa_convert(struct entrypoint *ep);
void __wrap_ssa_convert(struct entrypoint *ep);

void __wrap_optimize(struct entrypoint *ep)
{
	unit_prepare(ep);
	__real_optimize(ep);
	if (!(fpasses & PASS_MEM2REG))
		unit_lower(ep);
}

void __wrap_ssa_convert(struct entrypoint *ep)
{
	__real_ssa_convert(ep);
	unit_lower(ep);
}

/*
 * Which of sparse's phases an error came from.  sparse marks any error
 * in has_error's ERROR_CURR_PHASE bit; closing the phase right after the
 * preprocessor (as sparse itself closes it after parsing) tells the
 * preprocessor's errors from the parser's.  has_error stays non-zero
 * either way, so sparse's "no warnings after an error" rule is kept.
 */
struct token *__real_preprocess(struct token *token);
struct token *__wrap_preprocess(struct token *token);

struct token *__wrap_preprocess(struct token *token)
{
	token = __real_preprocess(token);
	if (has_error & ERROR_CURR_PHASE)
		has_error = ERROR_PREV_PHASE;
	return token;
}

enum file_errors {
	FILE_CLEAN,
	FILE_SPARSE_ERRORS,	/* preprocessor limits, type checks */
	FILE_SYNTAX_ERRORS,	/* the parser rejected the C */
};

/*
 * sparse(file), with physcheck's unit begun while the file's tokens are
 * still there to read the model's flag macros (DMA_ATTR_MMIO) from; then
 * they go, as sparse lets them go.
 */
static struct symbol_list *parse_file(char *file, const struct model *model,
				      int *syntax_errors)
{
	struct symbol_list *list = sparse_keep_tokens(file);

	*syntax_errors = has_error & ERROR_CURR_PHASE;
	unit_begin(file, model);
	clear_token_alloc();
	if (has_error & ERROR_CURR_PHASE)
		has_error = ERROR_PREV_PHASE;
	evaluate_symbol_list(list);
	unit_roles(list);
	return list;
}

/*
 * A file sparse cannot parse is bad input: exit 2.  Errors sparse raises
 * outside its parser are another matter: 0.6.4 raises them on valid
 * kernel files (a preprocessor expansion limit on trace headers, address
 * space checks stricter than gcc in rbtree_augmented.h), and stopping
 * `make C=2` there would make physcheck unusable where sparse is used.
 * Such a file is named as partly analysed, never silently; it fails the
 * run only under -Wphys-error, where a partial analysis must not pass
 * for a clean one.
 */
static enum file_errors report_errors(const char *file, int syntax_errors)
{
	if (syntax_errors) {
		fprintf(stderr, PROG ": %s: syntax error: sparse could not parse it; not fully analysed\n",
			file);
		return FILE_SYNTAX_ERRORS;
	}
	if (!has_error)
		return FILE_CLEAN;
	fprintf(stderr, PROG ": %s: sparse reported errors: %s\n", file,
		diag_findings_are_errors() ?
		"not fully analysed (error under -Wphys-error)" :
		"physcheck's analysis of it may be incomplete");
	return FILE_SPARSE_ERRORS;
}

static int exit_status(enum file_errors worst)
{
	if (worst == FILE_SYNTAX_ERRORS)
		return 2;
	if (!diag_findings_are_errors())
		return 0;
	if (worst != FILE_CLEAN)
		return 2;
	return diag_warning_count() ? 1 : 0;
}

int main(int argc, char **argv)
{
	enum file_errors worst = FILE_CLEAN;
	struct string_list *filelist = NULL;
	struct options opts = { .nr_models = 0 };
	struct symbol_list *list;
	struct model *model;
	char *file;

	argc = take_own_options(argc, argv, &opts);
	model = load_models(&opts);

	/* like sparse: kbuild's -o is for the compiler, not for us */
	do_output = 0;
	list = sparse_initialize(argc, argv, &filelist);
	annotations_register();
	sparse_builtin_check_symbols(list, NULL);
	FOR_EACH_PTR(filelist, file) {
		check_input(file);
	} END_FOR_EACH_PTR(file);
	FOR_EACH_PTR(filelist, file) {
		enum file_errors errors;
		int syntax_errors;

		has_error = 0;
		list = parse_file(file, model, &syntax_errors);
		sparse_builtin_check_symbols(list, NULL);
		unit_end();
		/* sparse stops at the first file with errors here; so do we */
		if (sparse_builtin_must_fail())
			return 1;
		errors = report_errors(file, syntax_errors);
		if (errors > worst)
			worst = errors;
	} END_FOR_EACH_PTR(file);
	report_stats();
	model_free(model);
	return exit_status(worst);
}

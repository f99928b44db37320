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
 *	--facts-dir DIR			write each file's cross-file facts there
 *	--db FILE			the database physcheck-db built from them
 *	--list-checks [--json]		list the checks (the registry's words)
 *	--help				physcheck's own options and checks
 *
 * Exit status: sparse's for the same input and options, whatever sparse
 * reported (0; 1 where sparse exits 1: an error under -Wsparse-error, a
 * file it cannot open), so `make C=2` goes on wherever it goes on with
 * CHECK=sparse.  physcheck's own causes have their own: 2 for bad usage of
 * its options or an unreadable or bad model, with one line on stderr;
 * under -Wphys-error, 1 for findings and 2 for a file not analysed in full.
 *
 * A file in which sparse reported an error is not analysed in full: it
 * gets a -Wphys-incomplete warning, in sparse's format, at the first error.
 */
#define _GNU_SOURCE	/* pthread_getattr_np() */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annotations.h"
#include "diag.h"
#include "evaluate.h"
#include "expression.h"
#include "facts.h"
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
	const char *facts_dir;
	const char *db;
	bool list_checks;
	bool json;
};

static void usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": error: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(2);
}

/* physcheck's own options; sparse's are sparse's (man sparse). */
static void print_help(void)
{
	printf("usage: " PROG " [sparse's options] [physcheck's options] FILE...\n"
	       "  -Wphys-NAME, -Wno-phys-NAME  enable or disable one check\n"
	       "  -Wphys-error                 findings make the exit status 1\n"
	       "  --model FILE                 add a model file to the kernel model\n"
	       "  --list-checks [--json]       list the checks\n"
	       "  --                           every argument after it is a file\n"
	       "checks (NAME, default, what it finds):\n");
	check_list_print(stdout, false);
	exit(0);
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
/*
 * After `--`, every argument is a file, even one named like an option:
 * sparse has no `--` and would take `-x.c` for a switch and check nothing,
 * so such a name reaches it as `./-x.c`.
 */
static char *file_argument(char *arg)
{
	char *path;

	if (arg[0] != '-')
		return arg;
	path = malloc(strlen(arg) + 3);
	if (!path)
		usage_error("out of memory%s", "");
	strcpy(path, "./");
	strcat(path, arg);
	return path;
}

/* `--NAME PATH` or `--NAME=PATH` at argv[*in]: taken into @value. */
static bool take_path_option(int argc, char **argv, int *in, const char *name,
			     const char **value)
{
	const char *arg = argv[*in];
	size_t len = strlen(name);

	if (strncmp(arg, name, len) || (arg[len] && arg[len] != '='))
		return false;
	if (arg[len] == '=') {
		*value = arg + len + 1;
	} else {
		if (*in + 1 == argc)
			usage_error("%s needs an argument", name);
		*value = argv[++*in];
	}
	if (!**value)
		usage_error("%s needs an argument", name);
	return true;
}

static int take_own_options(int argc, char **argv, struct options *opts)
{
	bool files_only = false;
	int in, out = 1;

	for (in = 1; in < argc; in++) {
		const char *arg = argv[in];

		if (files_only) {
			argv[out++] = file_argument(argv[in]);
			continue;
		}
		if (!strcmp(arg, "--")) {
			files_only = true;
			continue;
		}

		switch (check_option(arg)) {
		case OPTION_TAKEN:
			continue;
		case OPTION_BAD:
			fprintf(stderr, PROG ": error: unknown check '%s' (known: %s, phys-error)\n",
				arg, check_known_names());
			exit(2);
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
		if (take_path_option(argc, argv, &in, "--facts-dir", &opts->facts_dir) ||
		    take_path_option(argc, argv, &in, "--db", &opts->db))
			continue;
		if (!strcmp(arg, "--list-checks") || !strcmp(arg, "--json")) {
			opts->list_checks |= arg[2] == 'l';
			opts->json |= arg[2] == 'j';
			continue;
		}
		if (!strcmp(arg, "--help"))
			print_help();
		argv[out++] = argv[in];
	}
	argv[out] = NULL;
	if (opts->json && !opts->list_checks)
		usage_error("--json goes with --list-checks%s", "");
	if (opts->list_checks) {
		check_list_print(stdout, opts->json);
		exit(0);
	}
	return out;
}

/* The database of --db, refused whole when it cannot be read; and
 * --facts-dir made ready. */
static struct fact_db *open_db(const struct options *opts)
{
	struct fact_db *db = NULL;
	char error[512];

	if (opts->db && !(db = fact_db_open(opts->db, error, sizeof(error)))) {
		fprintf(stderr, PROG ": error: %s\n", error);
		exit(2);
	}
	unit_set_facts(db, opts->facts_dir);
	return db;
}

/* The kernel model beside this binary (model_find_default()). */
static int find_default_model(char *path, size_t size)
{
	char exe[PATH_MAX];
	ssize_t len;
	char *slash;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len < 0)
		return -1;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return model_find_default(exe, path, size);
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
	for (i = 0; i < model_note_count(model); i++)
		fprintf(stderr, PROG ": note: %s\n", model_note(model, i));
	return model;
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
 * sparse's errors, wrapped at link time (-Wl,--wrap=sparse_error and
 * expression_error) to learn where the first one of a file is: sparse
 * prints it as it would have, and physcheck's -Wphys-incomplete warning
 * points at it.  Whether a file had an error at all is die_if_error's
 * answer: sparse sets it on every error, while has_error, cleared before
 * each top-level symbol is evaluated, forgets an error in any function
 * but the last.
 */
static struct position first_error;
static bool have_first_error;

static void note_error(struct position pos)
{
	if (!have_first_error && pos.type != TOKEN_BAD) {
		first_error = pos;
		have_first_error = true;
	}
}

void __real_sparse_error(struct position pos, const char *fmt, ...);
void __wrap_sparse_error(struct position pos, const char *fmt, ...);
void __real_expression_error(struct expression *expr, const char *fmt, ...);
void __wrap_expression_error(struct expression *expr, const char *fmt, ...);

/* sparse formats its messages into 512 bytes too */
#define SPARSE_MESSAGE_MAX 512

void __wrap_sparse_error(struct position pos, const char *fmt, ...)
{
	char message[SPARSE_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	note_error(pos);
	__real_sparse_error(pos, "%s", message);
}

void __wrap_expression_error(struct expression *expr, const char *fmt, ...)
{
	char message[SPARSE_MESSAGE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	note_error(expr->pos);
	__real_expression_error(expr, "%s", message);
}

/*
 * sparse(file), with physcheck's unit begun while the file's tokens are
 * still there to read the model's flag macros (DMA_ATTR_MMIO) from; then
 * they go, as sparse lets them go.
 */
static struct symbol_list *parse_file(char *file, const struct model *model)
{
	struct symbol_list *list = sparse_keep_tokens(file);

	unit_begin(file, model);
	clear_token_alloc();
	if (has_error & ERROR_CURR_PHASE)
		has_error = ERROR_PREV_PHASE;
	evaluate_symbol_list(list);
	unit_roles(list);
	return list;
}

/*
 * An error sparse reported anywhere in the file (in a header it includes,
 * the preprocessor, any function) may have cut physcheck's view of it
 * short.  Say so where sparse said it, or at the file's top when the
 * error is in a header, which a note then names.  Returns whether the
 * file was analysed in full.
 */
static bool report_incomplete(const char *file)
{
	static const char missed[] = "physcheck may have missed findings after it";
	struct diag_loc at = { file, 1, 1, 0 };
	const char *where;

	if (!die_if_error)
		return true;
	where = have_first_error ? stream_name(first_error.stream) : NULL;
	if (!where) {
		diag_warning(at, CHECK_INCOMPLETE,
			     "not analysed in full: sparse reported an error; %s", missed);
	} else if (!strcmp(where, file)) {
		at.line = first_error.line;
		at.col = first_error.pos;
		diag_warning(at, CHECK_INCOMPLETE,
			     "not analysed in full: sparse reported an error here; %s", missed);
	} else if (diag_warning(at, CHECK_INCOMPLETE,
				"not analysed in full: sparse reported an error in a header it includes; %s",
				missed)) {
		struct diag_loc error = { where, first_error.line, first_error.pos, 0 };

		diag_note(error, "sparse's first error is here");
	}
	return false;
}

static int exit_status(bool all_analysed)
{
	if (!diag_findings_are_errors())
		return 0;
	if (!all_analysed)
		return 2;
	return diag_finding_count() ? 1 : 0;
}

/* ------------------------------------------------------------ deep nesting */

/*
 * sparse walks expressions and statements recursively: 7000 nested
 * parentheses or a 100000-term sum overflow a thread's usual 8 MiB stack,
 * and sparse itself dies of SIGSEGV there.  Generated code gets that deep,
 * and a checker run by kbuild must never crash, so the work runs on a
 * thread with a stack of CHECKER_STACK (only the pages it touches are
 * memory); past it, the guard page's fault becomes one line and exit 2.
 */
#define CHECKER_STACK (1024UL << 20)
#define ALT_STACK (64UL << 10)

static char *stack_low, *stack_high;
static char overflow_message[PATH_MAX + 160];
static size_t overflow_length;

static void say_overflow_for(const char *file)
{
	int n = snprintf(overflow_message, sizeof(overflow_message),
			 "physcheck: %s: nested too deeply to check: the %lu MiB stack is used up\n",
			 file, CHECKER_STACK >> 20);

	overflow_length = n < 0 ? 0 : (size_t)n < sizeof(overflow_message) ?
			  (size_t)n : sizeof(overflow_message) - 1;
}

static void on_segv(int sig, siginfo_t *info, void *context)
{
	char *at = info->si_addr;

	(void)context;
	/* a fault within a page or so below the stack's end: the guard page */
	if (stack_low && at < stack_low + 65536 && at + (1UL << 20) >= stack_low) {
		ssize_t written = write(2, overflow_message, overflow_length);

		(void)written;
		_exit(2);
	}
	signal(sig, SIG_DFL);	/* anything else is a bug: crash visibly */
}

static void catch_overflow(void)
{
	struct sigaction action;
	pthread_attr_t attr;
	stack_t alt;
	size_t size;
	void *low;

	if (pthread_getattr_np(pthread_self(), &attr))
		return;
	if (!pthread_attr_getstack(&attr, &low, &size)) {
		stack_low = low;
		stack_high = stack_low + size;
	}
	pthread_attr_destroy(&attr);
	alt.ss_sp = malloc(ALT_STACK);
	alt.ss_size = ALT_STACK;
	alt.ss_flags = 0;
	if (!alt.ss_sp || sigaltstack(&alt, NULL))
		return;
	memset(&action, 0, sizeof(action));
	action.sa_sigaction = on_segv;
	action.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigemptyset(&action.sa_mask);
	sigaction(SIGSEGV, &action, NULL);
}

struct checker_run {
	int argc;
	char **argv;
	int status;
};

static int checker_main(int argc, char **argv);

static void *checker_thread(void *arg)
{
	struct checker_run *run = arg;

	catch_overflow();
	run->status = checker_main(run->argc, run->argv);
	return NULL;
}

int main(int argc, char **argv)
{
	struct checker_run run = { argc, argv, 0 };
	pthread_attr_t attr;
	size_t size;
	pthread_t thread;

	say_overflow_for("<command line>");
	/* a machine that will not map so much gets the largest it will */
	for (size = CHECKER_STACK; size >= (64UL << 20); size /= 4) {
		if (pthread_attr_init(&attr))
			break;
		if (!pthread_attr_setstacksize(&attr, size) &&
		    !pthread_create(&thread, &attr, checker_thread, &run)) {
			pthread_attr_destroy(&attr);
			pthread_join(thread, NULL);
			return run.status;
		}
		pthread_attr_destroy(&attr);
	}
	return checker_main(argc, argv);
}

static int checker_main(int argc, char **argv)
{
	struct string_list *filelist = NULL;
	struct options opts = { .nr_models = 0 };
	struct symbol_list *list;
	bool all_analysed = true;
	struct fact_db *db;
	struct model *model;
	bool facts_ok = true;
	char *file;

	argc = take_own_options(argc, argv, &opts);
	model = load_models(&opts);
	db = open_db(&opts);

	/* like sparse: kbuild's -o is for the compiler, not for us */
	do_output = 0;
	list = sparse_initialize(argc, argv, &filelist);
	annotations_register();
	sparse_builtin_check_symbols(list, NULL);
	if (sparse_builtin_must_fail())
		return 1;
	FOR_EACH_PTR(filelist, file) {
		/*
		 * Per file: sparse stops at the first file with an error
		 * under -Wsparse-error, so starting die_if_error afresh
		 * changes nothing sparse does.
		 */
		die_if_error = 0;
		have_first_error = false;
		say_overflow_for(file);
		list = parse_file(file, model);
		sparse_builtin_check_symbols(list, NULL);
		facts_ok &= unit_end();
		if (sparse_builtin_must_fail())
			return 1;
		if (!report_incomplete(file))
			all_analysed = false;
	} END_FOR_EACH_PTR(file);
	report_stats();
	model_free(model);
	fact_db_close(db);
	if (!facts_ok)
		return 2;
	return exit_status(all_analysed);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * A unit's cross-file facts (the format: facts.h): its functions'
 * requirements with the steps inside the unit to each sink, and its calls
 * that hand a parameter on, for physcheck-db to join over the tree.
 */
#define _GNU_SOURCE	/* open_memstream() */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "context.h"
#include "facts.h"

#define MAX_HOPS	16

struct facts_out {
	FILE *out;
	unsigned int records;
	const struct unit_ctx *u;
};

static void record(struct facts_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void record(struct facts_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(o->out, fmt, ap);
	va_end(ap);
	o->records++;
}

static const char *file_of(struct diag_loc loc)
{
	return loc.file ? loc.file : "?";
}

/* The steps from @index's requirement on parameter @param to its sink,
 * through this unit's own functions. */
static unsigned int hops_of(const struct unit_ctx *u, const struct summary *s,
			    unsigned int index, unsigned int param,
			    struct chain_hop *hops)
{
	const char *caller = u->unit->funcs[index]->name;
	unsigned int n = 0;

	while (n < MAX_HOPS && (s->requires & (UINT32_C(1) << param)) &&
	       s->require_sink[param]) {
		int callee = engine_find_func(u, s->require_sink[param]);

		hops[n].loc = s->require_loc[param];
		hops[n].caller = caller;
		hops[n].callee = s->require_sink[param];
		hops[n].arg = s->require_arg[param] + 1u;
		n++;
		if (callee < 0 || callee == (int)index || !u->defined[callee])
			break;
		param = s->require_arg[param];
		caller = hops[n - 1].callee;
		s = &u->summaries[callee];
		index = (unsigned int)callee;
	}
	return n;
}

static void write_requirements(struct facts_out *o, const struct ir_func *fn,
			       const struct summary *s, unsigned int index)
{
	struct chain_hop hops[MAX_HOPS];
	unsigned int i, h, n;

	for (i = 0; i < PROV_MAX_PARAMS; i++) {
		if (!(s->requires & (UINT32_C(1) << i)))
			continue;
		n = hops_of(o->u, s, index, i, hops);
		fprintf(o->out, "req\t%s\t%u\t%d\t%u", fn->name, i + 1,
			s->require_unless[i], n);
		for (h = 0; h < n; h++)
			fprintf(o->out, "\t%s:%d:%d:%s:%s:%u", file_of(hops[h].loc),
				hops[h].loc.line, hops[h].loc.col, hops[h].caller,
				hops[h].callee, hops[h].arg);
		record(o, "\n");
	}
}

static const char *claim_word(struct prov claim, char *buf, size_t size)
{
	unsigned int j;

	for (j = 0; j < PROV_MAX_PARAMS; j++) {
		if (claim.params == UINT32_C(1) << j && !claim.state) {
			snprintf(buf, size, "p%u", j + 1);
			return buf;
		}
	}
	if (claim.params)
		return "maybe";
	switch (claim.state) {
	case PROV_KMAP:
		return "clear";
	case PROV_MMIO:
		return "set";
	case PROV_MAYBE:
		return "maybe";
	default:
		return "none";
	}
}

static void write_passes(struct facts_out *o, const struct ir_func *fn,
			 const struct summary *s)
{
	unsigned int p, i;
	char buf[16];

	for (p = 0; p < s->nr_passes; p++) {
		const struct extern_pass *pass = &s->passes[p];

		fprintf(o->out, "pass\t%s\t%s\t%s\t%d\t%d\t%d", fn->name, pass->callee,
			file_of(pass->loc), pass->loc.line, pass->loc.col,
			pass->unless > 0 ? pass->unless : 0);
		for (i = 0; i < pass->nr_args; i++)
			fprintf(o->out, "\t%u:%lu:%s", i + 1, (unsigned long)pass->params[i],
				claim_word(pass->claim[i], buf, sizeof(buf)));
		record(o, "\n");
	}
}

static void write_func(struct facts_out *o, unsigned int index, const struct summary *s)
{
	const struct ir_func *fn = o->u->unit->funcs[index];
	bool ours = engine_in_checked_file(o->u, fn->loc);

	/* a header's inline function: only what it hands on is of use */
	if (!ours && !s->requires && !s->nr_passes)
		return;
	record(o, "func\t%s\t%s\t%s\t%d\t%u\n", fn->name,
	       fn->is_static ? "static" : "extern", file_of(fn->loc), fn->loc.line,
	       fn->nr_params);
	write_requirements(o, fn, s, index);
	write_passes(o, fn, s);
}

static void write_flags(struct facts_out *o)
{
	const struct ir_unit *unit = o->u->unit;
	unsigned int i;

	for (i = 0; i < unit->nr_flags; i++)
		if (model_find(o->u->model, MODEL_FLAG, unit->flags[i].name, NULL))
			record(o, "flag\t%s\n", unit->flags[i].name);
}

/* The unit's facts; @pure by function: its summary with the model's
 * `param` lines left out, or NULL for its own (engine.c). */
char *engine_facts_text(const struct unit_ctx *u, const struct summary *pure)
{
	struct facts_out o = { NULL, 0, u };
	char *text = NULL;
	size_t size = 0;
	unsigned int i;

	o.out = open_memstream(&text, &size);
	if (!o.out)
		return NULL;
	fprintf(o.out, "%s\t%d\n", FACTS_MAGIC, FACTS_VERSION);
	record(&o, "unit\t%s\n", u->unit->file ? u->unit->file : "?");
	write_flags(&o);
	for (i = 0; i < u->unit->nr_funcs; i++)
		if (u->defined[i])
			write_func(&o, i, pure && pure[i].requires + pure[i].nr_passes ?
				   &pure[i] : &u->summaries[i]);
	fprintf(o.out, "end\t%u\n", o.records);
	fclose(o.out);
	return text;
}

/* mkdir -p of @path's directory part. */
static int make_parents(char *path)
{
	char *slash;

	for (slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0777) && errno != EEXIST) {
			*slash = '/';
			return -1;
		}
		*slash = '/';
	}
	return 0;
}

int facts_write_file(const char *dir, const char *source, const char *text,
		     char *error, size_t error_size)
{
	char path[PATH_MAX], tmp[PATH_MAX + 32];
	size_t len = strlen(text);
	FILE *out;
	bool ok;

	/* inside @dir whatever the path: an O= build names its sources
	 * ../linux/..., an out-of-tree one may name them absolutely */
	for (;;) {
		if (source[0] == '/')
			source++;
		else if (!strncmp(source, "./", 2))
			source += 2;
		else if (!strncmp(source, "../", 3))
			source += 3;
		else
			break;
	}
	if (strstr(source, "/../")) {
		snprintf(error, error_size, "%s: a source path with .. inside it", source);
		return -1;
	}
	if (snprintf(path, sizeof(path), "%s/%s.facts", dir, source) >= (int)sizeof(path)) {
		snprintf(error, error_size, "%s/%s.facts: path too long", dir, source);
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid());
	if (make_parents(tmp) || !(out = fopen(tmp, "w"))) {
		snprintf(error, error_size, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	ok = fwrite(text, 1, len, out) == len;
	if (fclose(out) || !ok) {
		snprintf(error, error_size, "%s: %s", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	/* rename() replaces it whole: a reader never sees half of it */
	if (rename(tmp, path)) {
		snprintf(error, error_size, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Model loader.  Each line is a directive and its fields; the grammar of
 * every directive is the table below, so adding a directive is adding a
 * row, not a parser.  Errors name the file and line, as a compiler does.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "strhash.h"

#define MODEL_BUCKETS 256
#define MAX_FIELDS 8

enum field {
	F_END,
	F_NAME,		/* identifier or struct.member */
	F_ARG,		/* 1-based argument number */
	F_COND_ARG,	/* another one, into cond_arg */
	F_STATE,	/* kmap | mmio | maybe */
	F_KIND,		/* phys | pfn | page */
	F_TO_KIND,
	F_WHEN,		/* true | false */
	F_GUARD_WHEN,	/* true | false | ==NAME | !=NAME */
	F_MAKER,	/* a function's name, into maker */
	F_WHERE,	/* ret | ARG, into where */
};

enum tail {
	TAIL_NONE,
	TAIL_ATTRS,	/* attrs=ARG */
	TAIL_IF,	/* if ARG FLAG */
	TAIL_WEAK,	/* weak */
	TAIL_HARM,	/* address | sync | bounce */
	TAIL_HELD,	/* held | held=ARG */
};

struct grammar {
	const char *word;
	enum field fields[MAX_FIELDS];
	enum tail tail;
	const char *usage;
};

static const struct grammar grammars[MODEL_DIRECTIVE_COUNT] = {
	[MODEL_SOURCE]	= { "source", { F_NAME, F_STATE, F_KIND }, TAIL_HELD,
			    "source FUNC STATE KIND [held|held=ARG]" },
	[MODEL_PARAM]	= { "param", { F_NAME, F_ARG, F_STATE, F_KIND }, TAIL_ATTRS,
			    "param FUNC ARG STATE KIND [attrs=ARG]" },
	[MODEL_ASSERT]	= { "assert", { F_NAME, F_ARG, F_STATE }, TAIL_IF,
			    "assert FUNC ARG STATE [if ARG FLAG]" },
	[MODEL_CONVERT]	= { "convert", { F_NAME, F_ARG, F_KIND, F_TO_KIND }, TAIL_NONE,
			    "convert FUNC ARG FROM-KIND TO-KIND" },
	[MODEL_GUARD]	= { "guard", { F_NAME, F_ARG, F_GUARD_WHEN, F_STATE }, TAIL_WEAK,
			    "guard FUNC ARG true|false|==NAME|!=NAME STATE [weak]" },
	[MODEL_FLAG]	= { "flag", { F_NAME, F_WHEN, F_STATE }, TAIL_WEAK,
			    "flag FLAG true|false STATE [weak]" },
	[MODEL_SINK]	= { "sink", { F_NAME, F_ARG, F_KIND }, TAIL_HARM,
			    "sink FUNC ARG KIND [address|sync|bounce]" },
	[MODEL_LINEARMAP] = { "linearmap", { F_NAME }, TAIL_NONE,
			      "linearmap SYMBOL" },
	[MODEL_ADDRESS_ONLY] = { "addressonly", { F_NAME, F_ARG }, TAIL_NONE,
				 "addressonly FUNC ARG" },
	[MODEL_ATTRS]	= { "attrs", { F_NAME, F_ARG, F_COND_ARG }, TAIL_NONE,
			    "attrs FUNC ARG ATTRS" },
	[MODEL_NO_PROOF] = { "noproof", { F_NAME, F_ARG }, TAIL_NONE,
			     "noproof FUNC ARG" },
	[MODEL_FILL]	= { "fill", { F_NAME, F_ARG, F_COND_ARG }, TAIL_NONE,
			    "fill FUNC CONTAINER ARG" },
	[MODEL_KEEP]	= { "keep", { F_NAME, F_ARG }, TAIL_NONE,
			    "keep FUNC ARG" },
	[MODEL_CALLBACK] = { "callback", { F_NAME, F_ARG }, TAIL_NONE,
			     "callback STRUCT.MEMBER ARG" },
	[MODEL_MADE_BY]	= { "madeby", { F_NAME, F_ARG, F_MAKER, F_WHERE }, TAIL_NONE,
			    "madeby FUNC ARG MAKER ret|ARG" },
	[MODEL_HOLDS_RAM] = { "holdsram", { F_NAME, F_WHERE }, TAIL_NONE,
			      "holdsram FUNC ret|ARG" },
};

/* The model's word for each harm (none: an access), and how findings say it. */
static const struct {
	const char *word;
	const char *says;
} harms[HARM_COUNT] = {
	[HARM_ACCESS]	= { NULL, "a CPU access to device memory through a kernel mapping" },
	[HARM_ADDRESS]	= { "address",
			    "a CPU access to device memory through a kernel mapping" },
	[HARM_SYNC]	= { "sync", "CPU cache maintenance on device memory" },
	[HARM_BOUNCE]	= { "bounce",
			    "a CPU copy of device memory through a kernel mapping (bounce buffering)" },
};

const char *sink_harm_words(enum sink_harm harm)
{
	return harms[harm].says;
}

static const char *const kind_names[KIND_COUNT] = {
	[KIND_PHYS]	= "phys",
	[KIND_PFN]	= "pfn",
	[KIND_PAGE]	= "page",
};

struct model {
	struct model_entry *buckets[MODEL_BUCKETS];
	unsigned int count;
	char **strings;		/* every string the entries point into */
	unsigned int nr_strings;
	char **notes;		/* lines that replaced an earlier one */
	unsigned int nr_notes;
};

struct parse {
	const char *origin;
	unsigned int line;
	char *error;
	size_t error_size;
};

const char *model_directive_name(enum model_directive directive)
{
	return grammars[directive].word;
}

const char *value_kind_name(enum value_kind kind)
{
	return kind_names[kind];
}

static int fail(struct parse *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct parse *p, const char *fmt, ...)
{
	int len;
	va_list ap;

	/* line 0: the file as a whole (cannot open it, binary) */
	if (p->line)
		len = snprintf(p->error, p->error_size, "%s:%u: ",
			       p->origin, p->line);
	else
		len = snprintf(p->error, p->error_size, "%s: ", p->origin);
	if (len < 0 || (size_t)len >= p->error_size)
		return -1;
	va_start(ap, fmt);
	vsnprintf(p->error + len, p->error_size - len, fmt, ap);
	va_end(ap);
	return -1;
}

static unsigned int hash_name(const char *name)
{
	return pc_hash_string(name) % MODEL_BUCKETS;
}

struct model *model_new(void)
{
	return calloc(1, sizeof(struct model));
}

void model_free(struct model *model)
{
	unsigned int i;

	if (!model)
		return;
	for (i = 0; i < MODEL_BUCKETS; i++) {
		struct model_entry *e = model->buckets[i], *next;

		for (; e; e = next) {
			next = e->next_same_name;
			free(e);
		}
	}
	for (i = 0; i < model->nr_strings; i++)
		free(model->strings[i]);
	free(model->strings);
	for (i = 0; i < model->nr_notes; i++)
		free(model->notes[i]);
	free(model->notes);
	free(model);
}

static const char *keep_string(struct model *model, const char *s)
{
	char **grown, *copy = strdup(s);

	if (!copy)
		return NULL;
	grown = realloc(model->strings,
			(model->nr_strings + 1) * sizeof(*model->strings));
	if (!grown) {
		free(copy);
		return NULL;
	}
	model->strings = grown;
	model->strings[model->nr_strings++] = copy;
	return copy;
}

/* An identifier, or a dotted path of them: "struct.member.member". */
static bool is_name(const char *s)
{
	const char *c;

	if (!isalpha((unsigned char)*s) && *s != '_')
		return false;
	for (c = s; *c; c++) {
		if (*c == '.' && c[1] && c[1] != '.' && c[-1] != '.')
			continue;
		if (!isalnum((unsigned char)*c) && *c != '_')
			return false;
	}
	return c[-1] != '.';
}

static int parse_arg(struct parse *p, const char *word, unsigned int *arg)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(word, &end, 10);
	if (errno || *end || v < 1 || v > PROV_MAX_PARAMS)
		return fail(p, "'%s' is not an argument number (1 to %d)",
			    word, PROV_MAX_PARAMS);
	*arg = (unsigned int)v;
	return 0;
}

static int parse_kind(struct parse *p, const char *word, enum value_kind *kind)
{
	int i;

	for (i = 0; i < KIND_COUNT; i++) {
		if (!strcmp(word, kind_names[i])) {
			*kind = (enum value_kind)i;
			return 0;
		}
	}
	return fail(p, "'%s' is not a value kind (phys, pfn, page)", word);
}

static int parse_when(struct parse *p, const char *word, bool *when)
{
	if (!strcmp(word, "true") || !strcmp(word, "false")) {
		*when = word[0] == 't';
		return 0;
	}
	return fail(p, "'%s' is not a branch outcome (true, false)", word);
}

/* A guard also holds where the result equals (==NAME) or differs from
 * (!=NAME) a named constant: an enumerator or a macro. */
static int parse_guard_when(struct parse *p, struct model *m, const char *word,
			    struct model_entry *e)
{
	if (!strcmp(word, "true") || !strcmp(word, "false"))
		return parse_when(p, word, &e->when);
	if ((word[0] != '=' && word[0] != '!') || word[1] != '=')
		return fail(p, "'%s' is not a branch outcome (true, false) nor a comparison "
			    "(==NAME, !=NAME)", word);
	if (!is_name(word + 2) || strchr(word + 2, '.'))
		return fail(p, "'%s' does not compare with a constant's name", word);
	e->when = word[0] == '=';
	e->when_const = keep_string(m, word + 2);
	return e->when_const ? 0 : fail(p, "out of memory");
}

static int parse_field(struct parse *p, struct model *m, enum field f,
		       const char *word, struct model_entry *e)
{
	switch (f) {
	case F_NAME:
		if (!is_name(word))
			return fail(p, "'%s' is not a function, struct.member or flag name",
				    word);
		e->name = keep_string(m, word);
		return e->name ? 0 : fail(p, "out of memory");
	case F_ARG:
		return parse_arg(p, word, &e->arg);
	case F_COND_ARG:
		return parse_arg(p, word, &e->cond_arg);
	case F_STATE:
		if (prov_state_parse(word, &e->state))
			return fail(p, "'%s' is not a state (kmap, mmio, maybe)", word);
		return 0;
	case F_KIND:
		return parse_kind(p, word, &e->kind);
	case F_TO_KIND:
		return parse_kind(p, word, &e->to_kind);
	case F_WHEN:
		return parse_when(p, word, &e->when);
	case F_GUARD_WHEN:
		return parse_guard_when(p, m, word, e);
	case F_MAKER:
		if (!is_name(word) || strchr(word, '.'))
			return fail(p, "'%s' is not a function name", word);
		e->maker = keep_string(m, word);
		return e->maker ? 0 : fail(p, "out of memory");
	case F_WHERE:
		if (!strcmp(word, "ret")) {
			e->where = 0;
			return 0;
		}
		if (!isdigit((unsigned char)word[0]))
			return fail(p, "'%s' is neither ret nor an argument number", word);
		return parse_arg(p, word, &e->where);
	case F_END:
		break;
	}
	return fail(p, "internal error: bad grammar");
}

static int parse_tail(struct parse *p, struct model *m, enum tail tail,
		      char **words, unsigned int nr, struct model_entry *e)
{
	int h;

	if (!nr)
		return 0;
	switch (tail) {
	case TAIL_ATTRS:
		if (nr == 1 && !strncmp(words[0], "attrs=", 6))
			return parse_arg(p, words[0] + 6, &e->cond_arg);
		break;
	case TAIL_IF:
		if (nr == 3 && !strcmp(words[0], "if")) {
			if (parse_arg(p, words[1], &e->cond_arg))
				return -1;
			if (!is_name(words[2]))
				return fail(p, "'%s' is not a flag name", words[2]);
			e->cond_flag = keep_string(m, words[2]);
			return e->cond_flag ? 0 : fail(p, "out of memory");
		}
		break;
	case TAIL_WEAK:
		if (nr == 1 && !strcmp(words[0], "weak")) {
			e->weak = true;
			return 0;
		}
		break;
	case TAIL_HARM:
		for (h = 0; nr == 1 && h < HARM_COUNT; h++) {
			if (harms[h].word && !strcmp(words[0], harms[h].word)) {
				e->harm = h;
				e->address_only = h == HARM_ADDRESS;
				return 0;
			}
		}
		break;
	case TAIL_HELD:
		if (nr == 1 && !strcmp(words[0], "held")) {
			e->held = true;
			return strchr(e->name, '.') ? 0 :
				fail(p, "'held' alone is for a field; a function says held=ARG");
		}
		if (nr == 1 && !strncmp(words[0], "held=", 5)) {
			e->held = true;
			return parse_arg(p, words[0] + 5, &e->held_arg);
		}
		break;
	case TAIL_NONE:
		break;
	}
	return fail(p, "unexpected '%s'; expected: %s", words[0],
		    grammars[e->directive].usage);
}

/* "source, param, ... or addressonly", from the grammar. */
static const char *directive_words(void)
{
	static char words[256];
	size_t used = 0;
	int i;

	if (words[0])
		return words;
	for (i = 0; i < MODEL_DIRECTIVE_COUNT; i++)
		used += snprintf(words + used, sizeof(words) - used, "%s%s",
				 !i ? "" : i + 1 < MODEL_DIRECTIVE_COUNT ? ", " : " or ",
				 grammars[i].word);
	return words;
}

static int find_directive(const char *word, enum model_directive *d)
{
	int i;

	for (i = 0; i < MODEL_DIRECTIVE_COUNT; i++) {
		if (!strcmp(word, grammars[i].word)) {
			*d = (enum model_directive)i;
			return 0;
		}
	}
	return -1;
}

static bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Whether two entries speak of the same thing: one function's argument
 * (and outcome, for a guard; condition, for an assert). */
static bool same_subject(const struct model_entry *a, const struct model_entry *b)
{
	if (a->directive != b->directive || strcmp(a->name, b->name) || a->arg != b->arg)
		return false;
	switch (a->directive) {
	case MODEL_GUARD:
	case MODEL_FLAG:
		return a->when == b->when && same_string(a->when_const, b->when_const);
	case MODEL_ASSERT:
		return a->cond_arg == b->cond_arg && same_string(a->cond_flag, b->cond_flag);
	case MODEL_HOLDS_RAM:
		return a->where == b->where;
	default:
		return true;
	}
}

static bool same_meaning(const struct model_entry *a, const struct model_entry *b)
{
	return a->state == b->state && a->kind == b->kind && a->to_kind == b->to_kind &&
	       a->weak == b->weak && a->harm == b->harm && a->cond_arg == b->cond_arg &&
	       same_string(a->cond_flag, b->cond_flag) && same_string(a->maker, b->maker) &&
	       a->where == b->where;
}

static int add_note(struct model *m, const struct model_entry *e,
		    const struct model_entry *old)
{
	char **notes = realloc(m->notes, (m->nr_notes + 1) * sizeof(*notes));
	int len;

	if (!notes)
		return -1;
	m->notes = notes;
	len = snprintf(NULL, 0, "%s:%u: replaces %s:%u (%s %s)", e->file, e->line,
		       old->file, old->line, grammars[e->directive].word, e->name);
	notes[m->nr_notes] = malloc(len + 1);
	if (!notes[m->nr_notes])
		return -1;
	snprintf(notes[m->nr_notes++], len + 1, "%s:%u: replaces %s:%u (%s %s)",
		 e->file, e->line, old->file, old->line, grammars[e->directive].word,
		 e->name);
	return 0;
}

/*
 * A later line about the same thing replaces the earlier one: a user's
 * --model file can correct the kernel model for their subsystem.  It
 * does so visibly, with a note (model_note()); the same line again (a
 * model file given twice) changes nothing and says nothing.
 */
static int add_entry(struct model *m, struct model_entry *e)
{
	unsigned int h = hash_name(e->name);
	struct model_entry **link;

	for (link = &m->buckets[h]; *link; link = &(*link)->next_same_name) {
		struct model_entry *old = *link;

		if (!same_subject(old, e))
			continue;
		if (same_meaning(old, e)) {
			free(e);
			return 0;
		}
		if (add_note(m, e, old))
			return -1;
		*link = old->next_same_name;
		free(old);
		m->count--;
		break;
	}
	e->next_same_name = m->buckets[h];
	m->buckets[h] = e;
	m->count++;
	return 0;
}

unsigned int model_note_count(const struct model *model)
{
	return model->nr_notes;
}

const char *model_note(const struct model *model, unsigned int i)
{
	return i < model->nr_notes ? model->notes[i] : NULL;
}

/* Split @line in place on blanks; a '#' ends it.  Returns the word count. */
static unsigned int split_words(char *line, char **words, unsigned int max)
{
	unsigned int nr = 0;
	char *c = line;

	for (;;) {
		while (*c == ' ' || *c == '\t' || *c == '\r')
			*c++ = '\0';
		if (!*c || *c == '#')
			break;
		if (nr == max)
			return max + 1;
		words[nr++] = c;
		while (*c && *c != ' ' && *c != '\t' && *c != '\r' && *c != '#')
			c++;
		if (*c == '#') {
			*c = '\0';
			break;
		}
	}
	return nr;
}

static int parse_line(struct parse *p, struct model *m, char *line)
{
	char *words[MAX_FIELDS + 4];
	const struct grammar *g;
	struct model_entry *e;
	unsigned int nr, i;
	enum model_directive d;

	nr = split_words(line, words, MAX_FIELDS + 3);
	if (!nr)
		return 0;
	if (nr > MAX_FIELDS + 3)
		return fail(p, "too many fields");
	if (find_directive(words[0], &d))
		return fail(p, "unknown directive '%s' (expected %s)", words[0],
			    directive_words());
	g = &grammars[d];
	e = calloc(1, sizeof(*e));
	if (!e)
		return fail(p, "out of memory");
	e->directive = d;
	e->file = keep_string(m, p->origin);
	e->line = p->line;
	for (i = 0; g->fields[i] != F_END; i++) {
		if (i + 1 >= nr) {
			free(e);
			return fail(p, "missing fields; expected: %s", g->usage);
		}
		if (parse_field(p, m, g->fields[i], words[i + 1], e)) {
			free(e);
			return -1;
		}
	}
	if (parse_tail(p, m, g->tail, words + i + 1, nr - i - 1, e)) {
		free(e);
		return -1;
	}
	if (add_entry(m, e)) {
		free(e);
		return fail(p, "out of memory");
	}
	return 0;
}

int model_load_text(struct model *model, const char *origin, const char *text,
		    char *error, size_t error_size)
{
	struct parse p = { origin, 0, error, error_size };
	const char *start = text;

	while (*start) {
		const char *end = strchr(start, '\n');
		size_t len = end ? (size_t)(end - start) : strlen(start);
		char *line;
		int ret;

		p.line++;
		line = strndup(start, len);
		if (!line)
			return fail(&p, "out of memory");
		if (memchr(start, '\0', len) || strlen(line) != len) {
			free(line);
			return fail(&p, "NUL byte: not a text file");
		}
		ret = parse_line(&p, model, line);
		free(line);
		if (ret)
			return -1;
		start += len + (end ? 1 : 0);
	}
	return 0;
}

/*
 * Where the kernel model ships, relative to the directory of the binary
 * that loads it (the sparse client or the GCC plugin), in the order
 * tried.  One list for both, so that they find the same model.
 */
static const char *const default_model[] = {
	/* the source tree: sparse-plugin/physcheck, gcc-plugin/physcheck_plugin.so */
	"../model/kernel.model",
	/* installed: PREFIX/bin/physcheck (and a plugin put in PREFIX/lib/) */
	"../share/physcheck/kernel.model",
	/* installed: PREFIX/lib/physcheck/physcheck_plugin.so */
	"../../share/physcheck/kernel.model",
};

/*
 * The kernel model beside a binary in @binary_dir: 0 with its path in
 * @out, or -1 when none of the places holds a readable one (or its path
 * does not fit in @size).
 */
int model_find_default(const char *binary_dir, char *out, size_t size)
{
	size_t i;
	int n;

	for (i = 0; i < sizeof(default_model) / sizeof(default_model[0]); i++) {
		n = snprintf(out, size, "%s/%s", binary_dir, default_model[i]);
		if (n >= 0 && (size_t)n < size && !access(out, R_OK))
			return 0;
	}
	return -1;
}

int model_load_file(struct model *model, const char *path,
		    char *error, size_t error_size)
{
	struct parse p = { path, 0, error, error_size };
	char *text = NULL;
	size_t size = 0, len;
	char buf[8192];
	FILE *f;
	int ret;

	f = fopen(path, "r");
	if (!f)
		return fail(&p, "cannot read model: %s", strerror(errno));
	while ((len = fread(buf, 1, sizeof(buf), f)) > 0) {
		char *grown = realloc(text, size + len + 1);

		if (!grown) {
			free(text);
			fclose(f);
			return fail(&p, "out of memory");
		}
		text = grown;
		if (memchr(buf, '\0', len)) {
			free(text);
			fclose(f);
			return fail(&p, "binary file: not a model");
		}
		memcpy(text + size, buf, len);
		size += len;
	}
	if (ferror(f)) {
		free(text);
		fclose(f);
		return fail(&p, "cannot read model: %s", strerror(errno));
	}
	fclose(f);
	if (!text)
		return 0;	/* an empty model is a valid one */
	text[size] = '\0';
	ret = model_load_text(model, path, text, error, error_size);
	free(text);
	return ret;
}

unsigned int model_entry_count(const struct model *model)
{
	return model->count;
}

/*
 * Entries for @name with @directive, one at a time: pass the previous
 * result as @after to get the next, NULL to start.
 */
const struct model_entry *model_find(const struct model *model,
				     enum model_directive directive,
				     const char *name,
				     const struct model_entry *after)
{
	const struct model_entry *e;

	e = after ? after->next_same_name : model->buckets[hash_name(name)];
	for (; e; e = e->next_same_name) {
		if (e->directive == directive && !strcmp(e->name, name))
			return e;
	}
	return NULL;
}

/* Whether the model has an entry for @name of any directive in @mask
 * (bit 1 << directive): one walk of one bucket. */
bool model_has_any(const struct model *model, const char *name, unsigned int mask)
{
	const struct model_entry *e;

	for (e = model->buckets[hash_name(name)]; e; e = e->next_same_name)
		if ((mask & (1u << e->directive)) && !strcmp(e->name, name))
			return true;
	return false;
}

/* Every entry of one directive, in no particular order. */
void model_for_each(const struct model *model, enum model_directive directive,
		    model_entry_fn fn, void *ctx)
{
	const struct model_entry *e;
	unsigned int i;

	for (i = 0; i < MODEL_BUCKETS; i++)
		for (e = model->buckets[i]; e; e = e->next_same_name)
			if (e->directive == directive)
				fn(e, ctx);
}

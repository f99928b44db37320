// SPDX-License-Identifier: GPL-2.0
/*
 * One evaluator of flag macro bodies for both front ends (flag_expr.h):
 *
 *	or      := shift { '|' shift }
 *	shift   := primary { '<<' primary }
 *	primary := NUMBER | '(' or ')'
 *
 * and nothing after it.  Whatever else a body holds makes it no flag:
 * the model's flag guards then stay unresolved rather than wrong.
 */
#include <stdlib.h>

#include "flag_expr.h"

/* Deeper nesting is no flag definition; the bound keeps the stack safe. */
#define FLAG_EXPR_MAX_DEPTH 64

struct flag_eval {
	const struct flag_lexer *lexer;
	unsigned int depth;
	bool ok;
};

static enum flag_token peek(struct flag_eval *e, unsigned long long *value)
{
	unsigned long long unused;

	return e->lexer->peek(e->lexer->ctx, value ? value : &unused);
}

static void next(struct flag_eval *e)
{
	e->lexer->next(e->lexer->ctx);
}

static unsigned long long eval_or(struct flag_eval *e);

static unsigned long long eval_primary(struct flag_eval *e)
{
	unsigned long long v = 0;

	switch (peek(e, &v)) {
	case FLAG_TOKEN_NUMBER:
		next(e);
		return v;
	case FLAG_TOKEN_OPEN:
		if (++e->depth > FLAG_EXPR_MAX_DEPTH)
			break;
		next(e);
		v = eval_or(e);
		e->depth--;
		if (peek(e, NULL) != FLAG_TOKEN_CLOSE)
			break;
		next(e);
		return v;
	default:
		break;
	}
	e->ok = false;
	return 0;
}

static unsigned long long eval_shift(struct flag_eval *e)
{
	unsigned long long v = eval_primary(e), by;

	while (e->ok && peek(e, NULL) == FLAG_TOKEN_SHIFT) {
		next(e);
		by = eval_primary(e);
		/* C leaves a shift by the width or more undefined */
		if (by >= 64)
			e->ok = false;
		else
			v <<= by;
	}
	return v;
}

static unsigned long long eval_or(struct flag_eval *e)
{
	unsigned long long v = eval_shift(e);

	while (e->ok && peek(e, NULL) == FLAG_TOKEN_OR) {
		next(e);
		v |= eval_shift(e);
	}
	return v;
}

/* Whether the lexer's tokens are a flag's value, and that value. */
bool flag_expr_eval(const struct flag_lexer *lexer, unsigned long long *value)
{
	struct flag_eval e = { lexer, 0, true };
	unsigned long long v = eval_or(&e);

	if (!e.ok || peek(&e, NULL) != FLAG_TOKEN_END)
		return false;
	*value = v;
	return true;
}

/* ------------------------------------------------------------ strings */

/* A macro body as text, as GCC's cpp_macro_definition() gives it. */
struct string_lexer {
	const char *p;
	size_t len;		/* of the current token */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_suffix(char c)
{
	return c == 'u' || c == 'U' || c == 'l' || c == 'L';
}

static enum flag_token string_peek(void *ctx, unsigned long long *value)
{
	struct string_lexer *s = ctx;
	char *end;

	while (*s->p == ' ' || *s->p == '\t')
		s->p++;
	s->len = 1;
	if (!*s->p) {
		s->len = 0;
		return FLAG_TOKEN_END;
	}
	if (is_digit(*s->p)) {
		/* 1UL: the value and its suffix, as one number */
		*value = strtoull(s->p, &end, 0);
		while (is_suffix(*end))
			end++;
		s->len = (size_t)(end - s->p);
		return FLAG_TOKEN_NUMBER;
	}
	if (*s->p == '(')
		return FLAG_TOKEN_OPEN;
	if (*s->p == ')')
		return FLAG_TOKEN_CLOSE;
	if (s->p[0] == '<' && s->p[1] == '<') {
		s->len = 2;
		return FLAG_TOKEN_SHIFT;
	}
	if (s->p[0] == '|' && s->p[1] != '|')
		return FLAG_TOKEN_OR;
	return FLAG_TOKEN_OTHER;
}

static void string_next(void *ctx)
{
	struct string_lexer *s = ctx;
	unsigned long long unused;

	string_peek(s, &unused);
	s->p += s->len;
}

/* @text, blanks (spaces and tabs) between tokens, as a flag's value. */
bool flag_expr_eval_string(const char *text, unsigned long long *value)
{
	struct string_lexer s = { text, 0 };
	struct flag_lexer lexer = { string_peek, string_next, &s };

	return flag_expr_eval(&lexer, value);
}

// SPDX-License-Identifier: GPL-2.0
/*
 * flag_expr.c: the value of a flag macro's body, through a front end's
 * own tokens or from text, as both front ends read DMA_ATTR_MMIO.
 */
#include <stdio.h>
#include <string.h>

#include "flag_expr.h"
#include "tap.h"

static bool eval(const char *text, unsigned long long want)
{
	unsigned long long v = ~0ULL;

	return flag_expr_eval_string(text, &v) && v == want;
}

static bool refused(const char *text)
{
	unsigned long long v = 42;

	return !flag_expr_eval_string(text, &v) && v == 42;
}

static void test_strings(void)
{
	char deep[300];
	int i;

	TAP_CHECK(eval(" (1UL << 10)", 1024), "DMA_ATTR_MMIO's shape");
	TAP_CHECK(eval("0x10|(1 << 2)", 0x14), "hex, | and nested parentheses");
	TAP_CHECK(eval("\t1ULL<<3 | 010", 8 | 8), "octal, tabs, suffixes");
	TAP_CHECK(eval("1 << 2 << 3", 32), "<< chains to the left");
	TAP_CHECK(eval("1 | 2 << 3", 1 | 16), "<< binds tighter than |");
	TAP_CHECK(eval("1 << 63", 1ULL << 63), "the top bit");
	TAP_CHECK(refused("1 << 64"), "a shift by the width is no flag");
	TAP_CHECK(refused(""), "an empty body is no flag");
	TAP_CHECK(refused("(1 << 2"), "an unclosed parenthesis");
	TAP_CHECK(refused("1 << 2)"), "a stray parenthesis");
	TAP_CHECK(refused("1 || 2"), "|| is not |");
	TAP_CHECK(refused("1 |"), "| without its right side");
	TAP_CHECK(refused("BIT(3)"), "a name");
	TAP_CHECK(refused("1 + 2"), "other operators");
	TAP_CHECK(refused("08"), "a number that does not end where it should");
	for (i = 0; i < 64; i++)
		deep[i] = '(';
	deep[64] = '1';
	for (i = 0; i < 64; i++)
		deep[65 + i] = ')';
	deep[129] = '\0';
	TAP_CHECK(eval(deep, 1), "64 parentheses deep");
	memmove(deep + 1, deep, strlen(deep) + 1);
	deep[0] = '(';
	strcat(deep, ")");
	TAP_CHECK(refused(deep), "65 deep is refused, not recursed into");
}

/* A front end's own tokens: here an array of them. */
struct array_lexer {
	const enum flag_token *tokens;
	const unsigned long long *values;
	unsigned int at;
};

static enum flag_token array_peek(void *ctx, unsigned long long *value)
{
	struct array_lexer *a = ctx;

	*value = a->values[a->at];
	return a->tokens[a->at];
}

static void array_next(void *ctx)
{
	((struct array_lexer *)ctx)->at++;
}

static void test_lexer(void)
{
	static const enum flag_token tokens[] = {
		FLAG_TOKEN_OPEN, FLAG_TOKEN_NUMBER, FLAG_TOKEN_SHIFT, FLAG_TOKEN_NUMBER,
		FLAG_TOKEN_CLOSE, FLAG_TOKEN_OR, FLAG_TOKEN_NUMBER, FLAG_TOKEN_END,
	};
	static const unsigned long long values[] = { 0, 1, 0, 10, 0, 0, 3, 0 };
	static const enum flag_token other[] = {
		FLAG_TOKEN_NUMBER, FLAG_TOKEN_OTHER, FLAG_TOKEN_END,
	};
	struct array_lexer a = { tokens, values, 0 };
	struct flag_lexer lexer = { array_peek, array_next, &a };
	unsigned long long v = 0;

	TAP_CHECK(flag_expr_eval(&lexer, &v) && v == (1024 | 3) && a.at == 7,
		  "a front end's tokens: (1 << 10) | 3, up to the end");
	a.tokens = other;
	a.at = 0;
	TAP_CHECK(!flag_expr_eval(&lexer, &v), "a token it does not know ends it: no flag");
}

int main(void)
{
	test_strings();
	test_lexer();
	return tap_done();
}

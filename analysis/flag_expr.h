/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The value of a flag macro the model names, such as
 * `#define DMA_ATTR_MMIO (1UL << 10)`: numbers, parentheses, `<<` and `|`
 * are what flag definitions use.  Each front end reads a macro's body
 * its own way (sparse has tokens, GCC a string) and hands the tokens
 * over through a flag_lexer; both then agree on what a body is worth.
 */
#ifndef PHYSCHECK_FLAG_EXPR_H
#define PHYSCHECK_FLAG_EXPR_H

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

enum flag_token {
	FLAG_TOKEN_END,		/* the end of the body */
	FLAG_TOKEN_NUMBER,
	FLAG_TOKEN_OPEN,	/* ( */
	FLAG_TOKEN_CLOSE,	/* ) */
	FLAG_TOKEN_SHIFT,	/* << */
	FLAG_TOKEN_OR,		/* | */
	FLAG_TOKEN_OTHER,	/* anything else: the body is no flag */
};

struct flag_lexer {
	/* the current token; for a number, its value in *value */
	enum flag_token (*peek)(void *ctx, unsigned long long *value);
	/* past the current token */
	void (*next)(void *ctx);
	void *ctx;
};

bool flag_expr_eval(const struct flag_lexer *lexer, unsigned long long *value);
bool flag_expr_eval_string(const char *text, unsigned long long *value);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_FLAG_EXPR_H */

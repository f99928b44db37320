/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal TAP producer for the unit tests: one "ok"/"not ok" line per
 * check, the plan at the end, exit status 1 when anything failed.
 */
#ifndef PHYSCHECK_TAP_H
#define PHYSCHECK_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count;
static int tap_failed;

#define TAP_CHECK(cond, ...) tap_check(!!(cond), #cond, __FILE__, __LINE__, __VA_ARGS__)

static inline void tap_check(int ok, const char *expr, const char *file,
			     int line, const char *name)
{
	tap_count++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tap_count, name);
	if (!ok) {
		tap_failed++;
		printf("# %s:%d: failed: %s\n", file, line, expr);
	}
}

#define TAP_STR_EQ(got, want, name)					\
	do {								\
		const char *g_ = (got), *w_ = (want);			\
		int ok_ = g_ && w_ && !strcmp(g_, w_);			\
		tap_check(ok_, #got " == " #want, __FILE__, __LINE__, name); \
		if (!ok_)						\
			printf("#   got:  '%s'\n#   want: '%s'\n",	\
			       g_ ? g_ : "(null)", w_ ? w_ : "(null)");	\
	} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif /* PHYSCHECK_TAP_H */

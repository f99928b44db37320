/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cross-file facts: what one translation unit says of its functions
 * without the rest of the tree, written by both front ends and merged and
 * solved by scripts/physcheck-db; and the solved database, read back by
 * both front ends (factdb.c).
 *
 * A facts file is text, one record per line, fields split by tabs:
 *
 *	physcheck-facts	1
 *	unit	PATH
 *	flag	NAME			the attrs flag conditions name
 *	func	NAME	extern|static	FILE	LINE	NPARAMS
 *	req	NAME	PARAM	UNLESS	HOPS	FILE:LINE:COL:CALLER:CALLEE:ARG ...
 *	pass	NAME	CALLEE	FILE	LINE	COL	UNLESS	ARG:PARAMS:CLAIM ...
 *	end	RECORDS
 *
 * req: parameter PARAM (1-based) of NAME must be kmappable, unless
 * parameter UNLESS carries the flag (0: always), and HOPS steps in this
 * unit lead from NAME to the sink.  pass: NAME calls CALLEE at FILE:LINE,
 * argument ARG carrying NAME's parameters PARAMS (a bit mask) unproven,
 * and saying CLAIM as attrs (set, clear, maybe, none, or pN: parameter N
 * unchanged); UNLESS is the condition NAME's own flag test puts on the
 * call.  `end` counts the records before it, so a cut file is seen.
 */
#ifndef PHYSCHECK_FACTS_H
#define PHYSCHECK_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FACTS_MAGIC	"physcheck-facts"
#define FACTS_VERSION	1

/*
 * Write @text, the facts of the unit compiled from @source, into @dir
 * (DIR/SOURCE.facts, SOURCE relative as given, made atomically: a
 * temporary file renamed over it).  0, or -1 with @error filled.
 */
int facts_write_file(const char *dir, const char *source, const char *text,
		     char *error, size_t error_size);

/* The solved database (physcheck-db build): NULL with @error filled when
 * it cannot be read or is not one. */
struct fact_db *fact_db_open(const char *path, char *error, size_t error_size);
void fact_db_close(struct fact_db *db);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_FACTS_H */

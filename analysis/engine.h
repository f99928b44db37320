/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The provenance engine: checks a translation unit lowered into the IR
 * against the model, and reports through diag.h.
 *
 * Functions get summaries bottom-up, iterated to a fixed point so that
 * recursion settles: which parameters must be kmappable (they reach a
 * sink unproven) and what the return value is, in terms of the
 * parameters.  Call sites are checked against them.
 */
#ifndef PHYSCHECK_ENGINE_H
#define PHYSCHECK_ENGINE_H

#include "ir.h"
#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

struct engine_stats {
	unsigned int functions;		/* functions in the unit */
	unsigned int tracked;		/* functions with a tracked value */
	unsigned int rounds;		/* summary rounds to the fixed point */
	unsigned int warnings;
};

/* Model names the front ends need resolved (flags) before lowering. */
typedef void (*engine_flag_fn)(const char *name, void *ctx);
void engine_for_each_flag(const struct model *model, engine_flag_fn fn, void *ctx);

/* Whether the model says what a call of @name does (its body is then moot). */
bool engine_models_call(const struct model *model, const char *name);

void engine_check_unit(const struct model *model, struct ir_unit *unit,
		       struct engine_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_ENGINE_H */

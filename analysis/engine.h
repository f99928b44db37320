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
	char *facts;			/* the unit's facts, text (facts.h);
					 * the caller frees it */
};

typedef void (*engine_name_fn)(const char *name, void *ctx);

/* Model names the front ends need resolved (flags) before lowering. */
void engine_for_each_flag(const struct model *model, engine_name_fn fn, void *ctx);

/*
 * The model's names a finding is born at: its sinks, the functions that
 * map with attrs, the direct map's base.  A unit that uses none of them
 * and has no annotation, with neither facts to write nor a database to
 * read, can hold no finding (see engine_for_each_trigger()).
 */
void engine_for_each_trigger(const struct model *model, engine_name_fn fn, void *ctx);

/* Whether the model says what a call of @name does (its body is then moot). */
bool engine_models_call(const struct model *model, const char *name);

/*
 * Cross-file facts (facts.h): what the other units' facts, solved into
 * a database, say of the functions this unit calls, and this unit's own
 * facts for the database.
 */
struct fact_db;

struct engine_io {
	const struct fact_db *db;	/* NULL: no other unit is known */
	bool want_facts;		/* fill engine_stats.facts */
};

void engine_check_unit(const struct model *model, struct ir_unit *unit,
		       const struct engine_io *io, struct engine_stats *stats);

/*
 * The same check for a front end that builds each function's body only
 * while the engine looks at it (the GCC plugin, whose inline expansion
 * makes the bodies of a unit several times the size of what it lowered).
 * @unit's functions are then headers: name, location, parameters,
 * annotations and roles, no blocks.  get() returns the body of function
 * @index, with the same header, or NULL for one without a body; put()
 * takes it back, after which nothing of the body (but strings the front
 * end keeps for the unit) may be used.
 */
struct engine_bodies {
	struct ir_func *(*get)(void *ctx, unsigned int index);
	void (*put)(void *ctx, unsigned int index, struct ir_func *body);
	void *ctx;
	unsigned int nr_defined;	/* functions [0, nr_defined) have a
					 * body; the rest are declarations */
};

void engine_check_unit_bodies(const struct model *model, struct ir_unit *unit,
			      const struct engine_bodies *bodies,
			      const struct engine_io *io, struct engine_stats *stats);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_ENGINE_H */

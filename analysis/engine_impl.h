/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's own structures, shared by engine.c (origins, dataflow,
 * summaries) and findings.c (what is reported, where, and when).
 */
#ifndef PHYSCHECK_ENGINE_IMPL_H
#define PHYSCHECK_ENGINE_IMPL_H

#include "engine.h"

#define MAX_NOTES 3

/* A finding, built whole before it is shown or deferred. */
#define FINDING_NOTES (MAX_NOTES + 3)

struct finding {
	enum check_id check;
	struct diag_loc loc;
	char message[256];
	unsigned int nr_notes;
	struct diag_loc note_loc[FINDING_NOTES];
	char note[FINDING_NOTES][256];
};

struct summary {
	uint32_t requires;	/* parameters that must be kmappable */
	struct diag_loc require_loc[PROV_MAX_PARAMS];
	const char *require_sink[PROV_MAX_PARAMS];
	struct prov ret;	/* returned provenance, over the parameters */
	uint32_t accessed;	/* parameters read or written through, kept
				 * or passed where they may be */
	struct finding *deferred;	/* found in a header's function: shown
					 * at its calls from the checked file */
	unsigned int nr_deferred;
};

struct origin {
	const struct ir_insn *insn;	/* where it takes its initial state */
	struct prov initial;
	struct diag_loc loc;
	const char *source;	/* what it comes from, for notes; NULL: param */
	int param;		/* parameter index, or -1 */
	int tied_attrs;		/* attrs parameter describing it, or -1 */
};

struct reported {
	struct diag_loc loc;
	enum check_id check;
};

struct unit_ctx {
	const struct model *model;
	struct ir_unit *unit;
	const struct engine_bodies *bodies;	/* NULL: the unit holds them */
	struct summary *summaries;	/* by function index */
	bool *defined;			/* by function index: has a body */
	int *func_hash;			/* open addressing, function indices */
	unsigned int hash_size;
	struct reported *reported;	/* dedupe inlined copies of a finding */
	unsigned int nr_reported, cap_reported;
	unsigned int warnings;
};

struct func_ctx {
	struct unit_ctx *u;
	struct ir_func *func;
	unsigned int index;	/* of func in the unit */
	struct summary *self;	/* being computed */
	bool report;
	const struct ir_insn **def;	/* value -> defining instruction */
	bool *used;		/* value -> used as an address */
	int *value_origin;	/* value -> origin it introduces, or -1 */
	bool *frame_shadowed;
	struct origin *origins;
	unsigned int nr_origins;
	unsigned int words;	/* 64-bit words per origin set */
	uint64_t *sets;		/* value -> origin set */
	struct prov *in;	/* block -> state (one prov per origin) */
	bool *reached;
	const struct ir_insn **stores;	/* the field stores, in block order */
	unsigned int nr_stores;
};

bool engine_value_has_origin(const struct func_ctx *f, int v, unsigned int o);
struct prov engine_value_prov(const struct func_ctx *f, const struct prov *state, int v);
bool engine_in_checked_file(const struct unit_ctx *u, struct diag_loc loc);

void finding_init(struct finding *fd, enum check_id check, struct diag_loc loc,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void finding_init_keep_notes(struct finding *fd, enum check_id check,
			     struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void finding_note(struct finding *fd, struct diag_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void finding_note_sources(const struct func_ctx *f, struct finding *fd,
			  const struct prov *state, int v);
void finding_deliver(struct func_ctx *f, struct finding *fd,
		     const struct ir_insn *at, int value);
void finding_replay_deferred(struct func_ctx *f, const struct ir_insn *call, int callee);
void finding_free_summary(struct summary *s);

#endif /* PHYSCHECK_ENGINE_IMPL_H */

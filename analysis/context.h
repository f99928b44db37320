/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The engine's context: the unit's and each function's state while the
 * engine checks them, the summaries, and the functions the engine's files
 * (engine.c, context.c, model_view.c, origins.c, refine.c, uses.c,
 * flow.c, solver.c, summary.c, attrs.c, report.c) and the checks
 * (checks.c, checks/) share.  Lower files never call higher ones: the
 * driver (engine.c) is on top, this context at the bottom.
 */
#ifndef PHYSCHECK_CONTEXT_H
#define PHYSCHECK_CONTEXT_H

#include "engine.h"
#include "findings.h"

/* One step of a requirement's path in another unit (the database's):
 * @caller passes its parameter to @callee's argument @arg at @loc. */
struct chain_hop {
	struct diag_loc loc;
	const char *caller;
	const char *callee;
	unsigned int arg;	/* 1-based */
};

/*
 * A call into another unit with a phys of this function's parameters:
 * what the cross-file facts say of it, for physcheck-db to join with the
 * callee's own.  @params by argument; @claim by argument: what the
 * argument says as attrs (attrs.c), in case the callee's requirement has
 * a condition on it.
 */
struct extern_pass {
	const char *callee;
	struct diag_loc loc;
	unsigned int nr_args;
	int unless;		/* this path's own flag test, as in
				 * summary.require_unless; -1 not yet seen */
	uint32_t params[PROV_MAX_PARAMS];
	struct prov claim[PROV_MAX_PARAMS];
};

struct summary {
	uint32_t requires;	/* parameters that must be kmappable */
	struct diag_loc require_loc[PROV_MAX_PARAMS];
	const char *require_sink[PROV_MAX_PARAMS];
	/* by parameter: the argument of require_sink it goes to (0-based);
	 * 0, or 1 + the attrs parameter whose flag (DMA_ATTR_MMIO) lifts
	 * the requirement ("unless parameter 5 carries DMA_ATTR_MMIO") */
	uint8_t require_arg[PROV_MAX_PARAMS];
	int8_t require_unless[PROV_MAX_PARAMS];
	/* from the database: the hops beyond this unit, for notes */
	const struct chain_hop *require_hops[PROV_MAX_PARAMS];
	uint8_t nr_require_hops[PROV_MAX_PARAMS];
	struct extern_pass *passes;	/* calls into other units (facts) */
	unsigned int nr_passes;
	struct prov ret;	/* returned provenance, over the parameters */
	uint32_t accessed;	/* parameters read or written through, kept
				 * or passed where they may be */
	/* parameters mapped with attrs that must say what they are (the
	 * model's `attrs`, phys-attr): by parameter, ATTRS_* or 1 + the
	 * index of the attrs parameter that says it; where and into what */
	int8_t attrs_of[PROV_MAX_PARAMS];
	struct diag_loc attrs_loc[PROV_MAX_PARAMS];
	const char *attrs_callee[PROV_MAX_PARAMS];
	struct finding *deferred;	/* found in a header's function: shown
					 * at its calls from the checked file */
	unsigned int nr_deferred;
};

/* summary.attrs_of[] beside parameter numbers: attrs that always lack
 * the flag (the phys must be RAM), or always carry it (MMIO) */
#define ATTRS_NONE	0
#define ATTRS_CLEAR	(-1)
#define ATTRS_SET	(-2)

struct origin {
	const struct ir_insn *insn;	/* where it takes its initial state */
	struct prov initial;
	struct diag_loc loc;
	const char *source;	/* what it comes from, for notes; NULL: param */
	int param;		/* parameter index, or -1 */
	int tied_attrs;		/* attrs parameter describing it, or -1 */
	bool held;		/* a model source read out of a container */
};

struct reported {
	struct diag_loc loc;
	enum check_id check;
};

/* A function's findings, made ahead of its turn to be shown (engine.c). */
struct finding_list {
	struct finding *fd;
	unsigned int nr;
};

struct unit_ctx {
	const struct model *model;
	struct engine_io io;		/* the other units' facts, this one's */
	struct ir_unit *unit;
	const struct engine_bodies *bodies;	/* NULL: the unit holds them */
	struct summary *summaries;	/* by function index */
	bool *defined;			/* by function index: has a body */
	int *func_hash;			/* open addressing, function indices */
	unsigned int hash_size;
	struct reported *reported;	/* dedupe inlined copies of a finding */
	unsigned int nr_reported, cap_reported;
	unsigned int warnings;
	struct func_list *callers;	/* by function: the unit functions
					 * that call it, whose summaries
					 * depend on its */
	bool *stale;			/* by function: a callee's summary
					 * changed since it was analysed */
	bool *noted;			/* by function: its calls are in
					 * callers */
	bool *from_db;			/* by function: its summary is the
					 * database's (NULL: none is) */
	/* containers (content.c), by function: what it passes to the
	 * unit's static functions; the parameters it reads a container
	 * out of; those every caller fills with RAM */
	struct content_sites *content_sites;
	uint32_t *content_reads;
	uint32_t *content_ram;
	unsigned int nr_content;	/* the unit's own functions */
	/* the unit has a reader of what another function made (the model's
	 * `madeby`): what each function makes is collected */
	bool made_wanted;
	struct finding_list *hold;	/* non-NULL: findings wait here */
};

struct func_list {
	int *index;
	unsigned int nr;
};

struct func_ctx {
	struct unit_ctx *u;
	struct ir_func *func;
	unsigned int index;	/* of func in the unit */
	struct summary *self;	/* being computed */
	bool report;
	const struct ir_insn **def;	/* value -> defining instruction */
	int *def_block;		/* value -> its block, or IR_NONE */
	bool *used;		/* value -> used as an address */
	int *value_origin;	/* value -> origin it introduces, or -1 */
	bool *frame_shadowed;
	struct origin *origins;
	unsigned int nr_origins;
	unsigned int words;	/* 64-bit words per origin set */
	uint64_t *sets;		/* value -> origin set, then a row per
				 * field group (origins.c) */
	unsigned int nr_set_rows;
	uint32_t flag_params;	/* parameters a flag test refined (attrs) */
	bool pure;		/* for the facts: the model's `param` lines
				 * and the bodies only they speak for left
				 * out, so parameters stay parameters */
	struct prov *in;	/* block -> state (one prov per origin) */
	bool *reached;
	const struct ir_insn **stores;	/* the field stores, in block order */
	unsigned int nr_stores;
};

static inline bool set_has(const uint64_t *set, unsigned int o)
{
	return set[o / 64] & (UINT64_C(1) << (o % 64));
}

static inline uint64_t *value_set(struct func_ctx *f, int v)
{
	return f->sets + (size_t)v * f->words;
}

/* The end of a chain of casts and copies of @v.  Bounded: unreachable
 * code may hold a cast of itself, which sparse's SSA allows there. */
static inline int engine_cast_root(const struct func_ctx *f, int v)
{
	const struct ir_insn *def;
	unsigned int depth = 0;

	while (v != IR_NONE && v < (int)f->func->nr_values && depth++ < 16) {
		def = f->def[v];
		if (!def || def->op != IR_ARITH || def->nr_operands != 1 ||
		    def->operands[0] == IR_NONE)
			break;
		v = def->operands[0];
	}
	return v;
}

int engine_object_through_phis(const struct func_ctx *f, int v);

/*
 * The object a pointer value designates: a cast or a copy of a pointer is
 * the same object (sparse lowers each `&hold` anew, GCC a cast of it),
 * and so is a phi of that one object (engine_object_through_phis()).
 * Inline: the origins ask it of every field load, and a phi is rare.
 */
static inline int engine_object_of(const struct func_ctx *f, int v)
{
	v = engine_cast_root(f, v);
	if (v != IR_NONE && v < (int)f->func->nr_values && f->def[v] &&
	    f->def[v]->op == IR_PHI)
		return engine_object_through_phis(f, v);
	return v;
}

/* Inside the body of a function the model speaks for: moot. */
static inline bool engine_shadowed(const struct func_ctx *f, const struct ir_insn *insn)
{
	return insn->frame != IR_NONE && f->frame_shadowed[insn->frame];
}

/* context.c */
void engine_index_funcs(struct unit_ctx *u);
int engine_declare_extern(struct unit_ctx *u, const char *name);
int engine_find_func(const struct unit_ctx *u, const char *name);
bool engine_in_checked_file(const struct unit_ctx *u, struct diag_loc loc);
int engine_block_of(const struct func_ctx *f, const struct ir_insn *insn);

/* model_view.c */
bool engine_flag_value(const struct ir_unit *unit, const char *name, uint64_t *value);
const struct model_entry *engine_param_entry(const struct func_ctx *f, unsigned int index);
bool engine_arg_is_modelled_sink(const struct func_ctx *f, const char *name, unsigned int i);
const char *engine_kmappable_because(const struct func_ctx *f, const char *name,
				     int callee, unsigned int i);
const char *engine_condition_flag(const struct unit_ctx *u);

/* origins.c */
void engine_compute_origins(struct func_ctx *f);
int engine_va_shape_operand(const struct func_ctx *f, const struct ir_insn *insn);
bool engine_value_has_origin(const struct func_ctx *f, int v, unsigned int o);
struct prov engine_value_prov(const struct func_ctx *f, const struct prov *state, int v);
void engine_note_sources(const struct func_ctx *f, struct finding *fd,
			 const struct prov *state, int v);

/* content.c */
void engine_content_init(struct unit_ctx *u);
void engine_content_free(struct unit_ctx *u);
void engine_content_origins(struct func_ctx *f);
void engine_content_collect(struct func_ctx *f);
bool engine_content_decide(struct unit_ctx *u);

/* refine.c */
bool engine_const_value(const struct func_ctx *f, int v, int64_t *c, unsigned int depth);
void engine_refine_branch(struct func_ctx *f, struct prov *state, int v,
			  bool taken, unsigned int depth);
void engine_refine_switch(struct func_ctx *f, struct prov *state,
			  const struct ir_insn *sw, unsigned int k);
void engine_apply_asserts(struct func_ctx *f, struct prov *state,
			  const struct ir_insn *call);
void engine_note_no_proof(const struct func_ctx *f, struct finding *fd, int v, int at);

/* uses.c */
void engine_compute_used(struct func_ctx *f);
void engine_summarise_accessed(struct func_ctx *f);

/* flow.c: what an instruction, a block, an edge, a path does to a state */
void engine_step_in(struct func_ctx *f, struct prov *state, const struct ir_insn *insn);
void engine_step_out(struct func_ctx *f, struct prov *state, const struct ir_insn *insn);
void engine_transfer(struct func_ctx *f, struct prov *state, const struct ir_block *blk,
		     const struct ir_insn *stop);
bool engine_edge_refine(struct func_ctx *f, const struct ir_block *blk,
			const struct prov *state, unsigned int k, struct prov *out);
bool engine_edge_state(struct func_ctx *f, int pred, unsigned int k, struct prov *out);
bool engine_path_state(struct func_ctx *f, int pred, unsigned int k, const int *path,
		       unsigned int n, const struct ir_insn *stop, struct prov *out);

/* solver.c */
void engine_solve(struct func_ctx *f);
void engine_replay(struct func_ctx *f);

/* attrs.c: what attrs say, on a path or joined */
struct path_edge {
	int join;		/* a block with several predecessors */
	int pred;		/* the one this path comes in from */
	const bool *chain;	/* blocks from join on, one predecessor
				 * each: by block, whether in it */
};

struct attrs_use {
	unsigned int phys;	/* the argument mapped */
	int attrs;		/* the argument that says what it is, or
				 * ATTRS_CLEAR / ATTRS_SET for a callee that
				 * always maps it so */
	const char *where;	/* the function that takes the attrs */
};

typedef void (*attrs_use_fn)(struct func_ctx *f, const struct ir_insn *call,
			     const struct attrs_use *use, void *ctx);
void engine_for_each_attrs_use(struct func_ctx *f, const struct ir_insn *call,
			       int callee, attrs_use_fn fn, void *ctx);
struct prov engine_attrs_claim(const struct func_ctx *f, const struct prov *state,
			       const struct ir_insn *call, const struct attrs_use *use,
			       const struct path_edge *edge);
struct prov engine_shallow_claim(const struct func_ctx *f, const struct prov *state, int v);
struct prov engine_edge_prov(const struct func_ctx *f, const struct prov *state, int v,
			     const struct path_edge *edge);

/* summary.c: the replay's events */
void engine_event_call(struct func_ctx *f, const struct prov *state,
		       const struct ir_insn *call);
void engine_event_return(struct func_ctx *f, const struct prov *state,
			 const struct ir_insn *ret);
void engine_event_arith(struct func_ctx *f, const struct prov *state,
			const struct ir_insn *insn);

/* factdb.c, facts.c */
const struct summary *fact_db_summary(const struct fact_db *db, const char *name,
				      unsigned int *nr_params);
char *engine_facts_text(const struct unit_ctx *u, const struct summary *pure);

/* report.c */
void engine_report(struct func_ctx *f, struct finding *fd,
		   const struct ir_insn *at, int value);
void engine_replay_deferred(struct func_ctx *f, const struct ir_insn *call, int callee);
void engine_show_held(struct unit_ctx *u, struct finding_list *held);
void engine_free_summary(struct summary *s);

/* checks.c: the registry's hooks */
struct sink_event;
void checks_on_sink(struct func_ctx *f, const struct prov *state,
		    const struct sink_event *ev);
void checks_on_call(struct func_ctx *f, const struct prov *state,
		    const struct ir_insn *call, int callee);
void checks_on_return(struct func_ctx *f, const struct prov *state,
		      const struct ir_insn *ret);

#endif /* PHYSCHECK_CONTEXT_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * phys-requires: a call passes a phys, pfn or page that may be MMIO where
 * the callee needs RAM: its summary says the parameter reaches a sink
 * (the whole call chain, without annotating each function), or the
 * parameter is annotated kmappable.
 */
#include "check.h"

/*
 * Whether the callee's condition on argument @i lifts its requirement
 * here: the attrs it names carry the flag, or come from this function's
 * attrs parameter that the model ties to this very phys (dma_map_phys()'s
 * body: "the phys is MMIO exactly when the attrs say so").  attrs from a
 * caller that knows nothing of this phys (a maybe-MMIO sg_phys() mapped
 * with the dma_map_sg() caller's attrs) lift nothing.
 */
static bool condition_lifted(struct func_ctx *f, const struct prov *state,
			     const struct ir_insn *call, const struct summary *s,
			     unsigned int i)
{
	struct attrs_use use;
	struct prov claim;
	int unless = i < PROV_MAX_PARAMS ? s->require_unless[i] : 0;
	int v = call->operands[i];
	unsigned int o;
	bool tied = false;

	if (unless <= 0 || (unsigned int)unless > call->nr_operands ||
	    call->operands[unless - 1] == IR_NONE)
		return false;
	use.phys = i;
	use.attrs = unless - 1;
	use.where = call->name;
	claim = engine_attrs_claim(f, state, call, &use, NULL);
	if (claim.state == PROV_MMIO && !claim.params)
		return true;
	if (!claim.params || claim.state)
		return false;
	for (o = 0; o < f->nr_origins; o++) {
		int attrs = f->origins[o].tied_attrs;

		if (!engine_value_has_origin(f, v, o))
			continue;
		if (attrs < 0 || claim.params != UINT32_C(1) << attrs)
			return false;
		tied = true;
	}
	return tied;
}

/* The callee's path to the sink: its first step here, or every step
 * through the other units the database knows. */
static void note_chain(struct func_ctx *f, struct finding *fd, const struct ir_insn *call,
		       const struct summary *s, unsigned int i)
{
	unsigned int h;

	if (i >= PROV_MAX_PARAMS || !s->require_sink[i])
		return;
	if (s->require_unless[i] > 0)
		finding_note(fd, call->loc, "%s() needs RAM unless its argument %d carries %s",
			     call->name, s->require_unless[i], engine_condition_flag(f->u));
	if (!s->nr_require_hops[i]) {
		finding_note(fd, s->require_loc[i], "%s() passes its parameter %u to %s() here",
			     call->name, i + 1, s->require_sink[i]);
		return;
	}
	for (h = 0; h < s->nr_require_hops[i]; h++) {
		const struct chain_hop *hop = &s->require_hops[i][h];
		unsigned int left = s->nr_require_hops[i] - h;

		if (h == CHAIN_NOTES - 2 && left > 2) {
			/* a long chain: its start, and where it ends */
			finding_note(fd, hop->loc, "%s() passes it on, %u steps more to %s()",
				     hop->caller, left - 1,
				     s->require_hops[i][s->nr_require_hops[i] - 1].callee);
			hop = &s->require_hops[i][s->nr_require_hops[i] - 1];
			h = s->nr_require_hops[i];
		}
		finding_note(fd, hop->loc, "%s() passes it to %s() (argument %u) here",
			     hop->caller, hop->callee, hop->arg);
	}
}

static void requires_on_call(struct func_ctx *f, const struct prov *state,
			     const struct ir_insn *call, int callee)
{
	const struct summary *s;
	struct finding fd;
	unsigned int i;

	if (callee < 0)
		return;
	s = &f->u->summaries[callee];
	for (i = 0; i < call->nr_operands; i++) {
		const char *why = engine_kmappable_because(f, call->name, callee, i);
		struct prov p;

		if (!why)
			continue;
		p = engine_value_prov(f, state, call->operands[i]);
		if (!(p.state & PROV_MMIO) || condition_lifted(f, state, call, s, i))
			continue;
		finding_init(&fd, CHECK_REQUIRES, call->loc, "argument %u of %s() %s MMIO, but ",
			     i + 1, call->name, p.state == PROV_MMIO ? "is" : "may be");
		if (*why)
			finding_append(&fd, "%s", why);
		else
			finding_append(&fd, "%s() needs it to be RAM", call->name);
		engine_note_sources(f, &fd, state, call->operands[i]);
		if (!*why)
			note_chain(f, &fd, call, s, i);
		engine_report(f, &fd, call, call->operands[i]);
	}
}

const struct check_def phys_requires = {
	.name = "phys-requires",
	.help = "a call passes a phys that may be MMIO where the callee needs RAM",
	.explain = "The callee lets this parameter reach a use as RAM (its summary "
		   "says the parameter must be kmappable, or it is annotated so), and "
		   "the caller passes a value that is or may be MMIO.",
	.default_on = true,
	.finding = true,
	.on_call = requires_on_call,
};

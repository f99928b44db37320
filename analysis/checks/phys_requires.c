// SPDX-License-Identifier: GPL-2.0
/*
 * phys-requires: a call passes a phys, pfn or page that may be MMIO where
 * the callee needs RAM: its summary says the parameter reaches a sink
 * (the whole call chain, without annotating each function), or the
 * parameter is annotated kmappable.
 */
#include "check.h"

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
		if (!(p.state & PROV_MMIO))
			continue;
		finding_init(&fd, CHECK_REQUIRES, call->loc, "argument %u of %s() %s MMIO, but ",
			     i + 1, call->name, p.state == PROV_MMIO ? "is" : "may be");
		if (*why)
			finding_append(&fd, "%s", why);
		else
			finding_append(&fd, "%s() needs it to be RAM", call->name);
		engine_note_sources(f, &fd, state, call->operands[i]);
		if (!*why && i < PROV_MAX_PARAMS && s->require_sink[i])
			finding_note(&fd, s->require_loc[i],
				     "%s() passes its parameter %u to %s() here",
				     call->name, i + 1, s->require_sink[i]);
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

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a check is: its name, one line of help, its default, and the
 * engine hooks it uses.  Each check lives in its own file of this folder
 * and is listed once in check_list.h, as smatch's check_list.h lists its
 * check_*.c; analysis/checks.c builds the table every user of check names
 * reads (options, --list-checks, the gate's SARIF rules, the README).
 *
 * Hooks run while the engine replays a function to report (never in the
 * summary rounds): what a function requires of its callers is the
 * engine's (summary.c), what is wrong is the checks'.
 */
#ifndef PHYSCHECK_CHECK_H
#define PHYSCHECK_CHECK_H

#include "../context.h"

/* What goes wrong with MMIO at a sink depends on the architecture; these
 * words hold on all of them, for the checks' explanations. */
#define MMIO_HARM_WORDS \
	"x86 maps a P2PDMA page uncached in the direct map, so the CPU reaches " \
	"a peer device's BAR; other architectures may map it cacheable, an " \
	"illegal alias of MMIO; a raw BAR is in no kernel mapping at all."

/* A value the model says the CPU uses as RAM (a sink's argument). */
struct sink_event {
	const struct ir_insn *call;	/* the sink, or a shape taken as one */
	const struct model_entry *sink;
	int value;			/* the argument that reaches it */
	struct prov prov;		/* what is known of it here */
};

struct check_def {
	const char *name;	/* -Wphys-NAME's NAME, with its phys- */
	const char *help;	/* one line, no final full stop */
	const char *explain;	/* a paragraph: what goes wrong and what to
				 * do (the gate's SARIF fullDescription) */
	bool default_on;
	bool finding;		/* false: a note about the run itself */
	void (*on_sink)(struct func_ctx *f, const struct prov *state,
			const struct sink_event *ev);
	/* a call; @callee is its unit function's index, or -1 */
	void (*on_call)(struct func_ctx *f, const struct prov *state,
			const struct ir_insn *call, int callee);
	void (*on_return)(struct func_ctx *f, const struct prov *state,
			  const struct ir_insn *ret);
};

#define CHECK(id, def) extern const struct check_def def;
#include "check_list.h"
#undef CHECK

#endif /* PHYSCHECK_CHECK_H */

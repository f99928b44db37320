// SPDX-License-Identifier: GPL-2.0
/*
 * Reporting: where a finding is shown, and when.  A finding is built whole
 * (message and notes, findings.c) and then delivered to the place a
 * kernel developer can act on, in the file being checked:
 *
 *  - inside an inlined body (sparse inlines header functions such as
 *    sg_virt() or kernel/dma/direct.h's helpers into their callers), at
 *    the call that brought that body into this file's code;
 *  - inside a function defined in a header (GCC keeps those as functions
 *    of the unit), at each call to it from the checked file: the finding
 *    waits in the function's summary until such a call is checked.
 *
 * Both front ends thus report the same finding at the same line, once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "xalloc.h"

#define xcalloc pc_xcalloc
#define xrealloc pc_xrealloc

static const struct ir_insn *inline_call_of(const struct func_ctx *f,
					    const char *function, int value);

/* Whether inline frame @inner is @outer or was inlined, at some depth,
 * into @outer's body: follow the calls that brought each body in. */
static bool frame_within(const struct func_ctx *f, int inner, int outer)
{
	unsigned int depth;

	for (depth = 0; depth < 16 && inner != IR_NONE; depth++) {
		const struct ir_insn *call;

		if (inner == outer)
			return true;
		call = inline_call_of(f, f->func->frames[inner].function, IR_NONE);
		if (!call)
			return false;
		inner = call->frame;
	}
	return false;
}

/* Whether any possibly-MMIO origin of @value is made inside @frame's body. */
static bool source_inside(const struct func_ctx *f, int value, int frame)
{
	unsigned int o;

	for (o = 0; o < f->nr_origins; o++)
		if (engine_value_has_origin(f, value, o) && f->origins[o].param < 0 &&
		    frame_within(f, f->origins[o].insn->frame, frame))
			return true;
	return false;
}

/* The operand of @call that carries one of @value's origins, or -1. */
static int carrying_operand(const struct func_ctx *f, const struct ir_insn *call, int value)
{
	unsigned int k, o;

	for (k = 0; k < call->nr_operands; k++)
		for (o = 0; o < f->nr_origins; o++)
			if (engine_value_has_origin(f, value, o) &&
			    engine_value_has_origin(f, call->operands[k], o))
				return (int)k;
	return -1;
}

/* The inlined call of @function that brought @value in; any if none did. */
static const struct ir_insn *inline_call_of(const struct func_ctx *f,
					    const char *function, int value)
{
	const struct ir_insn *any = NULL;
	unsigned int b, i;

	for (b = 0; b < f->func->nr_blocks; b++) {
		const struct ir_block *blk = f->func->blocks[b];

		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];

			if (insn->op != IR_CALL || !insn->inlined || !insn->name ||
			    strcmp(insn->name, function))
				continue;
			if (carrying_operand(f, insn, value) >= 0)
				return insn;
			if (!any)
				any = insn;
		}
	}
	return any;
}

/*
 * Out of inlined bodies, to where a developer acts, as if the inlined
 * function had stayed a function of its own (which is how GCC sees it):
 * a value that came in through the inlined function's arguments is that
 * call's fault (phys-requires there); one found inside a body of another
 * file is reported at the call that brought the body into this file.
 */
static void attribute_to_call(const struct func_ctx *f, struct finding *fd,
			      const struct ir_insn *at, int value)
{
	unsigned int depth;
	int frame = at->frame;

	for (depth = 0; depth < 16 && frame != IR_NONE; depth++) {
		const char *function = f->func->frames[frame].function;
		const struct ir_insn *call = inline_call_of(f, function, value);
		int k;

		if (!call)
			return;
		k = carrying_operand(f, call, value);
		if (k >= 0 && !source_inside(f, value, frame)) {
			struct diag_loc inner = fd->loc;
			const char *sink = at->name ? at->name : "a kernel mapping";

			finding_init_keep_notes(fd, CHECK_REQUIRES, call->loc,
				"argument %d of %s() %s MMIO, but %s() needs it to be RAM",
				k + 1, function,
				fd->check == CHECK_MMIO ? "is" : "may be", function);
			finding_note(fd, inner, "%s() passes its parameter %d to %s() here",
				     function, k + 1, sink);
			value = call->operands[k];
		} else if (!engine_in_checked_file(f->u, fd->loc)) {
			finding_note(fd, fd->loc, "inside %s(), inlined here", function);
			fd->loc = call->loc;
		} else {
			return;
		}
		at = call;
		frame = call->frame;
	}
}

static bool already_reported(struct unit_ctx *u, const struct finding *fd)
{
	unsigned int i;

	for (i = 0; i < u->nr_reported; i++) {
		const struct reported *r = &u->reported[i];

		if (r->check == fd->check && r->loc.line == fd->loc.line &&
		    r->loc.col == fd->loc.col && !strcmp(r->loc.file, fd->loc.file))
			return true;
	}
	if (u->nr_reported == u->cap_reported) {
		u->cap_reported = u->cap_reported ? u->cap_reported * 2 : 16;
		u->reported = pc_xrealloc(u->reported, u->cap_reported * sizeof(*u->reported));
	}
	u->reported[u->nr_reported].loc = fd->loc;
	u->reported[u->nr_reported].check = fd->check;
	u->nr_reported++;
	return false;
}

static void show(struct unit_ctx *u, const struct finding *fd)
{
	unsigned int i;

	if (u->hold) {
		/* shown in its turn, where a copy of it elsewhere may come first */
		u->hold->fd = pc_xrealloc(u->hold->fd, (u->hold->nr + 1) * sizeof(*fd));
		u->hold->fd[u->hold->nr++] = *fd;
		return;
	}
	if (already_reported(u, fd))
		return;
	if (!diag_warning(fd->loc, fd->check, "%s", fd->message))
		return;
	u->warnings++;
	for (i = 0; i < fd->nr_notes; i++)
		diag_note(fd->note_loc[i], "%s", fd->note[i]);
}

static void defer(struct func_ctx *f, const struct finding *fd)
{
	struct summary *s = &f->u->summaries[f->index];
	unsigned int i;

	for (i = 0; i < s->nr_deferred; i++)
		if (s->deferred[i].check == fd->check &&
		    !strcmp(s->deferred[i].message, fd->message) &&
		    s->deferred[i].loc.line == fd->loc.line)
			return;
	s->deferred = pc_xrealloc(s->deferred, (s->nr_deferred + 1) * sizeof(*s->deferred));
	s->deferred[s->nr_deferred++] = *fd;
}

void engine_report(struct func_ctx *f, struct finding *fd,
		     const struct ir_insn *at, int value)
{
	attribute_to_call(f, fd, at, value);
	if (!engine_in_checked_file(f->u, fd->loc) &&
	    !engine_in_checked_file(f->u, f->func->loc)) {
		defer(f, fd);
		return;
	}
	show(f->u, fd);
}

/* A call from this function to a header's function that found something. */
void engine_replay_deferred(struct func_ctx *f, const struct ir_insn *call, int callee)
{
	const struct summary *s = &f->u->summaries[callee];
	unsigned int i;

	for (i = 0; i < s->nr_deferred; i++) {
		struct finding fd = s->deferred[i];

		finding_note(&fd, s->deferred[i].loc, "in %s(), which this call reaches",
			     call->name);
		fd.loc = call->loc;
		engine_report(f, &fd, call, IR_NONE);
	}
}

/* The findings @held kept for a function reported ahead of its turn. */
void engine_show_held(struct unit_ctx *u, struct finding_list *held)
{
	unsigned int i;

	for (i = 0; i < held->nr; i++)
		show(u, &held->fd[i]);
	free(held->fd);
	held->fd = NULL;
	held->nr = 0;
}

void engine_free_summary(struct summary *s)
{
	free(s->deferred);
	s->deferred = NULL;
	s->nr_deferred = 0;
}

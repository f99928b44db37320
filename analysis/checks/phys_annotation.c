// SPDX-License-Identifier: GPL-2.0
/*
 * phys-annotation: code contradicts a kmappable / mmio annotation.  A
 * function annotated to return a kmappable value returns one that may
 * be MMIO.  (Arguments that break a parameter's annotation are
 * phys-requires findings at the call.)
 */
#include "check.h"

/*
 * Where a returned value is blamed: at the call of the function's own
 * code that made it, where one did.  The front ends place a return (and
 * a result phi's sources) differently: sparse where its linearizer last
 * stood (the call's last argument), gcc at the returned expression's
 * first token; a call both place at its parenthesis.
 */
static struct diag_loc blame_loc(const struct func_ctx *f, int value, struct diag_loc at)
{
	const struct ir_insn *def;

	if (value < 0 || value >= (int)f->func->nr_values)
		return at;
	def = f->def[value];
	if (def && def->op == IR_CALL && !def->inlined && def->frame == IR_NONE)
		return def->loc;
	return at;
}

static void report_bad_return(struct func_ctx *f, const struct prov *state,
			      const struct ir_insn *at, struct diag_loc loc, int value)
{
	struct prov p = engine_value_prov(f, state, value);
	struct finding fd;

	if (!(p.state & PROV_MMIO))
		return;
	finding_init(&fd, CHECK_ANNOTATION, blame_loc(f, value, loc),
		     "%s() is annotated to return a kmappable value, but this one %s MMIO",
		     f->func->name, p.state == PROV_MMIO ? "is" : "may be");
	engine_note_sources(f, &fd, state, value);
	engine_report(f, &fd, at, value);
}

static void annotation_on_return(struct func_ctx *f, const struct prov *state,
				 const struct ir_insn *ret)
{
	const struct ir_insn *def;
	unsigned int i;
	int v = ret->operands[0];

	if (f->func->ret_annotation != PROV_KMAP)
		return;
	/* one result phi for several return statements: blame each one */
	def = v < (int)f->func->nr_values ? f->def[v] : NULL;
	if (def && def->op == IR_PHI && def->operand_locs) {
		for (i = 0; i < def->nr_operands; i++)
			report_bad_return(f, state, ret, def->operand_locs[i],
					  def->operands[i]);
		return;
	}
	report_bad_return(f, state, ret, ret->loc, v);
}

const struct check_def phys_annotation = {
	.name = "phys-annotation",
	.help = "code contradicts a kmappable / mmio annotation",
	.explain = "A function annotated to return a kmappable value returns one "
		   "that is or may be MMIO, or an annotation contradicts the code.",
	.default_on = true,
	.finding = true,
	.on_return = annotation_on_return,
};

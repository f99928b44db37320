// SPDX-License-Identifier: GPL-2.0
/*
 * phys-mmio: a phys, pfn or page proven MMIO on every path reaches a sink,
 * where the CPU uses it as RAM.
 */
#include "check.h"

static void mmio_on_sink(struct func_ctx *f, const struct prov *state,
			 const struct sink_event *ev)
{
	struct finding fd;

	/* MMIO on some path and kmappable on none: open parameters add
	 * nothing known, so they do not make a proven MMIO value a maybe */
	if (ev->prov.state != PROV_MMIO)
		return;
	finding_init(&fd, CHECK_MMIO, ev->call->loc, "MMIO %s reaches %s(): %s",
		     value_kind_name(ev->sink->kind), ev->call->name,
		     sink_harm_words(ev->sink->harm));
	engine_note_sources(f, &fd, state, ev->value);
	engine_note_no_proof(f, &fd, ev->value, engine_block_of(f, ev->call));
	engine_report(f, &fd, ev->call, ev->value);
}

const struct check_def phys_mmio = {
	.name = "phys-mmio",
	.help = "an MMIO phys, pfn or page reaches a CPU access meant for RAM",
	.explain = "A value that comes from MMIO (a PCI BAR, a P2PDMA page) reaches "
		   "kmap_local_pfn(), phys_to_virt(), a CPU copy, cache maintenance or "
		   "another use as RAM. " MMIO_HARM_WORDS " Keep MMIO out of the sink, or "
		   "map it with ioremap() / DMA_ATTR_MMIO.",
	.default_on = true,
	.finding = true,
	.on_sink = mmio_on_sink,
};

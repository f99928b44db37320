// SPDX-License-Identifier: GPL-2.0
/*
 * phys-kmap: a phys, pfn or page that may be MMIO (a P2PDMA page in a
 * bio or a scatterlist, a phys a guard did not settle) reaches a sink.
 */
#include "check.h"

static void kmap_on_sink(struct func_ctx *f, const struct prov *state,
			 const struct sink_event *ev)
{
	struct finding fd;

	if (ev->prov.state != PROV_MAYBE)
		return;
	finding_init(&fd, CHECK_KMAP, ev->call->loc,
		     "%s that may be MMIO reaches %s(): %s",
		     value_kind_name(ev->sink->kind), ev->call->name,
		     sink_harm_words(ev->sink->harm));
	engine_note_sources(f, &fd, state, ev->value);
	engine_note_no_proof(f, &fd, ev->value, engine_block_of(f, ev->call));
	engine_report(f, &fd, ev->call, ev->value);
}

const struct check_def phys_kmap = {
	.name = "phys-kmap",
	.help = "a phys, pfn or page that may be MMIO reaches a CPU access meant for RAM",
	.explain = "A value that may be MMIO (sg_page(), bvec_phys(), a P2PDMA page) "
		   "reaches a use as RAM with no guard such as is_pci_p2pdma_page() or "
		   "attrs & DMA_ATTR_MMIO on the way. " MMIO_HARM_WORDS " Test for P2PDMA "
		   "before the CPU access, or annotate the source.",
	.default_on = true,
	.finding = true,
	.on_sink = kmap_on_sink,
};

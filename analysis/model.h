/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel model: what kernel functions do to a phys, a pfn or a struct
 * page pointer.  It is data (model/kernel.model, and any --model FILE a
 * user adds); the format is documented at the top of model/kernel.model.
 */
#ifndef PHYSCHECK_MODEL_H
#define PHYSCHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "lattice.h"

#ifdef __cplusplus
extern "C" {
#endif

enum model_directive {
	MODEL_SOURCE,	/* source  FUNC STATE KIND */
	MODEL_PARAM,	/* param   FUNC ARG STATE KIND [attrs=ARG] */
	MODEL_ASSERT,	/* assert  FUNC ARG STATE [if ARG FLAG] */
	MODEL_CONVERT,	/* convert FUNC ARG FROM TO */
	MODEL_GUARD,	/* guard   FUNC ARG WHEN|==NAME|!=NAME STATE [weak] */
	MODEL_FLAG,	/* flag    FLAG WHEN STATE [weak] */
	MODEL_SINK,	/* sink    FUNC ARG KIND [address] */
	MODEL_LINEARMAP,	/* linearmap SYMBOL */
	MODEL_ADDRESS_ONLY,	/* addressonly FUNC ARG */
	MODEL_ATTRS,	/* attrs   FUNC ARG ATTRS */
	MODEL_NO_PROOF,	/* noproof FUNC ARG */
	MODEL_FILL,	/* fill    FUNC CONTAINER ARG */
	MODEL_KEEP,	/* keep    FUNC ARG */
	MODEL_CALLBACK,	/* callback STRUCT.MEMBER ARG */
	MODEL_MADE_BY,	/* madeby  FUNC ARG MAKER ret|N */
	MODEL_HOLDS_RAM,	/* holdsram FUNC ret|N */
	MODEL_DIRECTIVE_COUNT
};

enum value_kind {
	KIND_PHYS,
	KIND_PFN,
	KIND_PAGE,
	KIND_COUNT
};

/*
 * What a sink does with its argument, so that a finding says what really
 * goes wrong with MMIO there, true on every architecture: a P2PDMA page's
 * direct map is uncached on x86 (the CPU then reaches a peer's BAR) and
 * may be cacheable elsewhere (an illegal alias), and a raw BAR is not in
 * the direct map at all.
 */
enum sink_harm {
	HARM_ACCESS,	/* the CPU reads or writes it through a kernel mapping */
	HARM_ADDRESS,	/* computes a kernel mapping's address (phys_to_virt) */
	HARM_SYNC,	/* CPU cache maintenance on it (arch_sync_dma_for_*) */
	HARM_BOUNCE,	/* bounce buffering: the CPU copies it (swiotlb) */
	HARM_COUNT
};

struct model_entry {
	enum model_directive directive;
	const char *name;	/* function, "struct.member", or flag */
	unsigned int arg;	/* 1-based argument; 0 for none */
	enum prov_state state;
	enum value_kind kind;	/* source, param, sink; convert: from */
	enum value_kind to_kind;	/* convert only */
	bool when;		/* guard, flag: the branch outcome; guard with
				 * when_const: true for ==, false for != */
	const char *when_const;	/* guard: the result compared with this
				 * constant (enumerator or macro), or NULL */
	bool weak;		/* guard, flag: heuristic, not a proof */
	bool address_only;	/* sink: computes an address, harmless unused */
	enum sink_harm harm;	/* sink: what it does with the argument */
	unsigned int cond_arg;	/* param: attrs=ARG; assert: if ARG;
				 * attrs: ATTRS; fill: ARG */
	bool held;		/* source: read out of a container */
	unsigned int held_arg;	/* source: held=ARG, the container's
				 * argument; 0: a field's own object */
	const char *cond_flag;	/* assert: if ARG FLAG */
	const char *maker;	/* madeby: the function that made the handle */
	unsigned int where;	/* madeby, holdsram: 0 the return value, else
				 * the argument it is stored through */
	const char *file;
	unsigned int line;
	struct model_entry *next_same_name;
};

struct model;

#define MODEL_ERROR_MAX 512

struct model *model_new(void);
void model_free(struct model *model);
const char *sink_harm_words(enum sink_harm harm);
int model_find_default(const char *binary_dir, char *out, size_t size);
int model_load_file(struct model *model, const char *path,
		    char *error, size_t error_size);
int model_load_text(struct model *model, const char *origin, const char *text,
		    char *error, size_t error_size);
unsigned int model_entry_count(const struct model *model);
unsigned int model_note_count(const struct model *model);
const char *model_note(const struct model *model, unsigned int i);
const struct model_entry *model_find(const struct model *model,
				     enum model_directive directive,
				     const char *name,
				     const struct model_entry *after);
bool model_has_any(const struct model *model, const char *name, unsigned int mask);
typedef void (*model_entry_fn)(const struct model_entry *entry, void *ctx);
void model_for_each(const struct model *model, enum model_directive directive,
		    model_entry_fn fn, void *ctx);
const char *model_directive_name(enum model_directive directive);
const char *value_kind_name(enum value_kind kind);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_MODEL_H */

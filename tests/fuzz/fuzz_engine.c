// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz harness: the analysis engine over random IR, built only through
 * the IR's own builders (analysis/ir.c), as the front ends build it, and
 * checked with the kernel model.  The bytes are a program: how many
 * functions, parameters, values, frames and blocks, then per block its
 * instructions (op, value, operands, callee or field, constant, frame)
 * and a terminator.  IR that ir_verify() refuses is what ir_func_finish()
 * stops a front end on, with a message; everything it accepts, the engine
 * must analyse without crashing, looping or reading out of bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "engine.h"
#include "ir.h"
#include "model.h"

#ifndef KERNEL_MODEL
#error "build with -DKERNEL_MODEL=\"path/to/model/kernel.model\""
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The model's names and some that are not: sources, sinks, guards,
 * converters, functions of the unit (f0..f2) and strangers. */
static const char *const callees[] = {
	"f0", "f1", "f2", "sg_page", "bio_page", "page_to_phys", "page_to_pfn",
	"pfn_to_page", "PHYS_PFN", "PFN_PHYS", "kmap_local_pfn", "kmap_local_page",
	"phys_to_virt", "page_address", "lowmem_page_address", "memcpy_from_page",
	"arch_sync_dma_for_cpu", "swiotlb_map", "pci_resource_start", "alloc_page",
	"virt_to_phys", "is_pci_p2pdma_page", "pci_p2pdma_state", "PageHighMem",
	"pfn_valid", "dma_map_phys", "dma_map_resource", "dma_to_phys",
	"gen_pool_free_owner", "external", NULL,
};
static const char *const fields[] = {
	"scatterlist.page_link", "bio_vec.bv_page", "pci_dev.resource.start",
	"phys_vec.paddr", "resource.start", "box.field", NULL,
};
static const char *const paths[] = { NULL, "pci_dev.resource.start", "a.b.c" };
static const char *const roles[] = { "dma_map_ops.map_phys", "dma_map_ops.map_page" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct bytes {
	const uint8_t *p;
	size_t n;
};

static unsigned int take(struct bytes *b, unsigned int limit)
{
	if (!b->n || !limit)
		return 0;
	b->n--;
	return *b->p++ % limit;
}

static int64_t take_constant(struct bytes *b)
{
	switch (take(b, 4)) {
	case 0:
		return take(b, 8);
	case 1:
		return (int64_t)(UINT64_C(1) << take(b, 64));	/* a flag: DMA_ATTR_MMIO is 1 << 10 */
	case 2:
		return -(int64_t)take(b, 256);
	default:
		return (int64_t)take(b, 256) << 8 | take(b, 256);
	}
}

static struct model *model;

static void quiet_warning(void *ctx, struct diag_loc loc, enum check_id check,
			  const char *message)
{
	(void)ctx, (void)loc, (void)check, (void)message;
}

static void quiet_note(void *ctx, struct diag_loc loc, const char *message)
{
	(void)ctx, (void)loc, (void)message;
}

static const struct diag_emitter quiet = { quiet_warning, quiet_note, NULL };

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char error[MODEL_ERROR_MAX];

	(void)argc, (void)argv;
	model = model_new();
	if (!model || model_load_file(model, KERNEL_MODEL, error, sizeof(error))) {
		fprintf(stderr, "fuzz_engine: %s\n", error);
		exit(2);
	}
	diag_set_emitter(&quiet);
	return 0;
}

struct shape {
	unsigned int nr_values, nr_blocks, nr_frames, nr_params, next_value, line;
};

static int take_value(struct bytes *b, const struct shape *s)
{
	return (int)take(b, s->nr_values + 1) - 1;	/* -1: IR_NONE */
}

static void take_operands(struct bytes *b, struct ir_func *func, struct ir_insn *insn,
			  const struct shape *s, unsigned int max)
{
	int ops[8];
	unsigned int n = take(b, max + 1), i;

	for (i = 0; i < n; i++)
		ops[i] = take_value(b, s);
	ir_set_operands(func, insn, ops, n);
}

static const enum ir_op body_ops[] = {
	IR_PARAM, IR_CONST, IR_OPAQUE, IR_ARITH, IR_PHI, IR_LOAD, IR_STORE,
	IR_CALL, IR_NOT, IR_AND_CONST, IR_EQ_CONST,
};

static void emit_body(struct bytes *b, struct ir_func *func, int block, struct shape *s)
{
	enum ir_op op = body_ops[take(b, COUNT(body_ops))];
	struct diag_loc loc = { "fuzz.c", (int)++s->line, 1 + (int)take(b, 40), 0 };
	struct ir_insn *insn = ir_emit(func, block, op, loc);

	if (op != IR_STORE && s->next_value < s->nr_values && take(b, 8))
		insn->value = (int)s->next_value++;
	insn->frame = (int)take(b, s->nr_frames + 1) - 1;
	switch (op) {
	case IR_PARAM:
		insn->index = take(b, s->nr_params ? s->nr_params : 1);
		ir_set_operands(func, insn, NULL, 0);
		break;
	case IR_CONST:
		insn->constant = take_constant(b);
		ir_set_operands(func, insn, NULL, 0);
		break;
	case IR_LOAD:
	case IR_STORE:
		insn->name = fields[take(b, COUNT(fields))];
		insn->path = paths[take(b, COUNT(paths))];
		take_operands(b, func, insn, s, 2);
		break;
	case IR_CALL:
		insn->name = callees[take(b, COUNT(callees))];
		insn->inlined = take(b, 4) == 0;
		take_operands(b, func, insn, s, 6);
		break;
	case IR_AND_CONST:
	case IR_EQ_CONST:
		insn->constant = take_constant(b);
		take_operands(b, func, insn, s, 1);
		break;
	case IR_ARITH:
		insn->arith = (enum ir_arith)take(b, IR_ARITH_OR + 1);
		take_operands(b, func, insn, s, 3);
		break;
	default:
		take_operands(b, func, insn, s, 4);
		break;
	}
}

static void emit_terminator(struct bytes *b, struct ir_func *func, int block,
			    struct shape *s)
{
	struct diag_loc loc = { "fuzz.c", (int)++s->line, 1, 0 };
	unsigned int kind = take(b, 4), i, n;
	struct ir_insn *insn;
	int op;

	switch (kind) {
	case 0:
		insn = ir_emit(func, block, IR_BR, loc);
		op = take_value(b, s);
		ir_set_operands(func, insn, &op, 1);
		ir_add_succ(func, block, (int)take(b, s->nr_blocks));
		ir_add_succ(func, block, (int)take(b, s->nr_blocks));
		break;
	case 1:
		insn = ir_emit(func, block, IR_JMP, loc);
		ir_set_operands(func, insn, NULL, 0);
		ir_add_succ(func, block, (int)take(b, s->nr_blocks));
		break;
	case 2:
		insn = ir_emit(func, block, IR_SWITCH, loc);
		op = take_value(b, s);
		ir_set_operands(func, insn, &op, 1);
		n = 1 + take(b, 3);
		for (i = 0; i < n; i++) {
			int64_t low = take_constant(b);

			ir_add_case(func, block, insn, low, low + take(b, 4),
				    (int)take(b, s->nr_blocks), take(b, 4) == 0);
		}
		break;
	default:
		insn = ir_emit(func, block, IR_RET, loc);
		op = take_value(b, s);
		ir_set_operands(func, insn, &op, take(b, 2));
		break;
	}
}

static bool build_func(struct bytes *b, struct ir_unit *unit, unsigned int index)
{
	struct diag_loc loc = { "fuzz.c", 1, 1, 0 };
	struct shape s = { 0 };
	struct ir_func *func;
	char name[16], why[256];
	unsigned int i, k;

	snprintf(name, sizeof(name), "f%u", index);
	s.nr_params = take(b, 6);
	func = ir_func_new(unit, name, loc, s.nr_params);
	for (i = 0; i < s.nr_params; i++)
		func->params[i].annotation = (enum prov_state)take(b, 4);
	func->ret_annotation = (enum prov_state)take(b, 4);
	if (!take(b, 4))
		ir_func_add_role(func, roles[take(b, COUNT(roles))]);
	s.nr_values = take(b, 32);
	for (i = 0; i < s.nr_values; i++)
		ir_value_new(func, take(b, 2) ? "v" : NULL);
	s.nr_frames = take(b, 4);
	for (i = 0; i < s.nr_frames; i++)
		ir_frame_new(func, callees[take(b, COUNT(callees) - 1)],
			     (int)take(b, i + 1) - 1);
	s.nr_blocks = 1 + take(b, 8);
	for (i = 0; i < s.nr_blocks; i++)
		ir_block_new(func);
	for (i = 0; i < s.nr_blocks; i++) {
		unsigned int n = take(b, 12);

		for (k = 0; k < n; k++)
			emit_body(b, func, (int)i, &s);
		emit_terminator(b, func, (int)i, &s);
	}
	if (ir_verify(func, why, sizeof(why)))
		return false;	/* a front end would stop in ir_func_finish() */
	ir_func_finish(func);
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bytes b = { data, size };
	struct engine_stats stats;
	struct ir_unit *unit;
	unsigned int i, n;
	bool ok = true;

	if (!model)
		LLVMFuzzerInitialize(NULL, NULL);
	unit = ir_unit_new("fuzz.c");
	if (take(&b, 2))
		ir_unit_add_flag(unit, "DMA_ATTR_MMIO", UINT64_C(1) << 10);
	n = 1 + take(&b, 3);
	for (i = 0; i < n && ok; i++)
		ok = build_func(&b, unit, i);
	if (ok)
		engine_check_unit(model, unit, NULL, &stats);
	ir_unit_free(unit);
	return 0;
}

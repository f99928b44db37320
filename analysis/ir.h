/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The small function IR both front ends lower into.
 *
 * A translation unit is a list of functions; a function is basic blocks of
 * instructions over numbered values (SSA: one definition each).  Only what
 * provenance needs survives lowering: where a value comes from (parameter,
 * call, field load, constant), how it flows (arithmetic and casts, phis,
 * field stores), how control splits on it (branches on a value, `!`,
 * `& FLAG`, `== K`; switch cases), and where it goes (call arguments,
 * returns).
 *
 * Inlined code: a front end that inlines (sparse) marks each inlined call
 * with an IR_CALL flagged `inlined`, placed after the inlined body, and
 * tags the body's instructions with an inline frame.  The engine lets the
 * model speak for a modelled function and ignores its body.
 */
#ifndef PHYSCHECK_IR_H
#define PHYSCHECK_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "lattice.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IR_NONE (-1)

enum ir_op {
	IR_PARAM,	/* value <- parameter `index` (0-based) */
	IR_CONST,	/* value <- integer `constant` */
	IR_OPAQUE,	/* value <- something that carries no provenance */
	IR_ARITH,	/* value <- arithmetic or cast of operands */
	IR_PHI,		/* value <- one of operands, by incoming edge */
	IR_LOAD,	/* value <- field `name` ("struct.member") of operand 0 */
	IR_STORE,	/* field `name` of operand 0 <- operand 1 */
	IR_CALL,	/* value <- `name`(operands); name NULL: indirect */
	IR_NOT,		/* value <- !operand 0 */
	IR_AND_CONST,	/* value <- operand 0 & `constant` */
	IR_EQ_CONST,	/* value <- operand 0 == `constant` (a != is its !) */
	IR_BR,		/* operand 0 != 0 ? succ[0] : succ[1] */
	IR_JMP,		/* succ[0] */
	IR_SWITCH,	/* one of succs, by operand 0 (if any) and cases */
	IR_RET,		/* return operand 0 (or nothing) */
	IR_OP_COUNT
};

/* What an IR_ARITH computes, where it matters to the engine. */
enum ir_arith {
	IR_ARITH_OTHER,
	IR_ARITH_ADD,
	IR_ARITH_SUB,
	IR_ARITH_AND,	/* true: both operands are non-zero */
	IR_ARITH_OR,	/* false: both operands are zero */
};

/* IR_SWITCH: the values [low, high] that go to successor number `succ`;
 * a successor that no case names, or the default's, takes the rest. */
struct ir_case {
	int64_t low, high;
	unsigned int succ;
	bool deflt;		/* the default: every value no case names */
};

/*
 * The fields are laid out to leave no holes: a unit of functions made
 * huge by inlining holds tens of thousands of these at once.
 */
struct ir_insn {
	enum ir_op op : 8;
	enum ir_arith arith : 8;	/* IR_ARITH only */
	bool inlined : 1;	/* IR_CALL: marks an inlined call */
	bool local : 1;		/* IR_OPAQUE: the address of one of the
				 * function's own variables, whose fields
				 * hold what the function stores there */
	bool scalar : 1;	/* IR_LOAD, or an IR_ARITH that copies one
				 * (GIMPLE loads into a temporary): of an
				 * integer (a DMA address read out of a
				 * table), never a container */
	bool own_record : 1;	/* IR_LOAD, IR_STORE: the object's struct
				 * (the path's first) is defined in the
				 * unit's own file, not a header: no other
				 * unit can name its members */
	int value;		/* value defined, IR_NONE if none */
	unsigned int nr_operands;
	unsigned int index;	/* IR_PARAM */
	int frame;		/* inline frame, IR_NONE: the function itself */
	unsigned int nr_cases, cap_cases;
	int *operands;
	const char *name;	/* callee, field ("struct.member"), or NULL */
	const char *path;	/* field: from the outer object, as
				 * "pci_dev.resource.start"; NULL if same */
	int64_t constant;
	struct diag_loc loc;
	struct diag_loc *operand_locs;	/* IR_PHI, optional: where each
					 * incoming value was produced */
	int *operand_blocks;	/* IR_PHI, optional: the predecessor block
				 * each operand comes in by (IR_NONE: not
				 * known), for what holds on one path */
	struct ir_case *cases;	/* IR_SWITCH, optional */
};

struct ir_block {
	struct ir_insn **insns;
	unsigned int nr_insns, cap_insns;
	int *succs;
	unsigned int nr_succs;
	int *preds;
	unsigned int nr_preds;
};

/* An inlined function's body, inside another frame or the function. */
struct ir_frame {
	const char *function;
	int parent;
};

struct ir_param {
	const char *name;
	enum prov_state annotation;	/* PROV_NONE: not annotated */
};

struct ir_func {
	const char *name;
	struct diag_loc loc;
	struct ir_param *params;
	unsigned int nr_params;
	enum prov_state ret_annotation;
	bool is_static;		/* internal linkage: its facts stay in the unit */
	const char **roles;	/* "dma_map_ops.map_page" ... it is assigned to */
	unsigned int nr_roles;
	struct ir_block **blocks;	/* blocks[0] is the entry */
	unsigned int nr_blocks, cap_blocks;
	const char **value_names;	/* for messages; NULL entries allowed */
	unsigned int nr_values, cap_values;
	struct ir_frame *frames;
	unsigned int nr_frames, cap_frames;
	struct ir_unit *unit;
};

#define IR_SPARE_CLASSES 32

struct ir_flag {
	const char *name;
	uint64_t value;
};

struct ir_unit {
	const char *file;
	struct ir_func **funcs;
	unsigned int nr_funcs, cap_funcs;
	struct ir_flag *flags;		/* model flags the front end resolved */
	unsigned int nr_flags;
	struct ir_arena *arena;
	void *spare[IR_SPARE_CLASSES];	/* arrays grown out of, by log2 size */
};

/*
 * A field's path from the outermost object's type down to it,
 * "pci_dev.resource.start", built as a front end walks its compiler's
 * types: ir_path_add() a name for each level, ir_path_back() to the mark
 * it returned when a level leads nowhere.  A path that does not fit is
 * cut short at IR_PATH_MAX.
 */
#define IR_PATH_MAX	512
#define IR_FIELD_MAX	256	/* "struct.member", cut short beyond */

struct ir_path {
	char text[IR_PATH_MAX];
};

void ir_path_init(struct ir_path *path);
size_t ir_path_add(struct ir_path *path, const char *name);
void ir_path_back(struct ir_path *path, size_t mark);

/*
 * The functions a unit assigns to members of ops structures, as
 * `.map_phys = foo_map_phys` in a `struct dma_map_ops`: foo_map_phys
 * plays the role "dma_map_ops.map_phys".  A front end finds them while it
 * parses, before the functions are lowered, so they are kept apart from
 * any unit (and from its arena) until ir_roles_assign().
 */
struct ir_role {
	char *function;
	char *name;		/* "dma_map_ops.map_phys" */
};

struct ir_roles {
	struct ir_role *roles;
	unsigned int nr, cap;
};

void ir_roles_add(struct ir_roles *roles, const char *function, const char *record,
		  const char *member);
void ir_roles_assign(const struct ir_roles *roles, struct ir_unit *unit);
void ir_roles_clear(struct ir_roles *roles);

struct ir_unit *ir_unit_new(const char *file);
void ir_unit_free(struct ir_unit *unit);
void *ir_alloc(struct ir_unit *unit, size_t size);
const char *ir_strdup(struct ir_unit *unit, const char *s);
void ir_unit_add_flag(struct ir_unit *unit, const char *name, uint64_t value);

struct ir_func *ir_func_new(struct ir_unit *unit, const char *name,
			    struct diag_loc loc, unsigned int nr_params);
struct ir_func *ir_declare(struct ir_unit *unit, const char *name, struct diag_loc loc,
			   enum prov_state ret, const enum prov_state *params,
			   unsigned int nr_params);
void ir_func_add_role(struct ir_func *func, const char *role);
int ir_block_new(struct ir_func *func);
int ir_value_new(struct ir_func *func, const char *name);
int ir_frame_new(struct ir_func *func, const char *function, int parent);
struct ir_insn *ir_emit(struct ir_func *func, int block, enum ir_op op,
			struct diag_loc loc);
void ir_set_operands(struct ir_func *func, struct ir_insn *insn,
		     const int *operands, unsigned int nr);
void ir_add_succ(struct ir_func *func, int block, int succ);
void ir_add_case(struct ir_func *func, int block, struct ir_insn *sw,
		 int64_t low, int64_t high, int target, bool deflt);
void ir_name_field(struct ir_func *func, struct ir_insn *insn, const char *record,
		   const char *member, const struct ir_path *path);
struct ir_insn *ir_compare_const(struct ir_func *func, int block, int operand,
				 int64_t constant, bool equal, struct diag_loc loc);
int ir_verify(const struct ir_func *func, char *why, size_t size);
void ir_func_finish(struct ir_func *func);
const char *ir_op_name(enum ir_op op);
void ir_dump(const struct ir_func *func, void *file);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_IR_H */

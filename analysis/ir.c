// SPDX-License-Identifier: GPL-2.0
/*
 * IR construction.  Everything of a unit lives in one arena, freed at
 * once: front ends build, the engine reads, nobody frees piecemeal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"
#include "xalloc.h"

#define ARENA_CHUNK (64 * 1024)

struct ir_arena {
	struct ir_arena *next;
	size_t used, size;
	char data[];
};

static struct ir_arena *new_chunk(struct ir_unit *unit, size_t size)
{
	size_t chunk = size > ARENA_CHUNK ? size : ARENA_CHUNK;
	/* zeroed once here: the arena hands memory out once, but for the
	 * outgrown arrays grow_array() hands out again, which need none */
	struct ir_arena *a = calloc(1, sizeof(*a) + chunk);

	if (!a)
		pc_out_of_memory();
	a->next = unit->arena;
	a->used = 0;
	a->size = chunk;
	unit->arena = a;
	return a;
}

/* Inline in this file: every instruction, operand list and name of a
 * unit is allocated here, a few hundred thousand times a unit. */
static inline void *alloc(struct ir_unit *unit, size_t size)
{
	struct ir_arena *a = unit->arena;

	size = (size + 7) & ~(size_t)7;
	if (!a || a->used + size > a->size)
		a = new_chunk(unit, size);
	a->used += size;
	return a->data + a->used - size;
}

void *ir_alloc(struct ir_unit *unit, size_t size)
{
	return alloc(unit, size);
}

const char *ir_strdup(struct ir_unit *unit, const char *s)
{
	size_t len;
	char *copy;

	if (!s)
		return NULL;
	len = strlen(s) + 1;
	copy = alloc(unit, len);
	return memcpy(copy, s, len);
}

/* The spare list of @size bytes, if it is a power of two there is one for. */
static void **spare_of(struct ir_unit *unit, size_t size)
{
	unsigned int log = 0;

	if (size < sizeof(void *) || (size & (size - 1)))
		return NULL;
	while ((size_t)1 << log < size)
		log++;
	return log < IR_SPARE_CLASSES ? &unit->spare[log] : NULL;
}

/*
 * The arena never frees, so an array outgrown would be lost; the next
 * array of its size takes it instead (a block's instructions grow
 * through the sizes the block before them did): on a unit of large
 * functions, what the arrays left behind was a tenth of its IR.  Not
 * zeroed again: nothing reads an array past what was put in it.
 */
static void *grow_array(struct ir_unit *unit, void *old, unsigned int *cap,
			unsigned int need, size_t elem)
{
	unsigned int new_cap;
	void **spare, *bigger;

	new_cap = *cap ? *cap * 2 : 8;
	while (new_cap < need)
		new_cap *= 2;
	spare = spare_of(unit, new_cap * elem);
	if (spare && *spare) {
		bigger = *spare;
		*spare = *(void **)bigger;
	} else {
		bigger = alloc(unit, new_cap * elem);
	}
	if (old) {
		memcpy(bigger, old, *cap * elem);
		spare = spare_of(unit, *cap * elem);
		if (spare) {
			*(void **)old = *spare;
			*spare = old;
		}
	}
	*cap = new_cap;
	return bigger;
}

/* Grow an arena array of @elem-sized items to hold @need of them; most
 * calls find the room there. */
static inline void *grow(struct ir_unit *unit, void *old, unsigned int *cap,
			 unsigned int need, size_t elem)
{
	return need <= *cap ? old : grow_array(unit, old, cap, need, elem);
}

struct ir_unit *ir_unit_new(const char *file)
{
	struct ir_unit *unit = calloc(1, sizeof(*unit));

	if (!unit)
		pc_out_of_memory();
	unit->file = ir_strdup(unit, file);
	return unit;
}

void ir_unit_free(struct ir_unit *unit)
{
	struct ir_arena *a, *next;

	if (!unit)
		return;
	for (a = unit->arena; a; a = next) {
		next = a->next;
		free(a);
	}
	free(unit);
}

void ir_unit_add_flag(struct ir_unit *unit, const char *name, uint64_t value)
{
	struct ir_flag *flags = alloc(unit, (unit->nr_flags + 1) * sizeof(*flags));

	if (unit->nr_flags)
		memcpy(flags, unit->flags, unit->nr_flags * sizeof(*flags));
	flags[unit->nr_flags].name = ir_strdup(unit, name);
	flags[unit->nr_flags].value = value;
	unit->flags = flags;
	unit->nr_flags++;
}

struct ir_func *ir_func_new(struct ir_unit *unit, const char *name,
			    struct diag_loc loc, unsigned int nr_params)
{
	struct ir_func *func = alloc(unit, sizeof(*func));

	func->unit = unit;
	func->name = ir_strdup(unit, name);
	func->loc = loc;
	func->loc.file = ir_strdup(unit, loc.file);
	func->nr_params = nr_params;
	func->params = alloc(unit, (nr_params + 1) * sizeof(*func->params));
	unit->funcs = grow(unit, unit->funcs, &unit->cap_funcs,
			   unit->nr_funcs + 1, sizeof(*unit->funcs));
	unit->funcs[unit->nr_funcs++] = func;
	return func;
}

/*
 * Declare @name, a function the unit calls, with the annotations of its
 * prototype: the return value's (@ret) and each parameter's (@params,
 * PROV_NONE where there is none; NULL for none at all).  `void f(struct
 * page * __must_kmap page);` in a header speaks for every call to f.  A
 * declaration has no blocks.  Nothing is declared, and NULL returned,
 * when the unit already has a function of that name: its definition, or
 * an earlier declaration, which the engine would find first anyway.
 */
struct ir_func *ir_declare(struct ir_unit *unit, const char *name, struct diag_loc loc,
			   enum prov_state ret, const enum prov_state *params,
			   unsigned int nr_params)
{
	struct ir_func *decl;
	unsigned int i;

	if (!name)
		return NULL;
	for (i = 0; i < unit->nr_funcs; i++)
		if (!strcmp(unit->funcs[i]->name, name))
			return NULL;
	decl = ir_func_new(unit, name, loc, nr_params);
	decl->ret_annotation = ret;
	for (i = 0; params && i < nr_params; i++)
		decl->params[i].annotation = params[i];
	return decl;
}

void ir_func_add_role(struct ir_func *func, const char *role)
{
	const char **roles;
	unsigned int i;

	for (i = 0; i < func->nr_roles; i++)
		if (!strcmp(func->roles[i], role))
			return;
	roles = alloc(func->unit, (func->nr_roles + 1) * sizeof(*roles));
	if (func->nr_roles)
		memcpy(roles, func->roles, func->nr_roles * sizeof(*roles));
	roles[func->nr_roles++] = ir_strdup(func->unit, role);
	func->roles = roles;
}

/* @function plays the role @record.@member, as far as the unit says. */
void ir_roles_add(struct ir_roles *roles, const char *function, const char *record,
		  const char *member)
{
	size_t len = strlen(record) + strlen(member) + 2;
	struct ir_role *r;

	if (roles->nr == roles->cap) {
		roles->cap = roles->cap ? roles->cap * 2 : 64;
		roles->roles = pc_xrealloc(roles->roles, roles->cap * sizeof(*roles->roles));
	}
	r = &roles->roles[roles->nr++];
	r->function = strcpy(pc_xcalloc(strlen(function) + 1, 1), function);
	r->name = pc_xcalloc(len, 1);
	snprintf(r->name, len, "%s.%s", record, member);
}

/* Each function of @unit gets the roles it plays, in the order found. */
void ir_roles_assign(const struct ir_roles *roles, struct ir_unit *unit)
{
	unsigned int i, r;

	for (i = 0; i < unit->nr_funcs; i++)
		for (r = 0; r < roles->nr; r++)
			if (!strcmp(roles->roles[r].function, unit->funcs[i]->name))
				ir_func_add_role(unit->funcs[i], roles->roles[r].name);
}

void ir_roles_clear(struct ir_roles *roles)
{
	unsigned int i;

	for (i = 0; i < roles->nr; i++) {
		free(roles->roles[i].function);
		free(roles->roles[i].name);
	}
	free(roles->roles);
	memset(roles, 0, sizeof(*roles));
}

int ir_block_new(struct ir_func *func)
{
	func->blocks = grow(func->unit, func->blocks, &func->cap_blocks,
			    func->nr_blocks + 1, sizeof(*func->blocks));
	func->blocks[func->nr_blocks] = alloc(func->unit, sizeof(struct ir_block));
	return func->nr_blocks++;
}

int ir_value_new(struct ir_func *func, const char *name)
{
	func->value_names = grow(func->unit, func->value_names, &func->cap_values,
				 func->nr_values + 1, sizeof(*func->value_names));
	func->value_names[func->nr_values] = ir_strdup(func->unit, name);
	return func->nr_values++;
}

int ir_frame_new(struct ir_func *func, const char *function, int parent)
{
	func->frames = grow(func->unit, func->frames, &func->cap_frames,
			    func->nr_frames + 1, sizeof(*func->frames));
	func->frames[func->nr_frames].function = ir_strdup(func->unit, function);
	func->frames[func->nr_frames].parent = parent;
	return func->nr_frames++;
}

struct ir_insn *ir_emit(struct ir_func *func, int block, enum ir_op op,
			struct diag_loc loc)
{
	struct ir_block *b = func->blocks[block];
	struct ir_insn *insn = alloc(func->unit, sizeof(*insn));

	insn->op = op;
	insn->value = IR_NONE;
	insn->frame = IR_NONE;
	insn->loc = loc;
	b->insns = grow(func->unit, b->insns, &b->cap_insns, b->nr_insns + 1,
			sizeof(*b->insns));
	b->insns[b->nr_insns++] = insn;
	return insn;
}

void ir_set_operands(struct ir_func *func, struct ir_insn *insn,
		     const int *operands, unsigned int nr)
{
	insn->operands = alloc(func->unit, (nr + 1) * sizeof(int));
	if (nr)
		memcpy(insn->operands, operands, nr * sizeof(int));
	insn->nr_operands = nr;
}

static void append_int(struct ir_unit *unit, int **array, unsigned int *nr, int v)
{
	int *bigger = alloc(unit, (*nr + 1) * sizeof(int));
	unsigned int i;

	for (i = 0; i < *nr; i++) {
		if ((*array)[i] == v)
			return;
		bigger[i] = (*array)[i];
	}
	bigger[(*nr)++] = v;
	*array = bigger;
}

void ir_add_succ(struct ir_func *func, int block, int succ)
{
	struct ir_block *b = func->blocks[block];

	append_int(func->unit, &b->succs, &b->nr_succs, succ);
}

static bool value_ok(const struct ir_func *func, int v)
{
	return v == IR_NONE || (v >= 0 && (unsigned int)v < func->nr_values);
}

static int insn_problem(const struct ir_func *func, const struct ir_block *b,
			const struct ir_insn *insn, unsigned char *defined,
			char *why, size_t size)
{
	unsigned int k;

	if ((unsigned int)insn->op >= IR_OP_COUNT)
		return snprintf(why, size, "an instruction with op %d", (int)insn->op);
	for (k = 0; k < insn->nr_operands; k++)
		if (!value_ok(func, insn->operands[k]))
			return snprintf(why, size, "%s: operand %u is value %d of %u",
					ir_op_name(insn->op), k, insn->operands[k],
					func->nr_values);
	if (!value_ok(func, insn->value))
		return snprintf(why, size, "%s defines value %d of %u",
				ir_op_name(insn->op), insn->value, func->nr_values);
	if (insn->value != IR_NONE && defined[insn->value]++)
		return snprintf(why, size, "value %d is defined twice", insn->value);
	if (insn->frame != IR_NONE &&
	    (insn->frame < 0 || (unsigned int)insn->frame >= func->nr_frames))
		return snprintf(why, size, "%s in frame %d of %u", ir_op_name(insn->op),
				insn->frame, func->nr_frames);
	if ((insn->op == IR_LOAD || insn->op == IR_AND_CONST || insn->op == IR_EQ_CONST ||
	     insn->op == IR_NOT || insn->op == IR_BR) && insn->nr_operands < 1)
		return snprintf(why, size, "%s without an operand", ir_op_name(insn->op));
	if (insn->op == IR_STORE && insn->nr_operands < 2)
		return snprintf(why, size, "store without two operands");
	for (k = 0; insn->operand_blocks && k < insn->nr_operands; k++)
		if (insn->operand_blocks[k] != IR_NONE &&
		    (insn->operand_blocks[k] < 0 ||
		     (unsigned int)insn->operand_blocks[k] >= func->nr_blocks))
			return snprintf(why, size, "phi operand %u from block %d of %u", k,
					insn->operand_blocks[k], func->nr_blocks);
	for (k = 0; k < insn->nr_cases; k++)
		if (insn->cases[k].succ >= b->nr_succs)
			return snprintf(why, size, "switch case to successor %u of %u",
					insn->cases[k].succ, b->nr_succs);
	return 0;
}

/*
 * Whether @func keeps the IR's rules, which the engine relies on: every
 * operand and definition a value of the function (or IR_NONE), each value
 * defined once, successors, switch cases, phi predecessors and frames in
 * range, a frame's
 * parent made before it, and instructions with the operands their op
 * reads.  Returns 0, or non-zero with the first problem in @why.
 */
int ir_verify(const struct ir_func *func, char *why, size_t size)
{
	unsigned char *defined = calloc(func->nr_values + 1, 1);
	unsigned int i, j;
	int bad = 0;

	if (!defined)
		return snprintf(why, size, "out of memory");
	for (i = 0; i < func->nr_frames && !bad; i++)
		if (func->frames[i].parent != IR_NONE &&
		    (func->frames[i].parent < 0 || (unsigned int)func->frames[i].parent >= i))
			bad = snprintf(why, size, "frame %u has parent %d", i,
				       func->frames[i].parent);
	for (i = 0; i < func->nr_blocks && !bad; i++) {
		const struct ir_block *b = func->blocks[i];

		for (j = 0; j < b->nr_succs && !bad; j++)
			if (b->succs[j] < 0 || (unsigned int)b->succs[j] >= func->nr_blocks)
				bad = snprintf(why, size, "block %u: successor %d of %u", i,
					       b->succs[j], func->nr_blocks);
		for (j = 0; j < b->nr_insns && !bad; j++)
			bad = insn_problem(func, b, b->insns[j], defined, why, size);
	}
	free(defined);
	return bad;
}

/* Check the function and compute predecessors once all edges are known.
 * A front end that built a malformed function is stopped here, with what
 * is wrong, rather than crashing the engine later. */
void ir_func_finish(struct ir_func *func)
{
	char why[256];
	unsigned int i, j;

	if (ir_verify(func, why, sizeof(why))) {
		fprintf(stderr, "physcheck: internal error: malformed IR for %s(): %s\n",
			func->name, why);
		abort();
	}

	for (i = 0; i < func->nr_blocks; i++)
		func->blocks[i]->nr_preds = 0;
	for (i = 0; i < func->nr_blocks; i++) {
		struct ir_block *b = func->blocks[i];

		for (j = 0; j < b->nr_succs; j++) {
			struct ir_block *s = func->blocks[b->succs[j]];

			append_int(func->unit, &s->preds, &s->nr_preds, (int)i);
		}
	}
}

/*
 * A case of the switch @sw that ends @block: values [low, high], or the
 * default, go to block @target, which becomes a successor if it is not
 * one yet.
 */
void ir_add_case(struct ir_func *func, int block, struct ir_insn *sw,
		 int64_t low, int64_t high, int target, bool deflt)
{
	struct ir_block *b = func->blocks[block];
	struct ir_case *c;
	unsigned int k;

	ir_add_succ(func, block, target);
	for (k = 0; k < b->nr_succs && b->succs[k] != target; k++)
		;
	sw->cases = grow(func->unit, sw->cases, &sw->cap_cases, sw->nr_cases + 1,
			 sizeof(*c));
	c = &sw->cases[sw->nr_cases++];
	c->low = low;
	c->high = high;
	c->succ = k;
	c->deflt = deflt;
}

void ir_path_init(struct ir_path *path)
{
	path->text[0] = '\0';
}

/* Append ".name" (just "name" to an empty path); returns the mark to go
 * back to.  A name that does not fit whole is cut short. */
size_t ir_path_add(struct ir_path *path, const char *name)
{
	size_t len = strlen(path->text), room, n;
	char *p = path->text + len;

	/* no snprintf: the lowering adds a name for each member it passes */
	if (len + 1 >= sizeof(path->text))
		return len;
	room = sizeof(path->text) - len - 1;
	if (len && room) {
		*p++ = '.';
		room--;
	}
	n = strlen(name);
	if (n > room)
		n = room;
	memcpy(p, name, n);
	p[n] = '\0';
	return len;
}

void ir_path_back(struct ir_path *path, size_t mark)
{
	if (mark < sizeof(path->text))
		path->text[mark] = '\0';
}

/*
 * Name the field an IR_LOAD or IR_STORE reads or writes, so the model can
 * speak of it: "@record.@member" of the innermost struct, and @path from
 * the outermost object's type when it says more than that.  A global
 * variable is named by itself (@record NULL, @member its name); with no
 * @member the field is unnamed.
 */
void ir_name_field(struct ir_func *func, struct ir_insn *insn, const char *record,
		   const char *member, const struct ir_path *path)
{
	char name[IR_FIELD_MAX];

	insn->name = insn->path = NULL;
	if (!member)
		return;
	if (record) {
		size_t r = strlen(record), m = strlen(member);

		/* "record.member", cut short as snprintf would cut it */
		if (r > sizeof(name) - 1)
			r = sizeof(name) - 1;
		memcpy(name, record, r);
		if (r < sizeof(name) - 1)
			name[r++] = '.';
		if (m > sizeof(name) - 1 - r)
			m = sizeof(name) - 1 - r;
		memcpy(name + r, member, m);
		name[r + m] = '\0';
		insn->name = ir_strdup(func->unit, name);
	} else {
		insn->name = ir_strdup(func->unit, member);
	}
	if (path && path->text[0] && strcmp(path->text, insn->name))
		insn->path = ir_strdup(func->unit, path->text);
}

/*
 * `x == K` (@equal) or `x != K` in @block, with @operand the value of x:
 * the shapes through which the engine sees guards.  `x == 0` is !x and
 * `x != 0` is x itself (a copy); any other K is an IR_EQ_CONST, and its
 * negation for `!=`.  Returns the last instruction, whose value the front
 * end sets to the comparison's result.
 */
struct ir_insn *ir_compare_const(struct ir_func *func, int block, int operand,
				 int64_t constant, bool equal, struct diag_loc loc)
{
	struct ir_insn *insn;

	if (!constant) {
		insn = ir_emit(func, block, equal ? IR_NOT : IR_ARITH, loc);
		ir_set_operands(func, insn, &operand, 1);
		return insn;
	}
	insn = ir_emit(func, block, IR_EQ_CONST, loc);
	ir_set_operands(func, insn, &operand, 1);
	insn->constant = constant;
	if (equal)
		return insn;
	insn->value = ir_value_new(func, NULL);
	operand = insn->value;
	insn = ir_emit(func, block, IR_NOT, loc);
	ir_set_operands(func, insn, &operand, 1);
	return insn;
}

static const char *const op_names[IR_OP_COUNT] = {
	[IR_PARAM] = "param", [IR_CONST] = "const", [IR_OPAQUE] = "opaque",
	[IR_ARITH] = "arith", [IR_PHI] = "phi", [IR_LOAD] = "load",
	[IR_STORE] = "store", [IR_CALL] = "call", [IR_NOT] = "not",
	[IR_AND_CONST] = "and", [IR_EQ_CONST] = "eq", [IR_BR] = "br", [IR_JMP] = "jmp",
	[IR_SWITCH] = "switch", [IR_RET] = "ret",
};

const char *ir_op_name(enum ir_op op)
{
	return op < IR_OP_COUNT ? op_names[op] : "?";
}

/* A readable listing, for PHYSCHECK_DUMP_IR and for debugging lowering. */
void ir_dump(const struct ir_func *func, void *file)
{
	FILE *f = file;
	unsigned int b, i, k;

	fprintf(f, "function %s (%u params)\n", func->name, func->nr_params);
	for (i = 0; i < func->nr_roles; i++)
		fprintf(f, "  role %s\n", func->roles[i]);
	for (b = 0; b < func->nr_blocks; b++) {
		const struct ir_block *blk = func->blocks[b];

		fprintf(f, " .B%u:", b);
		for (k = 0; k < blk->nr_preds; k++)
			fprintf(f, " <-B%d", blk->preds[k]);
		fputc('\n', f);
		for (i = 0; i < blk->nr_insns; i++) {
			const struct ir_insn *insn = blk->insns[i];

			fprintf(f, "\t");
			if (insn->value != IR_NONE)
				fprintf(f, "%%%d = ", insn->value);
			fprintf(f, "%s%s", ir_op_name(insn->op),
				insn->inlined ? "(inlined)" : "");
			if (insn->name)
				fprintf(f, " %s", insn->name);
			if (insn->local)
				fprintf(f, " (local)");
			if (insn->path)
				fprintf(f, " (%s)", insn->path);
			for (k = 0; k < insn->nr_operands; k++)
				fprintf(f, " %%%d", insn->operands[k]);
			if (insn->op == IR_CONST || insn->op == IR_AND_CONST ||
			    insn->op == IR_EQ_CONST)
				fprintf(f, " $%lld", (long long)insn->constant);
			if (insn->op == IR_PARAM)
				fprintf(f, " #%u", insn->index);
			for (k = 0; k < insn->nr_cases; k++)
				if (insn->cases[k].deflt)
					fprintf(f, " default:B%d",
						blk->succs[insn->cases[k].succ]);
				else
					fprintf(f, " %lld..%lld:B%d",
						(long long)insn->cases[k].low,
						(long long)insn->cases[k].high,
						blk->succs[insn->cases[k].succ]);
			if (insn->frame != IR_NONE)
				fprintf(f, "  [in %s]", func->frames[insn->frame].function);
			fprintf(f, "  @%d:%d\n", insn->loc.line, insn->loc.col);
		}
		if (blk->nr_succs) {
			fprintf(f, "\t->");
			for (k = 0; k < blk->nr_succs; k++)
				fprintf(f, " B%d", blk->succs[k]);
			fputc('\n', f);
		}
	}
}

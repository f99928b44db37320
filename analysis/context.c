// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's index of functions by name, and where things are: which
 * block an instruction is in, which file a location is in.
 */
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "strhash.h"
#include "xalloc.h"

void engine_index_funcs(struct unit_ctx *u)
{
	unsigned int i;

	u->hash_size = 16;
	while (u->hash_size < u->unit->nr_funcs * 2)
		u->hash_size *= 2;
	u->func_hash = pc_xcalloc(u->hash_size, sizeof(int));
	for (i = 0; i < u->hash_size; i++)
		u->func_hash[i] = -1;
	for (i = 0; i < u->unit->nr_funcs; i++) {
		unsigned int h = pc_hash_string(u->unit->funcs[i]->name) & (u->hash_size - 1);

		while (u->func_hash[h] >= 0)
			h = (h + 1) & (u->hash_size - 1);
		u->func_hash[h] = (int)i;
	}
}

int engine_find_func(const struct unit_ctx *u, const char *name)
{
	unsigned int h;

	if (!name)
		return -1;
	h = pc_hash_string(name) & (u->hash_size - 1);
	for (; u->func_hash[h] >= 0; h = (h + 1) & (u->hash_size - 1))
		if (!strcmp(u->unit->funcs[u->func_hash[h]]->name, name))
			return u->func_hash[h];
	return -1;
}

/* The block @insn is in (or the instruction it is a copy of, as the
 * __va() shape taken for a call). */
int engine_block_of(const struct func_ctx *f, const struct ir_insn *insn)
{
	unsigned int b, i;

	if (insn->value >= 0 && insn->value < (int)f->func->nr_values)
		return f->def_block[insn->value];
	for (b = 0; b < f->func->nr_blocks; b++)
		for (i = 0; i < f->func->blocks[b]->nr_insns; i++)
			if (f->func->blocks[b]->insns[i] == insn)
				return (int)b;
	return IR_NONE;
}

bool engine_in_checked_file(const struct unit_ctx *u, struct diag_loc loc)
{
	return loc.file && u->unit->file && !strcmp(loc.file, u->unit->file);
}

/* A larger array of @n elements of @size for @old's @old_n, the rest zero. */
static void *grow(void *old, size_t old_n, size_t n, size_t size)
{
	char *p = pc_xrealloc(old, n * size);

	memset(p + old_n * size, 0, (n - old_n) * size);
	return p;
}

/*
 * @name, called here and defined in another unit that the database knows:
 * a declaration of it in the unit, with the database's summary as its
 * own.  Returns its index, or -1.  Only the arrays by function move, so
 * callers hold no pointer into them across this (analyse() does not).
 */
int engine_declare_extern(struct unit_ctx *u, const char *name)
{
	const struct summary *known;
	unsigned int n, nr_params;
	struct ir_func *decl;

	/* where the model speaks for a function, it wins: dma_map_phys()
	 * takes a phys that may be MMIO when its attrs say which it is */
	if (!u->io.db || engine_models_call(u->model, name) ||
	    model_has_any(u->model, name, 1u << MODEL_PARAM | 1u << MODEL_ATTRS) ||
	    !(known = fact_db_summary(u->io.db, name, &nr_params)))
		return -1;
	decl = ir_declare(u->unit, name, (struct diag_loc){ NULL, 0, 0, 0 }, PROV_NONE,
			  NULL, nr_params);
	if (!decl)
		return -1;
	n = u->unit->nr_funcs;
	u->summaries = grow(u->summaries, n - 1, n, sizeof(*u->summaries));
	u->defined = grow(u->defined, n, n + 1, sizeof(*u->defined));
	u->callers = grow(u->callers, n, n + 1, sizeof(*u->callers));
	u->noted = grow(u->noted, n, n + 1, sizeof(*u->noted));
	u->stale = grow(u->stale, n, n + 1, sizeof(*u->stale));
	u->summaries[n - 1] = *known;
	/* the database owns what the summary points to */
	u->summaries[n - 1].passes = NULL;
	u->summaries[n - 1].nr_passes = 0;
	u->summaries[n - 1].deferred = NULL;
	u->summaries[n - 1].nr_deferred = 0;
	u->from_db = grow(u->from_db, n, n + 1, sizeof(*u->from_db));
	u->from_db[n - 1] = true;
	free(u->func_hash);
	engine_index_funcs(u);
	return (int)n - 1;
}

/*
 * The object of the phi @v: a phi whose every incoming value is one
 * object, or the phi itself, is that object (GCC carries the loop's
 * `bvec = &iter_all.bv` around bio_for_each_segment_all()'s loop in one).
 */
int engine_object_through_phis(const struct func_ctx *f, int v)
{
	const struct ir_insn *def;
	unsigned int k, depth = 0;
	int one, in;

	while (v != IR_NONE && v < (int)f->func->nr_values && depth++ < 4 &&
	       (def = f->def[v]) && def->op == IR_PHI) {
		one = IR_NONE;
		for (k = 0; k < def->nr_operands; k++) {
			in = def->operands[k] == IR_NONE ? IR_NONE :
			     engine_cast_root(f, def->operands[k]);
			if (in == IR_NONE || in == v)
				continue;
			if (one != IR_NONE && one != in)
				return v;
			one = in;
		}
		if (one == IR_NONE)
			return v;
		v = one;
	}
	return v;
}

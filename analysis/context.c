// SPDX-License-Identifier: GPL-2.0
/*
 * The unit's index of functions by name, and where things are: which
 * block an instruction is in, which file a location is in.
 */
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

// SPDX-License-Identifier: GPL-2.0
/*
 * include/physcheck.h's annotations, as sparse sees them.
 *
 * Under __CHECKER__ the header writes __attribute__((physcheck_kmappable))
 * and ((physcheck_mmio)).  sparse keeps no unknown attribute, so physcheck
 * registers these two as attribute keywords of its own, which record a
 * modifier bit on the declaration; a plain `sparse` run ignores them.  The
 * bits are ones sparse 0.6.4 leaves unused (symbol.h says so).
 */
#include "annotations.h"
#include "parse.h"
#include "symbol.h"
#include "token.h"

#define MOD_PHYS_KMAP	0x00040000UL
#define MOD_PHYS_MMIO	0x00080000UL

#if (MOD_PHYS_KMAP | MOD_PHYS_MMIO) & \
	(MOD_GNU_INLINE | MOD_USERTYPE | MOD_UNUSED | MOD_ACCESS | MOD_STORAGE)
#error "sparse now uses physcheck's modifier bits: pick others"
#endif

static unsigned int annotations_parsed;

static struct token *mark_declaration(struct token *token, struct symbol *attr,
				      struct decl_state *ctx)
{
	ctx->ctype.modifiers |= attr->ctype.modifiers;
	annotations_parsed++;
	return token;
}

/* How many annotations the parser met since the last call: in a file just parsed. */
unsigned int annotations_taken(void)
{
	unsigned int n = annotations_parsed;

	annotations_parsed = 0;
	return n;
}

static struct symbol_op annotation_op = {
	.attribute = mark_declaration,
};

static void add_keyword(const char *name, unsigned long mod)
{
	struct symbol *sym = create_symbol(0, name, SYM_KEYWORD, NS_KEYWORD);

	sym->ident->keyword = 1;
	sym->ctype.modifiers = mod;
	sym->op = &annotation_op;
}

void annotations_register(void)
{
	add_keyword("physcheck_kmappable", MOD_PHYS_KMAP);
	add_keyword("physcheck_mmio", MOD_PHYS_MMIO);
}

static enum prov_state from_modifiers(unsigned long mods)
{
	if (mods & MOD_PHYS_MMIO)
		return PROV_MMIO;
	if (mods & MOD_PHYS_KMAP)
		return PROV_KMAP;
	return PROV_NONE;
}

/* A declaration's annotation, from itself or its typedefs. */
enum prov_state annotation_of(struct symbol *sym)
{
	unsigned int depth;

	for (depth = 0; sym && depth < 16; depth++) {
		enum prov_state s = from_modifiers(sym->ctype.modifiers);

		if (s != PROV_NONE)
			return s;
		if (sym->type != SYM_NODE)
			break;
		sym = sym->ctype.base_type;
	}
	return PROV_NONE;
}

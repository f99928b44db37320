// SPDX-License-Identifier: GPL-2.0
/*
 * sparse's own checks, compiled from Debian's sparse source.
 *
 * physcheck replaces `sparse` as kbuild's CHECK, so it must print exactly
 * what sparse prints.  Rather than re-implement sparse.c's checks (and
 * drift from them), this file compiles that very sparse.c, renaming its
 * main(), and exposes its static per-function checks to physcheck's own
 * loop.  The sparse source directory is on the include path; see Makefile.
 */
#define main sparse_builtin_main
#include "sparse.c"
#undef main

#include "sparse_builtin.h"

/*
 * Sparse's check_symbols(), with a hook: every linearized function goes
 * through sparse's checks first, then to @analyse, so each function is
 * expanded and linearized once for both.
 */
void sparse_builtin_check_symbols(struct symbol_list *list,
				  void (*analyse)(struct entrypoint *ep))
{
	struct symbol *sym;

	FOR_EACH_PTR(list, sym) {
		struct entrypoint *ep;

		expand_symbol(sym);
		ep = linearize_symbol(sym);
		if (ep && ep->entry) {
			if (dbg_entry)
				show_entry(ep);
			check_context(ep);
			if (analyse)
				analyse(ep);
		}
		if (dbg_compound)
			list_compound_symbol(sym);
	} END_FOR_EACH_PTR(sym);
}

/* sparse exits 1 here under -Wsparse-error; physcheck keeps that contract. */
bool sparse_builtin_must_fail(void)
{
	return Wsparse_error && die_if_error;
}

const char *sparse_builtin_version(void)
{
	return sparse_version;
}

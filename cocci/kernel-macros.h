/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel macros spatch's own builtins (standard.h) lack and that break its
 * parse of whole functions.  physcheck-convert appends these to spatch's
 * builtins and hands the result to --macro-file-builtins.
 *
 * The scope-based cleanup attribute, `struct foo *p __free(kfree) = ...`
 * (linux/cleanup.h, 6.5 on): spatch 1.1.1 takes `__free(kfree)` for a
 * declarator and promotes kfree to a type name, after which every
 * `kfree(x);` in the file is a declaration it cannot parse, and the
 * functions around them are skipped.  Nothing to convert hides in it.
 */
#define __free(func)

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The registry of checks: one line each, in the order --list-checks, the
 * README and the gate show them.  CHECK(ID, DEF): ID names the check in
 * code (enum check_id's CHECK_ID), DEF is the struct check_def that
 * analysis/checks/DEF.c defines with the check's name, help, default and
 * engine hooks.  This list is included where the enum, the table and the
 * declarations are made, so a new check is one line here and its file.
 */
CHECK(MMIO, phys_mmio)
CHECK(KMAP, phys_kmap)
CHECK(REQUIRES, phys_requires)
CHECK(ANNOTATION, phys_annotation)
CHECK(ATTR, phys_attr)
CHECK(INCOMPLETE, phys_incomplete)

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PHYSCHECK_UNIT_H
#define PHYSCHECK_UNIT_H

#include "lib.h"
#include "linearize.h"
#include "model.h"

void unit_begin(const char *file, const struct model *model);
void unit_roles(struct symbol_list *list);
void unit_prepare(struct entrypoint *ep);
void unit_lower(struct entrypoint *ep);
struct fact_db;
void unit_set_facts(const struct fact_db *db, const char *dir);
bool unit_end(void);

#endif /* PHYSCHECK_UNIT_H */

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PHYSCHECK_SPARSE_BUILTIN_H
#define PHYSCHECK_SPARSE_BUILTIN_H

#include <stdbool.h>

#include "lib.h"
#include "linearize.h"

void sparse_builtin_check_symbols(struct symbol_list *list,
				  void (*analyse)(struct entrypoint *ep));
bool sparse_builtin_must_fail(void);
const char *sparse_builtin_version(void);

#endif /* PHYSCHECK_SPARSE_BUILTIN_H */

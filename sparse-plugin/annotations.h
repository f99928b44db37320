/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PHYSCHECK_ANNOTATIONS_H
#define PHYSCHECK_ANNOTATIONS_H

#include "lib.h"
#include "lattice.h"

void annotations_register(void);
enum prov_state annotation_of(struct symbol *sym);
unsigned int annotations_taken(void);

#endif /* PHYSCHECK_ANNOTATIONS_H */

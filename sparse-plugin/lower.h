/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PHYSCHECK_LOWER_H
#define PHYSCHECK_LOWER_H

#include "lib.h"
#include "linearize.h"

#include "engine.h"
#include "ir.h"

void lower_entrypoint(struct ir_unit *unit, const struct model *model,
		      struct entrypoint *ep);
void lower_track_markers(struct entrypoint *ep);
void lower_rescue_markers(struct entrypoint *ep);
void lower_declarations(struct ir_unit *unit);
void lower_unit_done(void);

#endif /* PHYSCHECK_LOWER_H */

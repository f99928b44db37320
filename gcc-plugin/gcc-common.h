/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows which gcc physcheck_plugin is built against.
 * Everything version-dependent goes here, behind a name of our own, so the
 * plugin itself reads the same on gcc 12 and later.
 */
#ifndef PHYSCHECK_GCC_COMMON_H
#define PHYSCHECK_GCC_COMMON_H

#include "gcc-plugin.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "backend.h"
#include "tree.h"
#include "gimple.h"
#include "tree-pass.h"
#include "context.h"
#include "ssa.h"
#include "cgraph.h"
#include "gimple-iterator.h"
#include "tree-cfg.h"
#include "tree-dfa.h"
#include "ggc.h"
#include "gtype-desc.h"
/* c-common.h must precede diagnostic-core.h for the C format checking */
#include "c-family/c-common.h"
#include "stringpool.h"
#include "attribs.h"
#include "diagnostic-core.h"
#include "cpplib.h"
#include "c-family/c-pragma.h"	/* parse_in: the C preprocessor */

#if BUILDING_GCC_VERSION < 12000
#error "physcheck_plugin needs gcc 12 or later"
#endif

/*
 * attribute_spec gained no field between 12 and 13; gcc 14 keeps the same
 * positional layout for plugins.  One initializer macro keeps the table
 * readable whatever the version.
 */
#define PHYSCHECK_ATTRIBUTE(name, handler)				\
	{ name, 0, 0, false, false, false, false, handler, NULL }

/*
 * opt_pass members are virtual; gcc 14 marks its own overrides `final
 * override`, earlier ones only `virtual`.  Plain `override` suits both.
 */
#define PHYSCHECK_OVERRIDE override

/*
 * A GIMPLE pass that only reads: no properties provided or destroyed, no
 * TODOs, so the pass manager schedules nothing extra around it and the
 * generated code cannot change because it ran.
 */
#define PHYSCHECK_GIMPLE_PASS_DATA(name)				\
	{								\
		GIMPLE_PASS, name, OPTGROUP_NONE, TV_NONE,		\
		PROP_cfg | PROP_ssa, 0, 0, 0, 0			\
	}

/* One line of a source file, as the diagnostics machinery caches it
 * (sources.c reads each file once instead; this is its fallback). */
static inline const char *physcheck_gcc_source_line(const char *file, int line,
						    int *len)
{
#if BUILDING_GCC_VERSION >= 14000
	char_span span = global_dc->get_file_cache().get_source_line(file, line);
#else
	char_span span = location_get_source_line(file, line);
#endif
	*len = (int)span.length();
	return span.get_buffer();
}

#endif /* PHYSCHECK_GCC_COMMON_H */

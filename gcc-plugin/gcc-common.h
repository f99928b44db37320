/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place that knows which gcc physcheck_plugin is built against.
 * Everything version-dependent goes here, behind a name of our own, so the
 * plugin itself reads the same on gcc 12 and later.
 */
#ifndef PHYSCHECK_GCC_COMMON_H
#define PHYSCHECK_GCC_COMMON_H

#include "gcc-plugin.h"
#include "plugin-version.h"
#include "config.h"
#include "system.h"
#include "coretypes.h"
#include "tree.h"
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

#endif /* PHYSCHECK_GCC_COMMON_H */

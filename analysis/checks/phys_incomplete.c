// SPDX-License-Identifier: GPL-2.0
/*
 * phys-incomplete: not a finding but a note about the run: a file with
 * an error sparse reported was not analysed in full, so the other checks
 * may have missed something in it.  The front ends raise it; the engine
 * has no hook for it.
 */
#include "check.h"

const struct check_def phys_incomplete = {
	.name = "phys-incomplete",
	.help = "a file with an error sparse reported was not analysed in full",
	.explain = "sparse reported an error in this file (or a header it includes), "
		   "so physcheck analysed only part of it and its other checks may "
		   "have missed findings there. Fix the error, or check the file with "
		   "the flags kbuild builds it with.",
	.default_on = true,
	.finding = false,
};

// SPDX-License-Identifier: GPL-2.0
/* The plugin rejects an annotation on a value that cannot hold a phys. */
#include <physcheck.h>

float __mmio_phys gain;

// SPDX-License-Identifier: GPL-2.0
/* An enumerator is a constant, not a value that carries a phys. */
#include <physcheck.h>

enum bar { BAR_MEM, BAR_IO __mmio_phys };

// SPDX-License-Identifier: GPL-2.0
/* A function's return value must be an integer or a pointer to be kmappable. */
#include <physcheck.h>

struct pair { unsigned long a, b; };

struct pair __kmappable make_pair(void);

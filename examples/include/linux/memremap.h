/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_MEMREMAP_H
#define _LINUX_MEMREMAP_H

/* struct dev_pagemap and enum memory_type live in mm.h in this tree */
#include <linux/mm.h>

#endif /* _LINUX_MEMREMAP_H */

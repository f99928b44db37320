/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The string hash the engine's, the model's and the plugin's name tables
 * share (djb2: short names, few collisions, no state).
 */
#ifndef PHYSCHECK_STRHASH_H
#define PHYSCHECK_STRHASH_H

static inline unsigned int pc_hash_string(const char *s)
{
	unsigned int h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

#endif /* PHYSCHECK_STRHASH_H */

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The string hash the engine's, the model's and the plugin's name tables
 * share.  The engine hashes a call's name on every model lookup, many
 * times per function, so it takes the name eight bytes at a time (a
 * multiply per word and one final mix to spread the high bits over the
 * low ones the tables index by) rather than a multiply per character.
 * Hashes live only in memory: a host's byte order changes nothing.
 */
#ifndef PHYSCHECK_STRHASH_H
#define PHYSCHECK_STRHASH_H

#include <stdint.h>
#include <string.h>

static inline unsigned int pc_hash_string(const char *s)
{
	size_t len = strlen(s);
	uint64_t h = 0x9e3779b97f4a7c15ull ^ len, w;

	for (; len >= 8; len -= 8, s += 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
	}
	w = 0;
	while (len--)
		w = w << 8 | (unsigned char)s[len];
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 29;
	h *= 0xff51afd7ed558ccdull;
	return (unsigned int)(h ^ h >> 32);
}

#endif /* PHYSCHECK_STRHASH_H */

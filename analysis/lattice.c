// SPDX-License-Identifier: GPL-2.0
/*
 * Provenance lattice operations; see lattice.h for the meaning of a state.
 */
#include <string.h>

#include "lattice.h"

struct prov prov_param(unsigned int index)
{
	struct prov p = { PROV_NONE, 0 };

	if (index < PROV_MAX_PARAMS)
		p.params = UINT32_C(1) << index;
	else
		p.state = PROV_MAYBE;	/* beyond tracking: assume the worst */
	return p;
}

struct prov prov_join(struct prov a, struct prov b)
{
	struct prov p = { (uint8_t)(a.state | b.state), a.params | b.params };

	return p;
}

bool prov_equal(struct prov a, struct prov b)
{
	return a.state == b.state && a.params == b.params;
}

bool prov_is_bottom(struct prov p)
{
	return p.state == PROV_NONE && !p.params;
}

bool prov_may_be_mmio(struct prov p)
{
	return p.state & PROV_MMIO;
}

/* Kmappable only when proven so: no MMIO possibility, no open parameter. */
bool prov_is_kmappable(struct prov p)
{
	return p.state == PROV_KMAP && !p.params;
}

/*
 * A guard proved the value is within @proven on this branch.  Parameters
 * it depended on are then settled: the guard, not the caller, answers for
 * them.  A known state outside @proven means the branch cannot be taken
 * with that value; what remains is whatever the parameters contribute.
 */
struct prov prov_refine(struct prov p, enum prov_state proven)
{
	struct prov r = { (uint8_t)(p.state & proven), 0 };

	if (p.params)
		r.state |= proven;
	return r;
}

static const char *const state_names[] = {
	[PROV_NONE]	= "none",
	[PROV_KMAP]	= "kmap",
	[PROV_MMIO]	= "mmio",
	[PROV_MAYBE]	= "maybe",
};

const char *prov_state_name(enum prov_state state)
{
	if ((unsigned int)state >= sizeof(state_names) / sizeof(state_names[0]))
		return "invalid";
	return state_names[state];
}

/* Returns 0 and sets *state for "kmap", "mmio", "maybe"; -1 otherwise. */
int prov_state_parse(const char *word, enum prov_state *state)
{
	static const enum prov_state parsable[] = {
		PROV_KMAP, PROV_MMIO, PROV_MAYBE,
	};
	unsigned int i;

	for (i = 0; i < sizeof(parsable) / sizeof(parsable[0]); i++) {
		if (!strcmp(word, state_names[parsable[i]])) {
			*state = parsable[i];
			return 0;
		}
	}
	return -1;
}

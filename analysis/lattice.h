/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The provenance lattice: what physcheck knows about where a phys, a pfn
 * or a struct page pointer came from.
 *
 * A state is a set of the memory kinds the value may refer to.  Kept as
 * bits so that the join of two paths is a plain OR and MAYBE is exactly
 * "KMAP or MMIO": no case analysis, no ordering table to keep in sync.
 *
 *	NONE	no path reaches here yet (bottom), or an infeasible branch
 *	KMAP	proven kmappable RAM
 *	MMIO	proven MMIO
 *	MAYBE	may be either
 *
 * Beside the state, a value carries the set of the enclosing function's
 * parameters it was derived from and that nothing has proven yet: the
 * "no-information" of an unannotated parameter.  A sink reached by such a
 * value gives the function the summary "parameter N must be kmappable".
 */
#ifndef PHYSCHECK_LATTICE_H
#define PHYSCHECK_LATTICE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum prov_state {
	PROV_NONE	= 0,
	PROV_KMAP	= 1 << 0,
	PROV_MMIO	= 1 << 1,
	PROV_MAYBE	= PROV_KMAP | PROV_MMIO,
};

/* At most this many parameters are tracked per function; more are unknown. */
#define PROV_MAX_PARAMS 32

struct prov {
	uint8_t state;		/* enum prov_state bits */
	uint32_t params;	/* bit n: derived from parameter n + 1 */
};

static inline struct prov prov_make(enum prov_state state)
{
	struct prov p = { (uint8_t)state, 0 };
	return p;
}

struct prov prov_param(unsigned int index);
struct prov prov_join(struct prov a, struct prov b);
bool prov_equal(struct prov a, struct prov b);
bool prov_is_bottom(struct prov p);
bool prov_may_be_mmio(struct prov p);
bool prov_is_kmappable(struct prov p);
struct prov prov_refine(struct prov p, enum prov_state proven);
const char *prov_state_name(enum prov_state state);
int prov_state_parse(const char *word, enum prov_state *state);

#ifdef __cplusplus
}
#endif

#endif /* PHYSCHECK_LATTICE_H */

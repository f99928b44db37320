// SPDX-License-Identifier: GPL-2.0
/* The provenance lattice: joins, refinement by guards, names. */
#include "lattice.h"
#include "tap.h"

static void test_join_table(void)
{
	static const struct {
		enum prov_state a, b, join;
	} rows[] = {
		{ PROV_NONE, PROV_NONE, PROV_NONE },
		{ PROV_NONE, PROV_KMAP, PROV_KMAP },
		{ PROV_KMAP, PROV_KMAP, PROV_KMAP },
		{ PROV_KMAP, PROV_MMIO, PROV_MAYBE },
		{ PROV_MMIO, PROV_NONE, PROV_MMIO },
		{ PROV_MAYBE, PROV_KMAP, PROV_MAYBE },
		{ PROV_MMIO, PROV_MAYBE, PROV_MAYBE },
	};
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct prov ab = prov_join(prov_make(rows[i].a), prov_make(rows[i].b));
		struct prov ba = prov_join(prov_make(rows[i].b), prov_make(rows[i].a));
		char name[96];

		snprintf(name, sizeof(name), "join %s %s is %s, both orders",
			 prov_state_name(rows[i].a), prov_state_name(rows[i].b),
			 prov_state_name(rows[i].join));
		TAP_CHECK(ab.state == rows[i].join && prov_equal(ab, ba), name);
	}
}

static void test_params(void)
{
	struct prov p1 = prov_param(0), p3 = prov_param(2);
	struct prov j = prov_join(p1, prov_join(p3, prov_make(PROV_KMAP)));

	TAP_CHECK(j.params == 0x5 && j.state == PROV_KMAP,
		  "join keeps the parameters a value derives from");
	TAP_CHECK(!prov_is_kmappable(j),
		  "a value with an open parameter is not proven kmappable");
	TAP_CHECK(!prov_may_be_mmio(j),
		  "an open parameter is not by itself MMIO");
	TAP_CHECK(prov_param(PROV_MAX_PARAMS).state == PROV_MAYBE,
		  "a parameter beyond tracking is assumed MAYBE");
	TAP_CHECK(prov_is_bottom(prov_make(PROV_NONE)) && !prov_is_bottom(p1),
		  "only NONE without parameters is bottom");
}

static void test_refine(void)
{
	struct prov maybe = prov_make(PROV_MAYBE);
	struct prov param = prov_param(1);
	struct prov mmio = prov_make(PROV_MMIO);

	TAP_CHECK(prov_is_kmappable(prov_refine(maybe, PROV_KMAP)),
		  "a guard proving KMAP turns MAYBE into KMAP");
	TAP_CHECK(prov_refine(maybe, PROV_MMIO).state == PROV_MMIO,
		  "a guard proving MMIO turns MAYBE into MMIO");
	TAP_CHECK(prov_is_kmappable(prov_refine(param, PROV_KMAP)),
		  "a guard settles an open parameter");
	TAP_CHECK(prov_is_bottom(prov_refine(mmio, PROV_KMAP)),
		  "MMIO on a branch that proves KMAP is infeasible");
}

static void test_names(void)
{
	enum prov_state s = PROV_NONE;

	TAP_CHECK(!prov_state_parse("maybe", &s) && s == PROV_MAYBE,
		  "parse maybe");
	TAP_CHECK(!prov_state_parse("mmio", &s) && s == PROV_MMIO, "parse mmio");
	TAP_CHECK(prov_state_parse("none", &s) == -1,
		  "none is not a state a model may state");
	TAP_CHECK(prov_state_parse("KMAP", &s) == -1, "states are lower case");
	TAP_STR_EQ(prov_state_name(PROV_KMAP), "kmap", "name of KMAP");
}

int main(void)
{
	test_join_table();
	test_params();
	test_refine();
	test_names();
	return tap_done();
}

// SPDX-License-Identifier: GPL-2.0
/*
 * `guard PhysHighMem 1 false kmap weak`, by name: here PhysHighMem() is
 * an out-of-line function (as a HIGHMEM architecture may have it), so no
 * PageHighMem() is visible and only the model line can refine the phys.
 * The false branch is accepted (weak); the true branch, where the phys
 * was not refined, reaches phys_to_virt() as MAYBE: phys-kmap.
 */
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/bvec.h>

#undef PhysHighMem
bool PhysHighMem(phys_addr_t phys);

void tpho_copy(const struct bio_vec *bv, void *to);

void tpho_copy(const struct bio_vec *bv, void *to)
{
	phys_addr_t phys = bvec_phys(bv);

	if (!PhysHighMem(phys))
		memcpy(to, phys_to_virt(phys), bv->bv_len);
	else
		memcpy(to, phys_to_virt(phys), 1); /* expect: phys-kmap */
}

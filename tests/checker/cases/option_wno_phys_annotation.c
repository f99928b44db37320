// SPDX-License-Identifier: GPL-2.0
// args: -Wno-phys-annotation
/*
 * -Wno-phys-annotation turns off the annotation-contradiction check: a
 * __kmappable function returning an sg phys is silent.  Callers still
 * rely on the annotation (it is the author's statement), so mapping its
 * result is clean too; an unrelated sink in the same file still warns.
 */
#include <physcheck.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>

phys_addr_t __kmappable twa_phys(struct scatterlist *sg);
void *twa(struct scatterlist *sg);

phys_addr_t __kmappable twa_phys(struct scatterlist *sg)
{
	return sg_phys(sg);
}

void *twa(struct scatterlist *sg)
{
	phys_to_virt(twa_phys(sg));
	return phys_to_virt(sg_phys(sg)); /* expect: phys-kmap */
}

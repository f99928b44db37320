// SPDX-License-Identifier: GPL-2.0
/*
 * Return summaries: tchr_entry_phys() returns sg_phys() (MAYBE), so its
 * caller's direct-map access is phys-kmap; tchr_regs_phys() returns a BAR
 * (MMIO): phys-mmio; tchr_buf_phys() returns virt_to_phys() (KMAP):
 * clean.  A helper that returns its argument passes the caller's
 * provenance through: a BAR through it is phys-mmio.
 */
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/scatterlist.h>
#include "include_cases/physcheck_cases.h"

void tchr(struct pci_dev *pdev, struct scatterlist *sg, void *buf);

static phys_addr_t tchr_entry_phys(struct scatterlist *sg)
{
	return sg_phys(sg);
}

static phys_addr_t tchr_regs_phys(struct pci_dev *pdev)
{
	return pci_resource_start(pdev, 0) + 0x200;
}

static phys_addr_t tchr_buf_phys(void *buf)
{
	return virt_to_phys(buf);
}

static phys_addr_t tchr_align(phys_addr_t phys)
{
	return phys & PAGE_MASK;
}

void tchr(struct pci_dev *pdev, struct scatterlist *sg, void *buf)
{
	touch(phys_to_virt(tchr_entry_phys(sg))); /* expect: phys-kmap */
	touch(phys_to_virt(tchr_regs_phys(pdev))); /* expect: phys-mmio */
	touch(phys_to_virt(tchr_buf_phys(buf)));
	touch(phys_to_virt(tchr_align(pci_resource_start(pdev, 2)))); /* expect: phys-mmio */
	touch(phys_to_virt(tchr_align(virt_to_phys(buf))));
}

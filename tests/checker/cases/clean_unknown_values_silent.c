// SPDX-License-Identifier: GPL-2.0
/*
 * Clean: values with no information stay silent.  Helpers kmap their
 * unannotated parameters (that only gives them a summary), and callers
 * pass parameters of their own, results of unmodelled functions and
 * loads from unmodelled structs.  The checker reports what it can prove
 * or what the model says may be MMIO, never a guess.  No warning.
 */
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/string.h>

struct tuv_fw {
	phys_addr_t table;
	unsigned long pfn;
};

phys_addr_t tuv_fw_table(void);
void tuv_run(struct tuv_fw *fw, phys_addr_t arg, unsigned long pfn);

static void tuv_zero(phys_addr_t phys)
{
	memset(phys_to_virt(phys), 0, 8);
}

static void tuv_zero_pfn(unsigned long pfn)
{
	void *va = kmap_local_pfn(pfn);

	memset(va, 0, 8);
	kunmap_local(va);
}

void tuv_run(struct tuv_fw *fw, phys_addr_t arg, unsigned long pfn)
{
	tuv_zero(arg);
	tuv_zero(tuv_fw_table());
	tuv_zero(fw->table);
	tuv_zero_pfn(pfn);
	tuv_zero_pfn(fw->pfn);
	tuv_zero_pfn(PHYS_PFN(tuv_fw_table()));
}

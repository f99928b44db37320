// SPDX-License-Identifier: GPL-2.0
/*
 * A parameter annotated __mmio_phys is MMIO inside the function: mapping
 * it through the linear map is phys-mmio, even with no caller in sight.
 * ioremap() of it is the correct access and stays silent.
 */
#include <physcheck.h>
#include <linux/mm.h>
#include <linux/io.h>

u32 tam_peek(phys_addr_t __mmio_phys regs);
u32 tam_read(phys_addr_t __mmio_phys regs);

u32 tam_peek(phys_addr_t __mmio_phys regs)
{
	const u32 *va = phys_to_virt(regs); /* expect: phys-mmio */

	return va[0];
}

u32 tam_read(phys_addr_t __mmio_phys regs)
{
	void __iomem *va = ioremap(regs, 4);
	u32 val = readl(va);

	iounmap(va);
	return val;
}

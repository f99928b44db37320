// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_gpu_p2p: a GPU that exports a window of its VRAM BAR to a peer
 * device (say a NIC) and fills its GART with system RAM pages.
 *
 * VRAM is reached through BAR 2: a CPU physical address of MMIO.  It may
 * be DMA-mapped for a peer, but the CPU may only touch it through
 * ioremap(); the linear map and kmap are cacheable and illegal for it.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

#define TGPU_VRAM_BAR		2
#define TGPU_GART_ENTRIES	512

struct tgpu {
	struct pci_dev *pdev;
	u64 gart[TGPU_GART_ENTRIES];
	unsigned long pfns[TGPU_GART_ENTRIES];
	unsigned int gart_used;
};

/* export a VRAM window to a peer: the old resource API */
static dma_addr_t tgpu_export_window(struct tgpu *gpu, struct device *peer,
				     resource_size_t off, size_t size)
{
	phys_addr_t bar = pci_resource_start(gpu->pdev, TGPU_VRAM_BAR);

	if (off + size > pci_resource_len(gpu->pdev, TGPU_VRAM_BAR))
		return DMA_MAPPING_ERROR;
	return dma_map_resource(peer, bar + off, size, DMA_BIDIRECTIONAL, 0);
}

static void tgpu_unexport_window(struct device *peer, dma_addr_t dma,
				 size_t size)
{
	dma_unmap_resource(peer, dma, size, DMA_BIDIRECTIONAL, 0);
}

/* the same export on the phys API: BAR memory, correctly marked MMIO */
static dma_addr_t tgpu_export_phys(struct tgpu *gpu, struct device *peer,
				   resource_size_t off, size_t size)
{
	phys_addr_t phys = pci_resource_start(gpu->pdev, TGPU_VRAM_BAR) + off;

	return dma_map_phys(peer, phys, size, DMA_BIDIRECTIONAL, DMA_ATTR_MMIO);
}

static void tgpu_unexport_phys(struct device *peer, dma_addr_t dma,
			       size_t size)
{
	dma_unmap_phys(peer, dma, size, DMA_BIDIRECTIONAL, DMA_ATTR_MMIO);
}

/* GART: system RAM pages named by pfn, mapped for the GPU itself */
static int tgpu_gart_bind(struct tgpu *gpu, unsigned int n)
{
	struct device *dev = &gpu->pdev->dev;
	unsigned int i;

	for (i = 0; i < n && i < TGPU_GART_ENTRIES; i++) {
		/* the GART holds raw 64-bit bus addresses */
		gpu->gart[i] = (u64)dma_map_page(dev, pfn_to_page(gpu->pfns[i]), 0,
						 PAGE_SIZE, DMA_BIDIRECTIONAL);
		if (dma_mapping_error(dev, gpu->gart[i]))
			return -ENOMEM;
		gpu->gart_used = i + 1;
	}
	return 0;
}

static void tgpu_gart_unbind(struct tgpu *gpu)
{
	while (gpu->gart_used) {
		gpu->gart_used--;
		dma_unmap_page(&gpu->pdev->dev, gpu->gart[gpu->gart_used],
			       PAGE_SIZE, DMA_BIDIRECTIONAL);
	}
}

/* zero one page by physical address; only RAM may come here */
static void tgpu_clear_page(phys_addr_t phys)
{
	void *va = kmap_local_pfn(PHYS_PFN(phys));

	memset(va, 0, PAGE_SIZE);
	kunmap_local(va);
}

/* BUG: peeks at VRAM through the linear map instead of ioremap() */
static u32 tgpu_vram_peek(struct tgpu *gpu, resource_size_t off)
{
	phys_addr_t bar = pci_resource_start(gpu->pdev, TGPU_VRAM_BAR);
	const u32 *va = phys_to_virt(bar + off); /* expect: phys-mmio */

	return *va;
}

/* BUG: the same mistake through kmap, on the first VRAM page */
static void tgpu_vram_poison(struct tgpu *gpu)
{
	phys_addr_t bar = pci_resource_start(gpu->pdev, TGPU_VRAM_BAR);
	u32 *va = kmap_local_pfn(PHYS_PFN(bar)); /* expect: phys-mmio */

	va[0] = 0xdeadbeef;
	kunmap_local(va);
}

/* the correct way to touch VRAM from the CPU */
static u32 tgpu_vram_read(struct tgpu *gpu, resource_size_t off)
{
	void __iomem *vram;
	u32 val;

	vram = ioremap(pci_resource_start(gpu->pdev, TGPU_VRAM_BAR) + off, 4);
	if (!vram)
		return ~0U;
	val = readl(vram);
	iounmap(vram);
	return val;
}

static int tgpu_scratch_init(struct tgpu *gpu)
{
	struct page *page = alloc_page(GFP_KERNEL);

	if (!page)
		return -ENOMEM;
	/* a page from the page allocator is RAM: fine */
	tgpu_clear_page(page_to_phys(page));

	/* BUG: BAR 0 is registers, and this clears it through kmap */
	tgpu_clear_page(pci_resource_start(gpu->pdev, 0)); /* expect: phys-requires */
	return 0;
}

static int tgpu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct tgpu *gpu;
	dma_addr_t win, win2;
	int ret;

	(void)id;
	gpu = kzalloc(sizeof(*gpu), GFP_KERNEL);
	if (!gpu)
		return -ENOMEM;
	gpu->pdev = pdev;
	pci_set_drvdata(pdev, gpu);
	ret = tgpu_scratch_init(gpu);
	if (ret)
		return ret;
	if (tgpu_vram_read(gpu, 0) == ~0U)
		return -ENODEV;
	if (tgpu_vram_peek(gpu, 0) != 0)
		tgpu_vram_poison(gpu);

	/* self-test: export a window both ways, then bind the GART */
	win = tgpu_export_window(gpu, pdev->dev.parent, 0, PAGE_SIZE);
	win2 = tgpu_export_phys(gpu, pdev->dev.parent, PAGE_SIZE, PAGE_SIZE);
	if (dma_mapping_error(pdev->dev.parent, win) ||
	    dma_mapping_error(pdev->dev.parent, win2))
		return -EIO;
	tgpu_unexport_window(pdev->dev.parent, win, PAGE_SIZE);
	tgpu_unexport_phys(pdev->dev.parent, win2, PAGE_SIZE);

	ret = tgpu_gart_bind(gpu, 1);
	tgpu_gart_unbind(gpu);
	return ret;
}

static const struct pci_device_id tgpu_ids[] = {
	{ PCI_DEVICE(0x1def, 0x0003) },
	{ }
};

static struct pci_driver tgpu_driver = {
	.name		= "tiny_gpu_p2p",
	.id_table	= tgpu_ids,
	.probe		= tgpu_probe,
};
module_pci_driver(tgpu_driver);

MODULE_DESCRIPTION("tiny GPU with a peer-to-peer VRAM window (physcheck example)");
MODULE_LICENSE("GPL");

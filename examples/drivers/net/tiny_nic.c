// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_nic: a descriptor-ring Ethernet controller.
 *
 * TX maps packet data where it lies (kmalloc'd buffers), RX refills the
 * ring from pages the driver allocated itself.  Nothing here can be MMIO,
 * so the conversion to dma_map_phys() needs no DMA_ATTR_MMIO.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/io.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>

#define TNIC_RING_SIZE		64
#define TNIC_REG_TX_TAIL	0x10
#define TNIC_REG_RX_TAIL	0x18
#define TNIC_REG_RING_BASE	0x20

struct tnic_desc {
	u64 addr;
	u32 len;
	u32 flags;
};

struct tnic_tx_buf {
	void *data;
	dma_addr_t dma;
	unsigned int len;
};

struct tnic_priv {
	struct device *dev;
	void __iomem *regs;
	struct tnic_desc *desc;
	struct tnic_tx_buf tx[TNIC_RING_SIZE];
	struct page *pages[TNIC_RING_SIZE];
	dma_addr_t rx_dma[TNIC_RING_SIZE];
	unsigned int tx_head;
	unsigned int tx_tail;
};

/* entry points for subsystem glue that is not part of this example */
int tnic_start_xmit(struct pci_dev *pdev, void *data, unsigned int len);

static int tnic_xmit(struct tnic_priv *priv, void *data, unsigned int len)
{
	unsigned int i = priv->tx_head % TNIC_RING_SIZE;
	struct tnic_tx_buf *buf = &priv->tx[i];

	buf->data = data;
	buf->len = len;
	/* the handle is kept in the ring before it is checked */
	if (unlikely(dma_mapping_error(priv->dev,
			buf->dma = dma_map_page(priv->dev, virt_to_page(data),
						offset_in_page(data), len,
						DMA_TO_DEVICE))))
		return -ENOMEM;

	priv->desc[i].addr = buf->dma;
	priv->desc[i].len = len;
	priv->tx_head++;
	writel(priv->tx_head, priv->regs + TNIC_REG_TX_TAIL);
	return 0;
}

static void tnic_tx_complete(struct tnic_priv *priv)
{
	while (priv->tx_tail != priv->tx_head) {
		struct tnic_tx_buf *buf = &priv->tx[priv->tx_tail % TNIC_RING_SIZE];

		dma_unmap_page(priv->dev, buf->dma, buf->len, DMA_TO_DEVICE);
		kfree(buf->data);
		priv->tx_tail++;
	}
}

static int tnic_rx_refill(struct tnic_priv *priv)
{
	unsigned int i = 0;

	while (i < TNIC_RING_SIZE) {
		dma_addr_t *slot = &priv->rx_dma[i];

		/* i moves on with every page taken from the pool */
		*slot = dma_map_page(priv->dev, priv->pages[i++], 0, PAGE_SIZE,
				     DMA_FROM_DEVICE);
		if (dma_mapping_error(priv->dev, *slot))
			goto unwind;
	}
	writel(i, priv->regs + TNIC_REG_RX_TAIL);
	return 0;

unwind:
	/* slot i - 1 failed to map; release the ones before it */
	for (i--; i > 0; i--)
		dma_unmap_page(priv->dev, priv->rx_dma[i - 1], PAGE_SIZE,
			       DMA_FROM_DEVICE);
	return -ENOMEM;
}

static int tnic_ring_alloc(struct tnic_priv *priv)
{
	struct tnic_desc *desc;
	phys_addr_t phys;

	desc = kcalloc(TNIC_RING_SIZE, sizeof(*desc), GFP_KERNEL);
	if (!desc)
		return -ENOMEM;

	/* this part bypasses the IOMMU and takes the ring by CPU address */
	phys = virt_to_phys(desc);
	writeq(phys, priv->regs + TNIC_REG_RING_BASE);

	/* kmalloc memory is linear-map RAM, so going back is fine */
	priv->desc = phys_to_virt(phys);
	return 0;
}

static int tnic_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct tnic_priv *priv;
	unsigned int i;
	int ret;

	(void)id;
	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = &pdev->dev;
	priv->regs = pci_iomap(pdev, 0, 0);
	if (!priv->regs)
		return -ENOMEM;

	ret = tnic_ring_alloc(priv);
	if (ret)
		return ret;
	for (i = 0; i < TNIC_RING_SIZE; i++) {
		priv->pages[i] = alloc_page(GFP_KERNEL);
		if (!priv->pages[i])
			return -ENOMEM;
	}
	pci_set_drvdata(pdev, priv);
	return tnic_rx_refill(priv);
}

static void tnic_remove(struct pci_dev *pdev)
{
	struct tnic_priv *priv = pci_get_drvdata(pdev);

	tnic_tx_complete(priv);
	pci_iounmap(pdev, priv->regs);
	kfree(priv->desc);
	kfree(priv);
}

/* called from the ndo_start_xmit glue */
int tnic_start_xmit(struct pci_dev *pdev, void *data, unsigned int len)
{
	return tnic_xmit(pci_get_drvdata(pdev), data, len);
}

static const struct pci_device_id tnic_ids[] = {
	{ PCI_DEVICE(0x1def, 0x0001) },
	{ }
};

static struct pci_driver tnic_driver = {
	.name		= "tiny_nic",
	.id_table	= tnic_ids,
	.probe		= tnic_probe,
	.remove		= tnic_remove,
};
module_pci_driver(tnic_driver);

MODULE_DESCRIPTION("tiny descriptor-ring NIC (physcheck example)");
MODULE_LICENSE("GPL");

/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_PCI_H
#define _LINUX_PCI_H

#include <linux/kernel.h>
#include <linux/device.h>
#include <linux/ioport.h>
#include <linux/io.h>
#include <linux/module.h>

#define PCI_STD_NUM_BARS	6
#define PCI_NUM_RESOURCES	11

struct pci_dev {
	struct device	dev;
	unsigned int	devfn;
	unsigned short	vendor;
	unsigned short	device;
	struct resource	resource[PCI_NUM_RESOURCES];
	void		*p2pdma;
};

#define to_pci_dev(n)		container_of(n, struct pci_dev, dev)

/* BAR addresses are CPU physical addresses of device MMIO, never RAM */
#define pci_resource_n(dev, bar)	(&(dev)->resource[(bar)])
#define pci_resource_start(dev, bar)	(pci_resource_n(dev, bar)->start)
#define pci_resource_end(dev, bar)	(pci_resource_n(dev, bar)->end)
#define pci_resource_flags(dev, bar)	(pci_resource_n(dev, bar)->flags)
#define pci_resource_len(dev, bar)					\
	(pci_resource_end((dev), (bar)) ?				\
	 resource_size(pci_resource_n((dev), (bar))) : 0)

int pci_enable_device(struct pci_dev *dev);
void pci_disable_device(struct pci_dev *dev);
void pci_set_master(struct pci_dev *dev);
void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long max);
void pci_iounmap(struct pci_dev *dev, void __iomem *addr);

struct pci_device_id {
	u32 vendor;
	u32 device;
};

#define PCI_DEVICE(vend, dev)	.vendor = (vend), .device = (dev)

struct pci_driver {
	const char *name;
	const struct pci_device_id *id_table;
	int (*probe)(struct pci_dev *dev, const struct pci_device_id *id);
	void (*remove)(struct pci_dev *dev);
};

int pci_register_driver(struct pci_driver *drv);
void pci_unregister_driver(struct pci_driver *drv);

#define module_pci_driver(__pci_driver)					\
static int __init __pci_driver##_init(void)				\
{									\
	return pci_register_driver(&(__pci_driver));			\
}									\
module_init(__pci_driver##_init);					\
static void __exit __pci_driver##_exit(void)				\
{									\
	pci_unregister_driver(&(__pci_driver));				\
}									\
module_exit(__pci_driver##_exit)

static inline void *pci_get_drvdata(struct pci_dev *pdev)
{
	return dev_get_drvdata(&pdev->dev);
}

static inline void pci_set_drvdata(struct pci_dev *pdev, void *data)
{
	dev_set_drvdata(&pdev->dev, data);
}

#endif /* _LINUX_PCI_H */

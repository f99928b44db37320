/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_DEVICE_H
#define _LINUX_DEVICE_H

#include <linux/kernel.h>

struct dma_map_ops;

struct device {
	struct device		*parent;
	const char		*init_name;
	void			*driver_data;
	const struct dma_map_ops *dma_ops;
	u64			*dma_mask;
	u64			coherent_dma_mask;
	void			*iommu;
};

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

__printf(2, 3) void _dev_err(const struct device *dev, const char *fmt, ...);
__printf(2, 3) void _dev_warn(const struct device *dev, const char *fmt, ...);

#define dev_err(dev, fmt, ...)	_dev_err(dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	_dev_warn(dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)	do { (void)(dev); } while (0)

#endif /* _LINUX_DEVICE_H */

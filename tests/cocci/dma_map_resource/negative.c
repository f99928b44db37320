static int resource_user(struct device *dev, struct resource *res)
{
	void __iomem *base = devm_ioremap_resource(dev, res);

	return map_resource(dev, res->start, 4, DMA_TO_DEVICE, 0) ||
	       IS_ERR(base);
}

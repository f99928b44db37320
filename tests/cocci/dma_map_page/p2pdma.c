static int map_seg(struct device *dev, struct page *page, unsigned int off,
		   size_t len, dma_addr_t *out)
{
	if (is_pci_p2pdma_page(page))
		dev_dbg(dev, "peer to peer page\n");
	*out = dma_map_page(dev, page, off, len, DMA_TO_DEVICE);
	return dma_mapping_error(dev, *out);
}

static int map_state(struct device *dev, struct pci_p2pdma_map_state *st,
		     struct page *page, size_t len, dma_addr_t *out)
{
	switch (pci_p2pdma_state(st, dev, page)) {
	case PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:
		*out = dma_map_page_attrs(dev, page, 0, len, DMA_TO_DEVICE, 0);
		break;
	case PCI_P2PDMA_MAP_BUS_ADDR:
		*out = pci_p2pdma_bus_addr_map(st, page_to_phys(page));
		break;
	default:
		return -EREMOTEIO;
	}
	return 0;
}

static dma_addr_t map_plain(struct device *dev, struct page *page, size_t len)
{
	return dma_map_page(dev, page, 0, len, DMA_TO_DEVICE);
}

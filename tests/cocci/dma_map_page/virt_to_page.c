static dma_addr_t map_skb_head(struct device *dev, struct sk_buff *skb)
{
	return dma_map_page(dev, virt_to_page(skb->data),
			    offset_in_page(skb->data), skb_headlen(skb),
			    DMA_TO_DEVICE);
}

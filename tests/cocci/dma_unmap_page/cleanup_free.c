/*
 * The scope-based cleanup attribute, __free(kfree), in the same file:
 * spatch alone then takes kfree for a type name and cannot parse
 * tfw_destroy() (drivers/firewire/core-iso.c and
 * drivers/pci/endpoint/pci-ep-msi.c in 7.3); cocci/kernel-macros.h lets it.
 */
struct tfw_buffer {
	struct device *dev;
	dma_addr_t *addrs;
	int count;
	enum dma_data_direction dir;
};

int tfw_init(struct tfw_buffer *b, int count)
{
	dma_addr_t *addrs __free(kfree) = kcalloc(count, sizeof(*addrs), GFP_KERNEL);

	if (!addrs)
		return -ENOMEM;
	b->addrs = no_free_ptr(addrs);
	return 0;
}

void tfw_destroy(struct tfw_buffer *b)
{
	for (int i = 0; i < b->count; ++i)
		dma_unmap_page(b->dev, b->addrs[i], SZ_4K, b->dir);
	kfree(b->addrs);
	b->addrs = NULL;
}

// SPDX-License-Identifier: GPL-2.0
/* The model loader: every directive, and errors that name file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model.h"
#include "tap.h"

static struct model *load(const char *text, char *error)
{
	struct model *m = model_new();

	error[0] = '\0';
	if (model_load_text(m, "test.model", text, error, MODEL_ERROR_MAX)) {
		model_free(m);
		return NULL;
	}
	return m;
}

static void test_directives(void)
{
	char error[MODEL_ERROR_MAX];
	const struct model_entry *e;
	unsigned int i;
	struct model *m = load(
		"# comment line\n"
		"\n"
		"source virt_to_phys kmap phys # trailing comment\n"
		"source pci_dev.resource.start mmio phys\n"
		"param\tdma_map_ops.map_phys 2 maybe phys attrs=5\n"
		"assert dma_map_phys 2 mmio if 5 DMA_ATTR_MMIO\n"
		"convert page_to_phys 1 page phys\n"
		"guard is_pci_p2pdma_page 1 true mmio\n"
		"guard is_pci_p2pdma_page 1 false kmap\n"
		"guard pfn_valid 1 true kmap weak\n"
		"guard pci_p2pdma_state 3 ==PCI_P2PDMA_MAP_NONE kmap\n"
		"guard pci_p2pdma_state 3 !=PCI_P2PDMA_MAP_NONE mmio weak\n"
		"flag DMA_ATTR_MMIO false kmap\n"
		"sink kmap_local_pfn 1 pfn address\n"
		"sink arch_sync_dma_for_cpu 1 phys sync\n"
		"sink swiotlb_map 2 phys bounce\n"
		"addressonly gen_pool_free_owner 2\n"
		"sink memzero_page 1 page", error);

	TAP_CHECK(m != NULL, "a model with every directive loads");
	if (!m) {
		printf("# %s\n", error);
		return;
	}
	TAP_CHECK(model_entry_count(m) == 16, "sixteen entries");
	TAP_CHECK(model_find(m, MODEL_SOURCE, "pci_dev.resource.start", NULL) != NULL,
		  "a field path names a source");
	e = model_find(m, MODEL_SOURCE, "virt_to_phys", NULL);
	TAP_CHECK(e && e->state == PROV_KMAP && e->kind == KIND_PHYS && e->line == 3,
		  "source: state, kind and line");
	e = model_find(m, MODEL_PARAM, "dma_map_ops.map_phys", NULL);
	TAP_CHECK(e && e->arg == 2 && e->cond_arg == 5, "param with attrs=");
	e = model_find(m, MODEL_ASSERT, "dma_map_phys", NULL);
	TAP_CHECK(e && e->cond_arg == 5 && e->cond_flag &&
		  !strcmp(e->cond_flag, "DMA_ATTR_MMIO"), "assert with if ARG FLAG");
	e = model_find(m, MODEL_CONVERT, "page_to_phys", NULL);
	TAP_CHECK(e && e->kind == KIND_PAGE && e->to_kind == KIND_PHYS, "convert kinds");
	e = model_find(m, MODEL_GUARD, "is_pci_p2pdma_page", NULL);
	TAP_CHECK(e != NULL, "first guard found");
	e = e ? model_find(m, MODEL_GUARD, "is_pci_p2pdma_page", e) : NULL;
	TAP_CHECK(e != NULL, "second guard of the same name found");
	TAP_CHECK(!model_find(m, MODEL_GUARD, "is_pci_p2pdma_page", e),
		  "no third guard");
	e = model_find(m, MODEL_GUARD, "pfn_valid", NULL);
	TAP_CHECK(e && e->weak && e->when && !e->when_const, "weak guard");
	for (e = model_find(m, MODEL_GUARD, "pci_p2pdma_state", NULL), i = 0; e;
	     e = model_find(m, MODEL_GUARD, "pci_p2pdma_state", e), i++) {
		bool ok = e->arg == 3 && e->when_const &&
			  !strcmp(e->when_const, "PCI_P2PDMA_MAP_NONE");

		if (e->when)
			TAP_CHECK(ok && e->state == PROV_KMAP && !e->weak, "guard ==NAME");
		else
			TAP_CHECK(ok && e->state == PROV_MMIO && e->weak, "guard !=NAME, weak");
	}
	TAP_CHECK(i == 2, "two guards comparing with a constant");
	e = model_find(m, MODEL_FLAG, "DMA_ATTR_MMIO", NULL);
	TAP_CHECK(e && !e->when && e->state == PROV_KMAP, "flag");
	e = model_find(m, MODEL_SINK, "kmap_local_pfn", NULL);
	TAP_CHECK(e && e->address_only && e->harm == HARM_ADDRESS, "an address-only sink");
	e = model_find(m, MODEL_SINK, "arch_sync_dma_for_cpu", NULL);
	TAP_CHECK(e && !e->address_only && e->harm == HARM_SYNC, "a cache-maintenance sink");
	e = model_find(m, MODEL_SINK, "swiotlb_map", NULL);
	TAP_CHECK(e && !e->address_only && e->harm == HARM_BOUNCE, "a bouncing sink");
	e = model_find(m, MODEL_ADDRESS_ONLY, "gen_pool_free_owner", NULL);
	TAP_CHECK(e && e->arg == 2 && e->line == 17, "addressonly FUNC ARG");
	e = model_find(m, MODEL_SINK, "memzero_page", NULL);
	TAP_CHECK(e && !e->address_only && e->harm == HARM_ACCESS,
		  "last line, without a newline: an accessing sink");
	TAP_STR_EQ(sink_harm_words(HARM_SYNC), "CPU cache maintenance on device memory",
		   "a finding says what a sink does to device memory");
	TAP_CHECK(!model_find(m, MODEL_SINK, "virt_to_phys", NULL),
		  "lookups are by directive too");
	model_free(m);
}

static void test_replacing(void)
{
	char error[MODEL_ERROR_MAX];
	const struct model_entry *e;
	struct model *m = load(
		"source sg_page maybe page\n"
		"guard PageHighMem 1 true kmap\n"
		"guard PageHighMem 1 false kmap weak\n"
		"source sg_page maybe page\n"
		"source sg_page kmap page\n", error);

	TAP_CHECK(m != NULL, "a model that says a thing twice loads");
	if (!m)
		return;
	TAP_CHECK(model_entry_count(m) == 3, "a later line replaces, the same line again adds nothing");
	e = model_find(m, MODEL_SOURCE, "sg_page", NULL);
	TAP_CHECK(e && e->state == PROV_KMAP && e->line == 5 &&
		  !model_find(m, MODEL_SOURCE, "sg_page", e), "the later line wins");
	TAP_CHECK(model_note_count(m) == 1, "one note, for the line that changed something");
	TAP_STR_EQ(model_note(m, 0), "test.model:5: replaces test.model:1 (source sg_page)",
		   "the note names both lines");
	e = model_find(m, MODEL_GUARD, "PageHighMem", NULL);
	TAP_CHECK(e && model_find(m, MODEL_GUARD, "PageHighMem", e),
		  "guards on other outcomes are other things");
	model_free(m);
}

/* attrs FUNC ARG ATTRS names the attrs argument (cond_arg); a user line
 * about the same argument replaces the kernel model's, with a note. */
static void test_attrs_and_noproof(void)
{
	char error[MODEL_ERROR_MAX];
	const struct model_entry *e;
	struct model *m = load("attrs dma_map_phys 2 5\n"
			       "noproof pfn_valid 1\n"
			       "attrs dma_map_phys 2 6\n", error);

	TAP_CHECK(m != NULL, "attrs and noproof lines load");
	if (!m)
		return;
	e = model_find(m, MODEL_ATTRS, "dma_map_phys", NULL);
	TAP_CHECK(e && e->arg == 2 && e->cond_arg == 6 && e->line == 3 &&
		  model_note_count(m) == 1, "attrs: the phys and the attrs argument, the later wins");
	e = model_find(m, MODEL_NO_PROOF, "pfn_valid", NULL);
	TAP_CHECK(e && e->arg == 1, "noproof: the argument tested");
	TAP_CHECK(model_has_any(m, "pfn_valid", 1u << MODEL_NO_PROOF) &&
		  !model_has_any(m, "pfn_valid", 1u << MODEL_GUARD | 1u << MODEL_SINK) &&
		  !model_has_any(m, "pfn_valid_not", ~0u),
		  "model_has_any() looks at the directives asked for, by exact name");
	model_free(m);
}

/* Containers: held sources, who fills them, who keeps them, callbacks. */
static void test_containers(void)
{
	char error[MODEL_ERROR_MAX];
	const struct model_entry *e;
	struct model *m = load("source bio_vec.bv_page maybe page held\n"
			       "source sg_page maybe page held=1\n"
			       "source dma_to_phys maybe phys\n"
			       "fill __bio_add_page 1 2\n"
			       "keep bio_put 1\n"
			       "callback bio.bi_end_io 1\n", error);

	TAP_CHECK(m != NULL, "container lines load");
	if (!m)
		return;
	e = model_find(m, MODEL_SOURCE, "bio_vec.bv_page", NULL);
	TAP_CHECK(e && e->held && !e->held_arg, "held: a field read out of its object");
	e = model_find(m, MODEL_SOURCE, "sg_page", NULL);
	TAP_CHECK(e && e->held && e->held_arg == 1, "held=1: out of argument 1's object");
	e = model_find(m, MODEL_SOURCE, "dma_to_phys", NULL);
	TAP_CHECK(e && !e->held, "a source without held is no container's");
	e = model_find(m, MODEL_FILL, "__bio_add_page", NULL);
	TAP_CHECK(e && e->arg == 1 && e->cond_arg == 2, "fill: the container and the page");
	e = model_find(m, MODEL_KEEP, "bio_put", NULL);
	TAP_CHECK(e && e->arg == 1, "keep: the container");
	e = model_find(m, MODEL_CALLBACK, "bio.bi_end_io", NULL);
	TAP_CHECK(e && e->arg == 1, "callback: the member and the argument it is called with");
	TAP_CHECK(!model_has_any(m, "__bio_add_page", 1u << MODEL_SOURCE | 1u << MODEL_SINK),
		  "a fill is neither a source nor a sink");
	model_free(m);
}

/* Handles: who made what a function is given back, and what holds RAM. */
static void test_handles(void)
{
	char error[MODEL_ERROR_MAX];
	const struct model_entry *e;
	struct model *m = load("madeby dma_direct_free 4 dma_direct_alloc 3\n"
			       "madeby dma_vmap_noncontiguous 3 dma_alloc_noncontiguous ret\n"
			       "holdsram iommu_dma_alloc_noncontiguous ret\n"
			       "holdsram f 2\n"
			       "holdsram f 3\n"
			       "madeby dma_direct_free 4 other_alloc 3\n", error);

	TAP_CHECK(m != NULL, "handle lines load");
	if (!m)
		return;
	e = model_find(m, MODEL_MADE_BY, "dma_direct_free", NULL);
	TAP_CHECK(e && e->arg == 4 && !strcmp(e->maker, "other_alloc") && e->where == 3 &&
		  !model_find(m, MODEL_MADE_BY, "dma_direct_free", e) && model_note_count(m) == 1,
		  "madeby: a later maker for the same argument replaces the first, with a note");
	e = model_find(m, MODEL_MADE_BY, "dma_vmap_noncontiguous", NULL);
	TAP_CHECK(e && e->arg == 3 && !strcmp(e->maker, "dma_alloc_noncontiguous") && !e->where,
		  "madeby ... ret: the maker's return value");
	e = model_find(m, MODEL_HOLDS_RAM, "iommu_dma_alloc_noncontiguous", NULL);
	TAP_CHECK(e && !e->where, "holdsram ret");
	e = model_find(m, MODEL_HOLDS_RAM, "f", NULL);
	TAP_CHECK(e && model_find(m, MODEL_HOLDS_RAM, "f", e),
		  "holdsram: two arguments of one function are two lines");
	model_free(m);
}

static void test_errors(void)
{
	static const struct {
		const char *text, *error;
	} rows[] = {
		{ "source a kmap phys\nsorce b kmap phys\n",
		  "test.model:2: unknown directive 'sorce' (expected source, param, assert, "
		  "convert, guard, flag, sink, linearmap, addressonly, attrs, noproof, fill, "
		  "keep, callback, madeby or holdsram)" },
		{ "madeby dma_direct_free 4 dma_direct_alloc\n",
		  "test.model:1: missing fields; expected: madeby FUNC ARG MAKER ret|ARG" },
		{ "madeby dma_direct_free 4 dma_direct_alloc out\n",
		  "test.model:1: 'out' is neither ret nor an argument number" },
		{ "madeby dma_direct_free 4 dma_direct_alloc 0\n",
		  "test.model:1: '0' is not an argument number (1 to 32)" },
		{ "madeby f 1 ops.alloc ret\n",
		  "test.model:1: 'ops.alloc' is not a function name" },
		{ "holdsram f\n", "test.model:1: missing fields; expected: holdsram FUNC ret|ARG" },
		{ "source sg_page maybe page held\n",
		  "test.model:1: 'held' alone is for a field; a function says held=ARG" },
		{ "source sg_page maybe page held=0\n",
		  "test.model:1: '0' is not an argument number (1 to 32)" },
		{ "source sg_page maybe page kept\n",
		  "test.model:1: unexpected 'kept'; expected: source FUNC STATE KIND [held|held=ARG]" },
		{ "fill bio_add_page 1\n",
		  "test.model:1: missing fields; expected: fill FUNC CONTAINER ARG" },
		{ "callback bio.bi_end_io\n",
		  "test.model:1: missing fields; expected: callback STRUCT.MEMBER ARG" },
		{ "addressonly f\n",
		  "test.model:1: missing fields; expected: addressonly FUNC ARG" },
		{ "sink kmap_local_pfn 0 pfn\n",
		  "test.model:1: '0' is not an argument number (1 to 32)" },
		{ "sink kmap_local_pfn x pfn\n",
		  "test.model:1: 'x' is not an argument number" },
		{ "\n\nsource f kmappable phys\n",
		  "test.model:3: 'kmappable' is not a state (kmap, mmio, maybe)" },
		{ "source f kmap virt\n",
		  "test.model:1: 'virt' is not a value kind (phys, pfn, page)" },
		{ "guard f 1 yes kmap\n",
		  "test.model:1: 'yes' is not a branch outcome (true, false) nor a "
		  "comparison (==NAME, !=NAME)" },
		{ "guard f 1 ==a.b kmap\n",
		  "test.model:1: '==a.b' does not compare with a constant's name" },
		{ "guard f 1 !=9 kmap\n",
		  "test.model:1: '!=9' does not compare with a constant's name" },
		{ "guard f 1 =NONE kmap\n", "test.model:1: '=NONE' is not a branch outcome" },
		{ "flag DMA_ATTR_MMIO ==X kmap\n",
		  "test.model:1: '==X' is not a branch outcome (true, false)" },
		{ "sink f 1\n", "test.model:1: missing fields; expected: sink FUNC ARG KIND" },
		{ "sink f 1 pfn extra\n", "test.model:1: unexpected 'extra'" },
		{ "sink f 1 pfn address weak\n", "test.model:1: unexpected 'address'" },
		{ "sink f 1 pfn cacheable\n",
		  "test.model:1: unexpected 'cacheable'; expected: sink FUNC ARG KIND [address|sync|bounce]" },
		{ "guard f 1 true kmap strong\n", "test.model:1: unexpected 'strong'" },
		{ "param f 1 maybe phys attrs=99\n", "test.model:1: '99' is not an argument number" },
		{ "source 9f kmap phys\n", "test.model:1: '9f' is not a function" },
		{ "source a..b kmap phys\n", "test.model:1: 'a..b' is not a function" },
		{ "source a.b. kmap phys\n", "test.model:1: 'a.b.' is not a function" },
		{ "attrs dma_map_phys 2\n",
		  "test.model:1: missing fields; expected: attrs FUNC ARG ATTRS" },
		{ "attrs dma_map_phys 2 x\n", "test.model:1: 'x' is not an argument number" },
		{ "noproof pfn_valid\n",
		  "test.model:1: missing fields; expected: noproof FUNC ARG" },
	};
	char error[MODEL_ERROR_MAX], name[160];
	unsigned int i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct model *m = load(rows[i].text, error);

		snprintf(name, sizeof(name), "error: %s", rows[i].error);
		TAP_CHECK(!m && !strncmp(error, rows[i].error, strlen(rows[i].error)),
			  name);
		if (m || strncmp(error, rows[i].error, strlen(rows[i].error)))
			printf("#   got: '%s'\n", error);
		model_free(m);
	}
}

static void test_files(const char *kernel_model)
{
	char error[MODEL_ERROR_MAX];
	struct model *m = model_new();
	unsigned int count;
	int ret;

	ret = model_load_file(m, "no/such/file.model", error, sizeof(error));
	TAP_CHECK(ret && strstr(error, "no/such/file.model: cannot read model"),
		  "a missing model file is an error naming it");
	ret = model_load_file(m, ".", error, sizeof(error));
	TAP_CHECK(ret && strstr(error, ".: cannot read model"),
		  "a directory is not a model");
	ret = model_load_file(m, kernel_model, error, sizeof(error));
	TAP_CHECK(!ret && model_entry_count(m) > 50, "the shipped kernel.model loads");
	if (ret)
		printf("# %s\n", error);
	TAP_CHECK(!model_note_count(m), "kernel.model says no thing twice (no line replaces another)");
	count = model_entry_count(m);
	ret = model_load_file(m, kernel_model, error, sizeof(error));
	TAP_CHECK(!ret && model_entry_count(m) == count && !model_note_count(m),
		  "kernel.model given again (as --model) adds nothing and says nothing");
	TAP_CHECK(model_find(m, MODEL_SINK, "kmap_local_pfn", NULL) &&
		  model_find(m, MODEL_SOURCE, "pci_resource_start", NULL) &&
		  model_find(m, MODEL_SOURCE, "sg_page", NULL),
		  "kernel.model has the seed email's sink and sources");
	model_free(m);
}

/* @root/@rel, made with its directories, holding a line of text. */
static void plant(const char *root, const char *rel)
{
	char path[512], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (slash = strchr(path + strlen(root) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	if (f) {
		fputs("# test\n", f);
		fclose(f);
	}
}

/* Whether the default model found from @root/@dir is @root/@want. */
static int finds(const char *root, const char *dir, const char *want)
{
	char binary_dir[512], expect[512], out[1024];

	snprintf(binary_dir, sizeof(binary_dir), "%s/%s", root, dir);
	snprintf(expect, sizeof(expect), "%s/%s/%s", root, dir, want);
	return !model_find_default(binary_dir, out, sizeof(out)) && !strcmp(out, expect);
}

static void test_find_default(void)
{
	const char *tmp = getenv("TMPDIR");
	char root[400], dir[512], out[1024], cmd[600];

	snprintf(root, sizeof(root), "%s/physcheck-test-model-XXXXXX",
		 tmp && *tmp ? tmp : P_tmpdir);
	if (!mkdtemp(root)) {
		TAP_CHECK(0, "a temporary directory for the default model");
		return;
	}
	plant(root, "bin/.keep");
	plant(root, "lib/physcheck/.keep");
	plant(root, "tree/sparse-plugin/.keep");
	snprintf(dir, sizeof(dir), "%s/lib/physcheck", root);
	TAP_CHECK(model_find_default(dir, out, sizeof(out)) == -1,
		  "no kernel.model anywhere: not found");
	plant(root, "share/physcheck/kernel.model");
	TAP_CHECK(finds(root, "bin", "../share/physcheck/kernel.model"),
		  "installed client: PREFIX/bin finds PREFIX/share/physcheck");
	TAP_CHECK(finds(root, "lib/physcheck", "../../share/physcheck/kernel.model"),
		  "installed plugin: PREFIX/lib/physcheck finds PREFIX/share/physcheck");
	plant(root, "tree/model/kernel.model");
	plant(root, "tree/share/physcheck/kernel.model");
	TAP_CHECK(finds(root, "tree/sparse-plugin", "../model/kernel.model"),
		  "the source tree's model/ comes first");
	TAP_CHECK(model_find_default(root, out, 12) == -1,
		  "a path that does not fit is not found");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		TAP_CHECK(0, "the temporary directory is removed");
}

int main(int argc, char **argv)
{
	test_directives();
	test_replacing();
	test_attrs_and_noproof();
	test_containers();
	test_handles();
	test_errors();
	test_files(argc > 1 ? argv[1] : "model/kernel.model");
	test_find_default();
	return tap_done();
}

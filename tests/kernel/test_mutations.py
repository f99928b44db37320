# SPDX-License-Identifier: GPL-2.0
"""Mutations of real kernel code that physcheck must catch.

Each mutation is a bug a developer could write into a Debian kernel tree,
checked through both front ends, the sparse client and the GCC plugin.
On 7.3 most are of the phys API's own shapes: a guard on attrs &
DMA_ATTR_MMIO removed or inverted in dma-direct or dma-iommu, so that a
phys that may be MMIO is bounced through swiotlb, a P2PDMA check removed
from a map_sg path, DMA_ATTR_MMIO left off a P2PDMA page mapped through
the host bridge (block/blk-mq-dma.c and mm/hmm.c before their fixes); on
6.12, P2PDMA guards deleted.  Both also get CPU
accesses added to a page that may be a peer's BAR.  The test checks the object's file as kbuild would, before
and after the edit: the original must be clean at that spot, and the
mutant must get a new finding of the expected check in the expected file.
The tree is restored (content and timestamps) whatever happens.  A
mutation whose bug only shows at a caller in another file (dma-iommu.c's
requirement losing its DMA_ATTR_MMIO condition, seen at dma_map_phys()'s
call in mapping.c) is checked there, through a database of the two
files' facts (physcheck-db), as each front end writes them.
"""

import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

import diagnostics
import kbuild

KERNELS = ['linux-source-7.3', 'linux-source-6.12']

CPU_READ = '(void)READ_ONCE(*(char *)page_address(%s));'


class Mutation:
    def __init__(self, name, path, obj, old, new, checks, where, gap=None, caller=None):
        self.name = name
        self.gap = gap          # why physcheck cannot catch it yet, or None
        self.path = path        # the file edited
        self.obj = obj          # the object whose source is checked
        self.old = old
        self.new = new
        self.checks = checks    # any of these is a catch
        self.where = where      # ... reported in this file
        # an object of another file whose calls catch it, through the
        # database the two files' facts make (physcheck-db), or None
        self.caller = caller


# the requirement the mutant makes ("parameter 2 must be kmappable", its
# DMA_ATTR_MMIO condition gone) reaches the one caller that passes a phys
# which may be MMIO, in another file: dma_map_phys() -> iommu_dma_map_phys()
IOMMU_CALLER = ('kernel/dma/mapping.o', 'kernel/dma/mapping.c')

BLK_DMA_GAP = ('the phys is vec->paddr, a field of parameter 4, and the P2PDMA state is '
               'iter->p2pdma.map, a field of parameter 3, both set by the caller '
               '(blk_dma_map_iter_start(), whose THRU_HOST_BRIDGE and NONE cases fall '
               'through to one break): it takes summaries over pointed-to fields ("the '
               'paddr of parameter 4 must be RAM unless parameter 3\'s p2pdma.map is '
               'THRU_HOST_BRIDGE") and the switch\'s cases kept apart on their shared edge')

HMM_GAP = ('page and paddr are two loads of pfns[idx] through inline helpers, with no '
           'model source: pci_p2pdma_state() has no origin on page to refine, and paddr '
           'is not tied to page; it takes an origin for a value the code tests for '
           'P2PDMA, and one origin for loads of the same element')

# Code both kernels have the same
SCRUB_SGL = Mutation(
    'scatterlist.c: sgl_free_n_order() scrubs pages it did not allocate',
    'lib/scatterlist.c', 'lib/scatterlist.o',
    '\t\tpage = sg_page(sg);\n'
    '\t\tif (page)\n'
    '\t\t\t__free_pages(page, order);\n',
    '\t\tpage = sg_page(sg);\n'
    '\t\tif (page)\n'
    '\t\t\tmemset(page_address(page), 0, PAGE_SIZE << order);\n'
    '\t\tif (page)\n'
    '\t\t\t__free_pages(page, order);\n',
    {'phys-kmap'}, 'lib/scatterlist.c')
PEEK_BIO = Mutation(
    'blk-merge.c: a new helper reads the first page of a bio',
    'block/blk-merge.c', 'block/blk-merge.o',
    'static inline unsigned get_max_io_size(struct bio *bio,',
    'static inline void peek_bvec(struct bio_vec *bv)\n{\n'
    '\t' + CPU_READ % 'bv->bv_page' + '\n}\n\n'
    'void physcheck_mutant_peek(struct bio *bio);\n'
    'void physcheck_mutant_peek(struct bio *bio)\n{\n'
    '\tpeek_bvec(bio->bi_io_vec);\n}\n\n'
    'static inline unsigned get_max_io_size(struct bio *bio,',
    {'phys-kmap'}, 'block/blk-merge.c')

# Written against each kernel's text: a mutation whose code is not there
# exactly once fails, so a new Debian revision that moves it is noticed.
MUTATIONS_7_3 = [
    Mutation('direct.c: forced bounce without the DMA_ATTR_MMIO check',
             'kernel/dma/direct.c', 'kernel/dma/direct.o',
             '\tif (is_swiotlb_force_bounce(dev)) {\n'
             '\t\tif (attrs & (DMA_ATTR_MMIO | DMA_ATTR_REQUIRE_COHERENT))\n'
             '\t\t\treturn DMA_MAPPING_ERROR;\n',
             '\tif (is_swiotlb_force_bounce(dev)) {\n',
             {'phys-kmap', 'phys-requires'}, 'kernel/dma/direct.c'),
    Mutation('direct.c: forced bounce with the DMA_ATTR_MMIO check inverted',
             'kernel/dma/direct.c', 'kernel/dma/direct.o',
             '\tif (is_swiotlb_force_bounce(dev)) {\n'
             '\t\tif (attrs & (DMA_ATTR_MMIO | DMA_ATTR_REQUIRE_COHERENT))\n',
             '\tif (is_swiotlb_force_bounce(dev)) {\n'
             '\t\tif (!(attrs & (DMA_ATTR_MMIO | DMA_ATTR_REQUIRE_COHERENT)))\n',
             {'phys-kmap', 'phys-requires'}, 'kernel/dma/direct.c'),
    Mutation('direct.c: MMIO no longer kept from the bounce of an unreachable address',
             'kernel/dma/direct.c', 'kernel/dma/direct.o',
             '\tif (attrs & DMA_ATTR_MMIO) {\n'
             '\t\tif (unlikely(!dma_capable(dev, dma_addr, size, false, attrs)))\n'
             '\t\t\tgoto err_overflow;\n'
             '\t\tgoto dma_mapped;\n'
             '\t}\n',
             '',
             {'phys-kmap', 'phys-requires'}, 'kernel/dma/direct.c'),
    Mutation('direct.c: the MMIO path taken for RAM, the bounce for MMIO',
             'kernel/dma/direct.c', 'kernel/dma/direct.o',
             '\tif (attrs & DMA_ATTR_MMIO) {\n'
             '\t\tif (unlikely(!dma_capable(dev, dma_addr, size, false, attrs)))\n',
             '\tif (!(attrs & DMA_ATTR_MMIO)) {\n'
             '\t\tif (unlikely(!dma_capable(dev, dma_addr, size, false, attrs)))\n',
             {'phys-kmap', 'phys-mmio', 'phys-requires'}, 'kernel/dma/direct.c'),
    Mutation('direct.c: a CPU read of the phys before its DMA_ATTR_MMIO check',
             'kernel/dma/direct.c', 'kernel/dma/direct.o',
             '\tif (is_swiotlb_force_bounce(dev)) {\n'
             '\t\tif (attrs & (DMA_ATTR_MMIO | DMA_ATTR_REQUIRE_COHERENT))\n',
             '\tif (is_swiotlb_force_bounce(dev)) {\n'
             '\t\t' + CPU_READ % 'phys_to_page(phys)' + '\n'
             '\t\tif (attrs & (DMA_ATTR_MMIO | DMA_ATTR_REQUIRE_COHERENT))\n',
             {'phys-kmap'}, 'kernel/dma/direct.c'),
    Mutation('dma-iommu.c: swiotlb bounce of an unaligned phys without the DMA_ATTR_MMIO check',
             'drivers/iommu/dma-iommu.c', 'drivers/iommu/dma-iommu.o',
             '\tif (!(attrs & DMA_ATTR_MMIO) && dev_use_swiotlb(dev, size, dir) &&\n',
             '\tif (dev_use_swiotlb(dev, size, dir) &&\n',
             {'phys-kmap', 'phys-requires'}, 'drivers/iommu/dma-iommu.c',
             caller=IOMMU_CALLER),
    Mutation('dma-iommu.c: the swiotlb bounce taken for MMIO only',
             'drivers/iommu/dma-iommu.c', 'drivers/iommu/dma-iommu.o',
             '\tif (!(attrs & DMA_ATTR_MMIO) && dev_use_swiotlb(dev, size, dir) &&\n',
             '\tif ((attrs & DMA_ATTR_MMIO) && dev_use_swiotlb(dev, size, dir) &&\n',
             {'phys-kmap', 'phys-mmio', 'phys-requires'}, 'drivers/iommu/dma-iommu.c',
             caller=IOMMU_CALLER),
    Mutation('direct.c: a CPU read of a P2PDMA segment mapped through the host bridge',
             'kernel/dma/direct.c', 'kernel/dma/direct.o',
             '\t\t\t * must be mapped with CPU physical address and not PCI\n'
             '\t\t\t * bus addresses.\n'
             '\t\t\t */\n',
             '\t\t\t * must be mapped with CPU physical address and not PCI\n'
             '\t\t\t * bus addresses.\n'
             '\t\t\t */\n'
             '\t\t\t' + CPU_READ % 'sg_page(sg)' + '\n',
             {'phys-mmio'}, 'kernel/dma/direct.c'),
    Mutation('dma-iommu.c: a CPU read of a P2PDMA segment mapped by bus address',
             'drivers/iommu/dma-iommu.c', 'drivers/iommu/dma-iommu.o',
             '\t\t\t * address into the output segment.\n'
             '\t\t\t */\n',
             '\t\t\t * address into the output segment.\n'
             '\t\t\t */\n'
             '\t\t\t' + CPU_READ % 'sg_page(s)' + '\n',
             {'phys-mmio'}, 'drivers/iommu/dma-iommu.c'),
    Mutation('dma-iommu.c: map_sg reads every segment before its P2PDMA state is known',
             'drivers/iommu/dma-iommu.c', 'drivers/iommu/dma-iommu.o',
             '\t\tswitch (pci_p2pdma_state(&p2pdma_state, dev, sg_page(s))) {\n',
             '\t\t' + CPU_READ % 'sg_page(s)' + '\n'
             '\t\tswitch (pci_p2pdma_state(&p2pdma_state, dev, sg_page(s))) {\n',
             {'phys-kmap'}, 'drivers/iommu/dma-iommu.c'),
    Mutation('mapping.c: dma_map_phys() peeks at what it maps',
             'kernel/dma/mapping.c', 'kernel/dma/mapping.o',
             '\tif (!dev_is_dma_coherent(dev) && (attrs & DMA_ATTR_REQUIRE_COHERENT))\n'
             '\t\treturn DMA_MAPPING_ERROR;\n\n'
             '\tif (dma_map_direct(dev, ops) ||\n',
             '\tif (!dev_is_dma_coherent(dev) && (attrs & DMA_ATTR_REQUIRE_COHERENT))\n'
             '\t\treturn DMA_MAPPING_ERROR;\n\n'
             '\t(void)READ_ONCE(*(char *)phys_to_virt(phys));\n'
             '\tif (dma_map_direct(dev, ops) ||\n',
             {'phys-kmap'}, 'kernel/dma/mapping.c'),
    Mutation('blk-mq-dma.c: a CPU read of a segment mapped by bus address',
             'block/blk-mq-dma.c', 'block/blk-mq-dma.o',
             '\tcase PCI_P2PDMA_MAP_BUS_ADDR:\n'
             '\t\treturn blk_dma_map_bus(iter, &vec);\n',
             '\tcase PCI_P2PDMA_MAP_BUS_ADDR:\n'
             '\t\t' + CPU_READ % 'phys_to_page(vec.paddr)' + '\n'
             '\t\treturn blk_dma_map_bus(iter, &vec);\n',
             {'phys-mmio'}, 'block/blk-mq-dma.c'),
    # The pre-fix shapes of "block-dma: properly take MMIO path" (6.19) and
    # "mm/hmm: properly take MMIO path" (6.18): a P2PDMA page mapped through
    # the host bridge by CPU physical address, as RAM, without DMA_ATTR_MMIO.
    Mutation('blk-mq-dma.c: a host-bridge P2PDMA segment mapped by dma_map_phys() '
             'without DMA_ATTR_MMIO',
             'block/blk-mq-dma.c', 'block/blk-mq-dma.o',
             '\tunsigned int attrs = 0;\n\n'
             '\tif (iter->p2pdma.map == PCI_P2PDMA_MAP_THRU_HOST_BRIDGE)\n'
             '\t\tattrs |= DMA_ATTR_MMIO;\n\n'
             '\titer->addr = dma_map_phys(dma_dev, vec->paddr, vec->len,\n',
             '\tunsigned int attrs = 0;\n\n'
             '\titer->addr = dma_map_phys(dma_dev, vec->paddr, vec->len,\n',
             {'phys-attr'}, 'block/blk-mq-dma.c', BLK_DMA_GAP),
    Mutation('blk-mq-dma.c: a host-bridge P2PDMA segment linked by dma_iova_link() '
             'without DMA_ATTR_MMIO',
             'block/blk-mq-dma.c', 'block/blk-mq-dma.o',
             '\titer->len = dma_iova_size(state);\n\n'
             '\tif (iter->p2pdma.map == PCI_P2PDMA_MAP_THRU_HOST_BRIDGE)\n'
             '\t\tattrs |= DMA_ATTR_MMIO;\n',
             '\titer->len = dma_iova_size(state);\n',
             {'phys-attr'}, 'block/blk-mq-dma.c', BLK_DMA_GAP),
    # mm/hmm.o: defconfig has no CONFIG_HMM_MIRROR; kbuild builds the single
    # target all the same, with mm/'s flags (IOMMU_DMA and PCI_P2PDMA are on)
    Mutation('hmm.c: a host-bridge P2PDMA page mapped without DMA_ATTR_MMIO',
             'mm/hmm.c', 'mm/hmm.o',
             '\tcase PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:\n'
             '\t\tattrs |= DMA_ATTR_MMIO;\n'
             '\t\tpfns[idx] |= HMM_PFN_P2PDMA;\n',
             '\tcase PCI_P2PDMA_MAP_THRU_HOST_BRIDGE:\n'
             '\t\tpfns[idx] |= HMM_PFN_P2PDMA;\n',
             {'phys-attr'}, 'mm/hmm.c', HMM_GAP),
    SCRUB_SGL,
    PEEK_BIO,
]

MUTATIONS_6_12 = [
    Mutation('direct.h: forced bounce without the P2PDMA check',
             'kernel/dma/direct.h', 'kernel/dma/mapping.o',
             '\tif (is_swiotlb_force_bounce(dev)) {\n'
             '\t\tif (is_pci_p2pdma_page(page))\n'
             '\t\t\treturn DMA_MAPPING_ERROR;\n',
             '\tif (is_swiotlb_force_bounce(dev)) {\n',
             {'phys-requires', 'phys-kmap'}, 'kernel/dma/mapping.c'),
    Mutation('direct.h: bounce of an unreachable address without the P2PDMA check',
             'kernel/dma/direct.h', 'kernel/dma/mapping.o',
             '\t    dma_kmalloc_needs_bounce(dev, size, dir)) {\n'
             '\t\tif (is_pci_p2pdma_page(page))\n'
             '\t\t\treturn DMA_MAPPING_ERROR;\n',
             '\t    dma_kmalloc_needs_bounce(dev, size, dir)) {\n',
             {'phys-requires', 'phys-kmap'}, 'kernel/dma/mapping.c'),
    Mutation('direct.h: both guards gone, seen from dma_direct_map_sg()',
             'kernel/dma/direct.h', 'kernel/dma/direct.o',
             '\tif (is_swiotlb_force_bounce(dev)) {\n'
             '\t\tif (is_pci_p2pdma_page(page))\n'
             '\t\t\treturn DMA_MAPPING_ERROR;\n',
             '\tif (is_swiotlb_force_bounce(dev)) {\n',
             {'phys-requires', 'phys-kmap'}, 'kernel/dma/direct.c'),
    Mutation('direct.c: a CPU read of a P2PDMA segment mapped through the host bridge',
             'kernel/dma/direct.c', 'kernel/dma/direct.o',
             '\t\t\t\t * done with dma_direct_map_page() below.\n'
             '\t\t\t\t */\n'
             '\t\t\t\tbreak;\n',
             '\t\t\t\t * done with dma_direct_map_page() below.\n'
             '\t\t\t\t */\n'
             '\t\t\t\t' + CPU_READ % 'sg_page(sg)' + '\n'
             '\t\t\t\tbreak;\n',
             {'phys-mmio'}, 'kernel/dma/direct.c'),
    Mutation('dma-iommu.c: a CPU read of a P2PDMA segment mapped by bus address',
             'drivers/iommu/dma-iommu.c', 'drivers/iommu/dma-iommu.o',
             '\t\t\t\t * into the output segment.\n'
             '\t\t\t\t */\n'
             '\t\t\t\tcontinue;\n',
             '\t\t\t\t * into the output segment.\n'
             '\t\t\t\t */\n'
             '\t\t\t\t' + CPU_READ % 'sg_page(s)' + '\n'
             '\t\t\t\tcontinue;\n',
             {'phys-mmio'}, 'drivers/iommu/dma-iommu.c'),
    Mutation('mapping.c: dma_map_page_attrs() peeks at the page it maps',
             'kernel/dma/mapping.c', 'kernel/dma/mapping.o',
             '\tif (WARN_ON_ONCE(!dev->dma_mask))\n'
             '\t\treturn DMA_MAPPING_ERROR;\n\n'
             '\tif (dma_map_direct(dev, ops) ||\n'
             '\t    arch_dma_map_page_direct(dev, page_to_phys(page) + offset + size))',
             '\tif (WARN_ON_ONCE(!dev->dma_mask))\n'
             '\t\treturn DMA_MAPPING_ERROR;\n\n'
             '\t' + CPU_READ % 'page' + '\n'
             '\tif (dma_map_direct(dev, ops) ||\n'
             '\t    arch_dma_map_page_direct(dev, page_to_phys(page) + offset + size))',
             {'phys-kmap'}, 'kernel/dma/mapping.c'),
    SCRUB_SGL,
    Mutation('iommu: swiotlb bounce of a page without the P2PDMA state check',
             'drivers/iommu/dma-iommu.c', 'drivers/iommu/dma-iommu.o',
             '\t\tif (is_pci_p2pdma_page(sg_page(s))) {\n'
             '\t\t\tmap = pci_p2pdma_map_segment(&p2pdma_state, dev, s);',
             '\t\t' + CPU_READ % 'sg_page(s)' + '\n'
             '\t\tif (is_pci_p2pdma_page(sg_page(s))) {\n'
             '\t\t\tmap = pci_p2pdma_map_segment(&p2pdma_state, dev, s);',
             {'phys-kmap'}, 'drivers/iommu/dma-iommu.c'),
    PEEK_BIO,
]

MUTATIONS = {'linux-source-7.3': MUTATIONS_7_3, 'linux-source-6.12': MUTATIONS_6_12}


def tool_args(tool, name, value):
    """A physcheck option for the client or the plugin (a .so)."""
    if tool.endswith('.so'):
        return ['-fplugin-arg-physcheck_plugin-%s=%s' % (name, value)]
    return ['--%s=%s' % (name, value)]


def findings(tree, obj, tool, where, extra=()):
    """(status, {(line, check, message)} in @where, stderr) for @tool:
    the sparse client, or the GCC plugin (a .so)."""
    if tool.endswith('.so'):
        status, err = kbuild.plugin_check(tree, obj, tool, extra)
    else:
        status, err = kbuild.check(tree, obj, tool, extra)
    ours, _ = diagnostics.split_lines(err)
    found = set()
    for line in ours:
        m = diagnostics.PHYS_WARNING.match(line)
        if m and os.path.normpath(m.group('file')) == where:
            found.add((int(m.group('line')), m.group('check'), m.group('msg')))
    return status, found, err


def mutate(tree, mutation):
    path = os.path.join(tree, mutation.path)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if text.count(mutation.old) != 1:
        raise RuntimeError('%s: the code to mutate is not there exactly once' % mutation.path)
    return path, text, os.stat(path)


def tests(out, env):
    tree = env['tree']
    tools = [('sparse', os.path.join(env['root'], 'sparse-plugin', 'physcheck')),
             ('gcc', os.path.join(env['root'], 'gcc-plugin', 'physcheck_plugin.so'))]
    mutations = MUTATIONS[env['kernel']]
    objs = sorted({m.obj for m in mutations})
    status, text = kbuild.make(tree, objs)
    if not out.result(status == 0, 'kernel: build the mutated objects first', text):
        return
    for frontend, checker in tools:
        for m in mutations:
            check_mutation(out, tree, m, frontend, checker, env['root'])


def kinds(found):
    """Findings by kind: lines shift, and one message can stand twice."""
    return collections.Counter((f[1], re.sub(r'\d+', '', f[2])) for f in found)


def through_callers(root, tree, m, checker, work):
    """The findings in @m's caller's file with a database of the two
    files' facts, as @checker writes them: (status, found, stderr)."""
    facts, db = os.path.join(work, 'facts'), os.path.join(work, 'physcheck.db')
    for obj in (m.caller[0], m.obj):
        status, err = (kbuild.plugin_check if checker.endswith('.so') else kbuild.check)(
            tree, obj, checker, tool_args(checker, 'facts-dir', facts))
        if status:
            return status, set(), err
    proc = subprocess.run([sys.executable, os.path.join(root, 'scripts', 'physcheck-db'),
                           'build', facts, '-o', db], capture_output=True, text=True)
    if proc.returncode:
        return proc.returncode, set(), proc.stderr
    return findings(tree, m.caller[0], checker, m.caller[1], tool_args(checker, 'db', db))


def check_mutation(out, tree, m, frontend, checker, root):
    name = 'kernel mutation [%s]: %s' % (frontend, m.name)
    try:
        path, original, st = mutate(tree, m)
    except (OSError, RuntimeError) as e:
        out.result(False, name, str(e))
        return
    work = tempfile.mkdtemp(prefix='physcheck-mutation-')
    try:
        if m.caller:
            status0, before, _ = through_callers(root, tree, m, checker, work)
        else:
            status0, before, _ = findings(tree, m.obj, checker, m.where)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(original.replace(m.old, m.new))
        if m.caller:
            status1, after, err = through_callers(root, tree, m, checker, work)
            name += ', through its caller in %s' % m.caller[1]
        else:
            status1, after, err = findings(tree, m.obj, checker, m.where)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(original)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    # new: the mutant has more of that kind than the original, at a line
    # the original has no finding on
    extra = kinds(after) - kinds(before)
    caught = sorted(f for f in after if f[1] in m.checks and
                    (f[1], re.sub(r'\d+', '', f[2])) in extra and
                    f[0] not in {b[0] for b in before})
    ok = status0 == 0 and status1 == 0 and bool(caught)
    if m.gap and not caught:
        out.todo(name, m.gap, 'original: %s\nmutant: %s' % (sorted(before), sorted(after)))
        return
    if m.gap:
        out.result(False, name + ': caught now; drop its gap', m.gap)
        return
    out.result(ok, name + (' (%s at line %d)' % (caught[0][1], caught[0][0])
                           if caught else ''),
               'original: %s\nmutant: %s\n%s' % (sorted(before), sorted(after), err[-2000:]))

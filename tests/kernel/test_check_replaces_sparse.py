# SPDX-License-Identifier: GPL-2.0
"""make C=2 CHECK=physcheck on real kernel files: it runs where kbuild runs
sparse, takes kbuild's flags, exits 0, and prints what sparse prints.

The files are a bounded subset that x86_64 defconfig builds: the DMA
mapping core and its swiotlb and debug paths, the scatterlist library and
the block layer's mapping code, where physcheck's sources and sinks live.
"""

import os
import subprocess

import diagnostics

OBJECTS = [
    'kernel/dma/mapping.o',
    'kernel/dma/direct.o',
    'kernel/dma/swiotlb.o',
    'kernel/dma/debug.o',
    'lib/scatterlist.o',
    'block/blk-merge.o',
]


def make_c2(tree, check):
    cmd = ['make', '-s', 'ARCH=x86_64', 'C=2', 'CHECK=' + check] + OBJECTS
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=1800)
    return proc.returncode, proc.stdout + proc.stderr


def tests(out, env):
    tree = env['tree']
    physcheck = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
    # The first build compiles the objects; both runs below only check.
    status, text = make_c2(tree, 'true')
    if not out.result(status == 0, 'kernel: defconfig builds %s' % ' '.join(OBJECTS), text):
        return
    status, ours = make_c2(tree, physcheck)
    out.result(status == 0, 'kernel: make C=2 CHECK=physcheck completes (exit 0)', ours)
    status, theirs = make_c2(tree, 'sparse')
    _, ours_sparse = diagnostics.split_lines(ours)
    out.result(status == 0 and ours_sparse == theirs.splitlines(),
               'kernel: physcheck prints what sparse prints on %d files (%d lines)'
               % (len(OBJECTS), len(ours_sparse)),
               'physcheck:\n%s\nsparse:\n%s' % ('\n'.join(ours_sparse), theirs))

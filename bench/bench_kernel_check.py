# SPDX-License-Identifier: GPL-2.0
"""make C=2 with CHECK=physcheck against CHECK=sparse on real kernel trees.

The trees are the kernel tier's (tests/kernel/kernel_tree.py: Debian's
linux-source-7.3 and 6.12, x86_64 defconfig plus the DMA debug and P2PDMA
options), their objects built first so that both runs only check; sparse
is built from the source the client is built on.  The directories are the
checker issue's seven.  Goal: at most 1.05x the time and 1.2x the peak
memory of sparse.
"""

import os
import subprocess

from measure import kernel_trees, measure, reference_sparse, side_by_side

DIRS = ['kernel/dma/', 'drivers/iommu/', 'mm/', 'block/', 'drivers/nvme/', 'lib/',
        'arch/x86/']


def bench(root, rounds):
    for kernel, tree in kernel_trees(root, 'kernel_check'):
        bench_tree(root, kernel, tree, rounds)


def bench_tree(root, kernel, tree, rounds):
    sparse = reference_sparse(root)
    checker = os.path.join(root, 'sparse-plugin', 'physcheck')
    make = ['make', '-s', '-j%d' % os.cpu_count(), 'ARCH=x86_64']
    subprocess.run(make + ['C=1', 'CHECK=true'] + DIRS, cwd=tree,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def check(tool):
        return measure(make + ['C=2', 'CHECK=' + tool] + DIRS, tree)

    side_by_side('%s: make C=2 on %s' % (kernel, ' '.join(DIRS)),
                 lambda: check(sparse), lambda: check(checker), rounds, 1.05, 1.2)

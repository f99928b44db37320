# SPDX-License-Identifier: GPL-2.0
"""make C=2 with CHECK=physcheck against CHECK=sparse on a real kernel tree.

The tree is the kernel tier's (tests/kernel/kernel_tree.py: Debian's
linux-source, x86_64 defconfig plus the DMA debug and P2PDMA options),
its objects built first so that both runs only check.  The directories
are the checker issue's DMA-heavy ones.  Goal: at most 1.15x the wall
time and 1.2x the peak memory of sparse.
"""

import os
import shutil
import subprocess

from measure import kernel_tree, measure, side_by_side

DIRS = ['kernel/dma/', 'block/', 'drivers/nvme/', 'drivers/iommu/']


def bench(root, rounds):
    tree = kernel_tree(root, 'kernel_check')
    if not tree:
        return
    sparse = shutil.which('sparse')
    checker = os.path.join(root, 'sparse-plugin', 'physcheck')
    make = ['make', '-s', '-j%d' % os.cpu_count(), 'ARCH=x86_64']
    subprocess.run(make + ['C=1', 'CHECK=true'] + DIRS, cwd=tree,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def check(tool):
        return measure(make + ['C=2', 'CHECK=' + tool] + DIRS, tree)

    side_by_side('make C=2 on %s' % ' '.join(DIRS),
                 lambda: check(sparse), lambda: check(checker), rounds, 1.15, 1.2)

# SPDX-License-Identifier: GPL-2.0
"""physcheck's sparse client against sparse built from the same source.

Per file, as kbuild runs a checker: one process per translation unit.
Goal (checker issue): at most 1.15x the time and 1.2x the memory.
"""

import glob
import os

from measure import measure, reference_sparse, side_by_side


def bench(root, rounds):
    sparse = reference_sparse(root)
    if not os.path.exists(sparse):
        print('checker_vs_sparse: %s not built (make)' % sparse)
        return
    files = sorted(glob.glob(os.path.join(root, 'examples', 'drivers', '**', '*.c'),
                             recursive=True))
    flags = ['-std=gnu11', '-nostdinc', '-I' + os.path.join(root, 'include'),
             '-I' + os.path.join(root, 'examples', 'include')]
    checker = os.path.join(root, 'sparse-plugin', 'physcheck')

    def run_all(tool):
        total, peak = 0.0, 0
        for path in files:
            t, m = measure([tool] + flags + [path], root)
            total += t
            peak = max(peak, m)
        return total, peak

    side_by_side('checker vs sparse on examples/ (%d files)' % len(files),
                 lambda: run_all(sparse), lambda: run_all(checker), rounds, 1.15, 1.2)

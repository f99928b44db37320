# SPDX-License-Identifier: GPL-2.0
"""The cross-file facts' cost: make C=2 CHECK="physcheck --facts-dir=DIR"
against the same make C=2 without them, then physcheck-db build over
those facts against that pass, on the kernel tier's trees (their objects
built first, so both only check) and the checker issue's seven
directories.  Goals (the call-chain issue): the facts at most 1.10x the
pass, the solve under 1/5 of it, the database under 100 MB.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from measure import kernel_trees, measure, side_by_side
from bench_kernel_check import DIRS


def bench(root, rounds):
    for kernel, tree in kernel_trees(root, 'facts'):
        bench_tree(root, kernel, tree, rounds)


def bench_tree(root, kernel, tree, rounds):
    checker = os.path.join(root, 'sparse-plugin', 'physcheck')
    make = ['make', '-s', '-j%d' % os.cpu_count(), 'ARCH=x86_64']
    subprocess.run(make + ['C=1', 'CHECK=true'] + DIRS, cwd=tree,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with tempfile.TemporaryDirectory(prefix='physcheck-bench-facts-') as tmp:
        facts = os.path.join(tmp, 'facts')
        passes = []

        def plain():
            return measure(make + ['C=2', 'CHECK=' + checker] + DIRS, tree)

        def with_facts():
            shutil.rmtree(facts, ignore_errors=True)
            result = measure(make + ['C=2', 'CHECK=%s --facts-dir=%s' % (checker, facts)]
                             + DIRS, tree)
            passes.append(result[0])
            return result

        side_by_side('%s: make C=2 with --facts-dir vs without, on %s'
                     % (kernel, ' '.join(DIRS)), plain, with_facts, rounds, 1.10, 1.2)
        db = os.path.join(tmp, 'physcheck.db')
        solves = []
        for _ in range(rounds):
            start = time.monotonic()
            subprocess.run([sys.executable, os.path.join(root, 'scripts', 'physcheck-db'),
                            'build', facts, '-o', db], check=True, stdout=subprocess.DEVNULL)
            solves.append(time.monotonic() - start)
        solve, made = statistics.median(solves), statistics.median(passes)
        print('  solve  %.3fs vs the facts pass %.3fs  ratio %.3fx (goal < 0.20x)\n'
              '  database %.1f MB (goal < 100 MB)'
              % (solve, made, solve / made, os.path.getsize(db) / 1e6))

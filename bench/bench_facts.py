# SPDX-License-Identifier: GPL-2.0
"""The cross-file facts' cost: make C=2 CHECK="physcheck --facts-dir=DIR"
against the same make C=2 without them, then physcheck-db build over
those facts against that pass, on the kernel tier's trees (their objects
built first, so both only check) and the checker issue's seven
directories.  Goals (the call-chain issue): the facts at most 1.10x the
pass, the solve under 1/5 of it, the database under 100 MB.  Beside the
time, the instructions (callgrind) of the client with and without the
facts on the heaviest files, each with its kbuild command line.
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
from bench_instructions import CALLGRIND, callgrind

# the client's heaviest files (bench_instructions.py), and the DMA API's
HEAVY = ['mm/memory.o', 'lib/iov_iter.o', 'mm/compaction.o', 'block/bio.o',
         'kernel/dma/direct.o', 'kernel/dma/mapping.o', 'kernel/dma/swiotlb.o',
         'drivers/iommu/dma-iommu.o']


def bench(root, rounds):
    for kernel, tree in kernel_trees(root, 'facts'):
        bench_tree(root, kernel, tree, rounds)


def instructions(root, tree, facts):
    """Per file: (object, without, with) instructions of the client."""
    import kbuild
    checker = os.path.join(root, 'sparse-plugin', 'physcheck')
    results = []
    for obj in HEAVY:
        args = kbuild.CHECKFLAGS + kbuild.saved_flags(tree, obj) + [obj[:-2] + '.c']
        without = callgrind(CALLGRIND + [checker] + args, tree)
        with_facts = callgrind(CALLGRIND + [checker, '--facts-dir=' + facts] + args, tree)
        if without and with_facts:
            results.append((obj, without, with_facts))
    return results


def report_instructions(results):
    base = sum(b for _, b, _ in results)
    cand = sum(c for _, _, c in results)
    print('  instructions, %d heavy files: %d vs %d  ratio %.3fx (goal <= 1.10x)'
          % (len(results), base, cand, cand / max(base, 1)))
    for obj, b, c in sorted(results, key=lambda r: -r[2] / r[1]):
        print('    %-40s %15d %15d %.3fx' % (obj, b, c, c / b))


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
        report_instructions(instructions(root, tree, os.path.join(tmp, 'heavy-facts')))

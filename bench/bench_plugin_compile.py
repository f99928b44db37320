# SPDX-License-Identifier: GPL-2.0
"""Compiling kernel/dma/, mm/ and block/ with the GCC plugin and without.

The trees are the kernel tier's (tests/kernel/kernel_tree.py: 7.3, 6.12).  kbuild
builds the directories once so that each object has its saved command;
then every object (tests/kernel/kbuild.py: built_objects) is compiled with
that command, once without and once with -fplugin, one compile at a time,
the two side by side for each object and round, into a scratch directory
(the tree is not written).  Time is CPU time (user and system, of gcc and
cc1 and as), which a busy machine disturbs far less than wall time: the
sum over the objects of each one's median.  Memory is the peak RSS of the
compiler (cc1), the largest over the objects, and the largest ratio of
one object's two peaks is named too.  `bench/run bench_plugin_compile
--rounds 1` takes about 15 minutes on 2 cores.
Goal: at most 1.03x the time and 1.05x the memory of plain gcc.
"""

import os
import statistics
import tempfile

from measure import kernel_trees, measure_cpu

DIRS = ['kernel/dma/', 'mm/', 'block/']
GOAL_TIME = 1.03
GOAL_MEM = 1.05


def report(title, objects, plain, plugged):
    """Print one line pair for @objects given {obj: [(s, KiB), ...]}."""
    pt = sum(statistics.median(t for t, _ in plain[o]) for o in objects)
    ct = sum(statistics.median(t for t, _ in plugged[o]) for o in objects)
    pm = max(max(m for _, m in plain[o]) for o in objects)
    cm = max(max(m for _, m in plugged[o]) for o in objects)
    worst = max(objects, key=lambda o: max(m for _, m in plugged[o]) /
                max(m for _, m in plain[o]))
    wr = max(m for _, m in plugged[worst]) / max(m for _, m in plain[worst])
    print('%s (%d objects)\n'
          '  CPU time %.1fs vs %.1fs  ratio %.3fx (goal <= %.2fx)\n'
          '  memory %d KiB vs %d KiB  ratio %.3fx (goal <= %.2fx); '
          'largest for one object %.3fx (%s)'
          % (title, len(objects), pt, ct, ct / pt, GOAL_TIME, pm, cm, cm / pm,
             GOAL_MEM, wr, worst))


def bench(root, rounds):
    for kernel, tree in kernel_trees(root, 'plugin_compile'):
        bench_tree(root, kernel, tree, rounds)


def bench_tree(root, kernel, tree, rounds):
    import kbuild  # beside kernel_tree, on the path kernel_tree() set
    build = os.path.join(root, 'build')
    status, text = kbuild.make(tree, DIRS)
    if status:
        print('plugin_compile: kbuild failed:\n%s' % text[-2000:])
        return
    plugin = os.path.join(root, 'gcc-plugin', 'physcheck_plugin.so')
    by_dir = {d: kbuild.built_objects(tree, d) for d in DIRS}
    objects = [o for d in DIRS for o in by_dir[d]]
    plain = {o: [] for o in objects}
    plugged = {o: [] for o in objects}
    with tempfile.TemporaryDirectory(prefix='bench-', dir=build) as tmp:
        target = os.path.join(tmp, 'out.o')

        def compile_cmd(obj, extra):
            return (['gcc'] + kbuild.saved_flags(tree, obj) + ['-Wno-error'] + extra +
                    ['-c', '-o', target, obj[:-2] + '.c'])

        for _ in range(rounds):
            for obj in objects:
                plain[obj].append(measure_cpu(compile_cmd(obj, []), tree))
                plugged[obj].append(measure_cpu(compile_cmd(obj, ['-fplugin=' + plugin]),
                                                tree))
    for d in DIRS:
        report('%s: gcc with and without physcheck_plugin.so on %s' % (kernel, d),
               by_dir[d], plain, plugged)
    report('%s: gcc with and without physcheck_plugin.so on %s' % (kernel, ' '.join(DIRS)),
           objects, plain, plugged)


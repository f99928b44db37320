# SPDX-License-Identifier: GPL-2.0
"""physcheck-convert over a whole kernel tree against plain spatch --dir.

The tree is the kernel tier's (tests/kernel/kernel_tree.py: Debian's
linux-source), read only: both sides run in patch mode and their diffs go
nowhere.  The baseline is one `spatch --dir` run per rule of cocci/, with
the rule's own options, one after the other, as `make coccicheck` would
run them; physcheck-convert runs every rule, composes their effects and
accounts for every call site.  Both get the same jobs (the machine's CPUs,
at most two).  One interleaved round: each side takes a minute or more.
Goals: physcheck-convert under 60 s wall on two cores, and no slower than
the plain runs.
"""

import glob
import os
import re
import shutil

from measure import kernel_trees, run_usage, side_by_side

GOAL_SECONDS = 60


def rule_options(path):
    with open(path, encoding='utf-8') as f:
        m = re.search(r'^//\s*Options:(.*)$', f.read(), re.M)
    return m.group(1).split() if m else []


def measure(cmd, cwd, cpu):
    """measure.measure(), and the CPU seconds of the run appended to cpu:
    on a shared machine the wall time says more about the neighbours than
    about the run, so the CPU time is printed beside it."""
    elapsed, seconds, peak = run_usage(cmd, cwd)
    cpu.append(seconds)
    return elapsed, peak


def bench(root, rounds):
    for kernel, tree in kernel_trees(root, 'convert_tree'):
        bench_tree(root, kernel, tree, rounds)


def bench_tree(root, kernel, tree, rounds):
    spatch = shutil.which(os.environ.get('SPATCH') or 'spatch')
    if not spatch:
        print('convert_tree: spatch not found')
        return
    jobs = str(max(1, min(2, len(os.sched_getaffinity(0)))))
    rules = sorted(glob.glob(os.path.join(root, 'cocci', '*.cocci')))
    script = os.path.join(root, 'scripts', 'physcheck-convert')
    # spatch runs from the project's top: in the tree it would read the
    # kernel's .cocciconfig, whose --use-gitgrep finds nothing in a tarball
    cwd = root

    plain_cpu, convert_cpu, results = [], [], []

    def plain():
        total, peak = 0.0, 0
        for rule in rules:
            secs, mem = measure([spatch, '-D', 'patch', '--very-quiet', '--timeout', '200',
                                 '-j', jobs, '--cocci-file', rule] + rule_options(rule) +
                                ['--dir', tree], cwd, plain_cpu)
            total += secs
            peak = max(peak, mem)
        return total, peak

    def candidate():
        results.append(measure([script, '-j', jobs, tree], cwd, convert_cpu))
        return results[-1]

    side_by_side('%s: whole tree: physcheck-convert (%d rules) vs one spatch --dir per '
                 'rule, -j %s' % (kernel, len(rules), jobs),
                 plain, candidate, 1, 1.0, 1.5)
    secs = min(t for t, _ in results)
    print('  cpu    %.1fs vs %.1fs  ratio %.3fx\n'
          '  physcheck-convert %.1fs wall (goal < %ds on 2 cores): %s; load average %.1f'
          % (sum(plain_cpu), sum(convert_cpu), sum(convert_cpu) / sum(plain_cpu), secs,
             GOAL_SECONDS, 'met' if secs < GOAL_SECONDS else 'not met', os.getloadavg()[0]))

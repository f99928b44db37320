# SPDX-License-Identifier: GPL-2.0
"""Wall time and peak memory of a command, and side-by-side ratios."""

import os
import statistics
import subprocess
import sys
import time


def run_usage(cmd, cwd, ok=(0, 1)):
    """Return (wall seconds, CPU seconds (user and system), peak RSS in KiB
    of the children) for one run; an exit status outside @ok raises.  1
    counts as a run by default (sparse and its clients exit 1 on findings
    under -Wsparse-error); gcc's 1 is an error."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in ok:
        raise RuntimeError('%s exited with %d' % (' '.join(cmd), code))
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def measure(cmd, cwd):
    """Return (seconds, peak RSS in KiB of the children) for one run."""
    elapsed, _, peak = run_usage(cmd, cwd)
    return elapsed, peak


def measure_cpu(cmd, cwd):
    """Return (CPU seconds, peak RSS in KiB of the children) for one run:
    on a shared machine the CPU time a compile takes varies far less than
    its wall time."""
    _, cpu, peak = run_usage(cmd, cwd)
    return cpu, peak


def kernel_trees(root, bench_name):
    """[(kernel, prepared tree)] of the kernel tier's kernels (7.3, then
    6.12); one that cannot be had is said and left out."""
    sys.path.insert(0, os.path.join(root, 'tests', 'kernel'))
    sys.path.insert(0, os.path.join(root, 'tests'))
    import kernel_tree as tier
    trees = []
    for kernel in tier.KERNELS:
        try:
            trees.append((kernel, tier.prepare(os.path.join(root, 'build'), kernel)))
        except tier.Unavailable as e:
            print('%s: %s: %s' % (bench_name, kernel, e))
    return trees


def reference_sparse(root):
    """sparse built from the source the client is built on."""
    sys.path.insert(0, os.path.join(root, 'tests'))
    import reference
    return reference.sparse_binary(os.path.join(root, 'build'))


def side_by_side(title, baseline, candidate, rounds, goal_time, goal_mem):
    """Run baseline() and candidate() (each returns (s, KiB)) interleaved."""
    base, cand = [], []
    for _ in range(rounds):
        base.append(baseline())
        cand.append(candidate())
    bt = statistics.median(t for t, _ in base)
    ct = statistics.median(t for t, _ in cand)
    bm = max(m for _, m in base)
    cm = max(m for _, m in cand)
    print('%s\n  time   %.3fs vs %.3fs  ratio %.3fx (goal <= %.2fx)\n'
          '  memory %d KiB vs %d KiB  ratio %.3fx (goal <= %.2fx)'
          % (title, bt, ct, ct / bt, goal_time, bm, cm, cm / bm, goal_mem))

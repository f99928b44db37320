# SPDX-License-Identifier: GPL-2.0
"""Wall time and peak memory of a command, and side-by-side ratios."""

import os
import statistics
import subprocess
import time


def measure(cmd, cwd):
    """Return (seconds, peak RSS in KiB of the children) for one run."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError('%s exited with %d' % (' '.join(cmd), code))
    return elapsed, usage.ru_maxrss


def measure_cpu(cmd, cwd):
    """Return (CPU seconds, user and system, and peak RSS in KiB of the
    children) for one run: on a shared machine the CPU time a compile
    takes varies far less than its wall time."""
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError('%s exited with %d' % (' '.join(cmd), code))
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


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

# SPDX-License-Identifier: GPL-2.0
"""Instructions and peak memory per file: physcheck against its baseline.

One wall-time ratio over a directory hides the files that cost the most.
An instruction count does not move with the machine's load (valgrind
--tool=callgrind is deterministic), so it can be taken per file and read
side by side:

  client  sparse built from the client's own source, against
          sparse-plugin/physcheck, each with the file's kbuild flags, over
          the kernel tier's seven directories;
  plugin  cc1 alone (gcc -S under -wrapper valgrind) with and without
          -fplugin=physcheck_plugin.so, over kernel/dma/ mm/ block/.

callgrind runs the program about 20 times slower, so a run samples: every
Nth file by name (--sample N files per kernel and front end), always the
ten worst of the last run, kept in build/bench/, and, with --screen N,
the N files whose peak memory grows the most when every file is run
natively first: the IR the client builds is what costs it, so a file
far over the goal, as lib/zstd's decompressors were at 1.17x (and
1.19x in memory), is counted even when neither the Nth-file sample nor
the last run held it.  Each front end gets
the aggregate (the sums' ratio), the distribution of the per-file ratios
and the ten worst files by name.  Goals (the performance issue): the
client at most 1.10x on every file and 1.03x in aggregate, the plugin at
most 1.03x on every object.

--measure memory takes the peak RSS of each run instead (no callgrind:
the children's ru_maxrss, cc1's for the plugin), over every file unless
--sample says otherwise; the goals are 1.2x (client) and 1.05x (plugin)
on every file.  Wall time is bench_kernel_check's and
bench_plugin_compile's.

  bench/run bench_instructions                  both front ends, 7.3
  bench/bench_instructions.py --frontend client --sample 60 --kernel linux-source-6.12
  bench/bench_instructions.py --frontend client --sample 30 --screen 20
  bench/bench_instructions.py --measure memory --kernel linux-source-6.12
"""

import argparse
import concurrent.futures
import json
import math
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from measure import kernel_trees, reference_sparse, run_usage  # noqa: E402

CLIENT_DIRS = ['kernel/dma/', 'drivers/iommu/', 'mm/', 'block/', 'drivers/nvme/', 'lib/',
               'arch/x86/']
PLUGIN_DIRS = ['kernel/dma/', 'mm/', 'block/']
# per file, aggregate
GOALS = {('instructions', 'client'): (1.10, 1.03), ('instructions', 'plugin'): (1.03, 1.03),
         ('memory', 'client'): (1.20, 1.20), ('memory', 'plugin'): (1.05, 1.05)}
COLLECTED = re.compile(r'Collected : (\d+)')
CALLGRIND = ['valgrind', '--tool=callgrind', '--callgrind-out-file=/dev/null']
WORST_KEPT = 10


def callgrind(cmd, cwd, ok):
    """Instructions the command's processes ran (summed: gcc's wrapper runs
    cc1 under valgrind), or None if it failed (an exit status outside @ok)."""
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    counts = [int(n) for n in COLLECTED.findall(proc.stderr)]
    return sum(counts) if counts and proc.returncode in ok else None


def peak_memory(cmd, cwd, ok):
    """Peak RSS in KiB of the command and its children, or None if it failed."""
    try:
        return run_usage(cmd, cwd, ok)[2]
    except RuntimeError:
        return None


MEASURES = {'instructions': callgrind, 'memory': peak_memory}


def client_pair(root, tree, kbuild, obj, measure):
    args = kbuild.CHECKFLAGS + kbuild.saved_flags(tree, obj) + [obj[:-2] + '.c']
    under = CALLGRIND if measure == 'instructions' else []
    return (under + [reference_sparse(root)] + args,
            under + [os.path.join(root, 'sparse-plugin', 'physcheck')] + args)


def plugin_pair(root, tree, kbuild, obj, measure):
    wrapper = ['-wrapper', ','.join(CALLGRIND)] if measure == 'instructions' else []
    base = (['gcc'] + kbuild.saved_flags(tree, obj) + ['-Wno-error', '-S', '-o', os.devnull]
            + wrapper)
    plugin = os.path.join(root, 'gcc-plugin', 'physcheck_plugin.so')
    return (base + [obj[:-2] + '.c'], base + ['-fplugin=' + plugin, obj[:-2] + '.c'])


def state_path(root, kernel, frontend, measure):
    name = 'instructions' if measure == 'instructions' else measure + '-peak'
    return os.path.join(root, 'build', 'bench', '%s-%s-%s.json' % (name, kernel, frontend))


def sample(objects, size, worst):
    """Every Nth object by name, and the last run's worst ones."""
    objects = sorted(objects)
    step = max(1, len(objects) // size) if size else 1
    chosen = set(objects[::step][:size] if size else objects)
    return sorted(chosen | (set(worst) & set(objects)))


def count(root, tree, kbuild, frontend, objects, jobs, measure='instructions'):
    pair = client_pair if frontend == 'client' else plugin_pair
    take = MEASURES[measure]
    # sparse exits 1 on what -Werror makes errors; gcc (-Wno-error) only on one
    ok = (0, 1) if frontend == 'client' else (0,)

    def one(obj):
        base_cmd, cand_cmd = pair(root, tree, kbuild, obj, measure)
        return obj, take(base_cmd, tree, ok), take(cand_cmd, tree, ok)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        return [r for r in pool.map(one, objects) if r[1] and r[2]]


def screen(root, tree, kbuild, frontend, objects, jobs, size):
    """Every object run natively once by each program; the @size objects
    whose peak memory grows the most, worst first.  Peak memory tracks
    the unit's IR, which is what the lowering and the engine work
    through, and it does not move with the machine's load: CPU time
    does, by 30% either way on a 0.2 s run here (a file physcheck does
    not even analyse screened at 1.28x), so it cannot choose."""
    pair = client_pair if frontend == 'client' else plugin_pair
    ok = (0, 1) if frontend == 'client' else (0,)

    def one(obj):
        base_cmd, cand_cmd = pair(root, tree, kbuild, obj, 'memory')
        return obj, peak_memory(base_cmd, tree, ok), peak_memory(cand_cmd, tree, ok)

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        peaks = [r for r in pool.map(one, objects) if r[1] and r[2]]
    ratios = sorted(((obj, c / b) for obj, b, c in peaks), key=lambda r: r[1], reverse=True)
    print('  screened %d of %d files by peak memory; the %d highest ratios: %s'
          % (len(peaks), len(objects), min(size, len(ratios)),
             ', '.join('%s %.3fx' % r for r in ratios[:size])))
    return [obj for obj, _ in ratios[:size]]


def report(kernel, frontend, total, results, failed, measure='instructions'):
    """The aggregate (the sums' ratio; for memory, the largest peaks'), the
    distribution of the per-file ratios and the ten worst files."""
    per_file, aggregate = GOALS[measure, frontend]
    ratios = sorted(c / b for _, b, c in results)
    base = sum(b for _, b, _ in results)
    cand = sum(c for _, _, c in results)
    worst = sorted(results, key=lambda r: r[2] / r[1], reverse=True)[:WORST_KEPT]
    over = sum(1 for r in ratios if r > per_file)
    if measure == 'memory':
        base = max(b for _, b, _ in results)
        cand = max(c for _, _, c in results)
    print('%s: %s, %d of %d files (%d failed to run): %s'
          % (kernel, frontend, len(results), total, failed,
             'instructions, callgrind' if measure == 'instructions' else 'peak RSS, KiB'))
    print('  %s %s vs %s  ratio %.3fx (goal <= %.2fx)'
          % ('aggregate' if measure == 'instructions' else 'largest peak', format(base, ','),
             format(cand, ','), cand / base, aggregate))
    print('  per file: min %.3fx  median %.3fx  90%% %.3fx  max %.3fx; '
          '%d over %.2fx' % (ratios[0], statistics.median(ratios),
                             ratios[math.ceil(0.9 * len(ratios)) - 1], ratios[-1], over,
                             per_file))
    for obj, b, c in worst:
        print('    %-40s %15s %15s %.3fx' % (obj, format(b, ','), format(c, ','), c / b))
    return [obj for obj, _, _ in worst]


def bench_kernel(root, kernel, tree, frontend, size, jobs, measure='instructions', suspects=0):
    import kbuild  # beside kernel_tree, on the path kernel_trees() set
    dirs = CLIENT_DIRS if frontend == 'client' else PLUGIN_DIRS
    status, text = kbuild.make(tree, dirs)
    if status:
        print('instructions: %s: kbuild failed:\n%s' % (kernel, text[-2000:]))
        return
    objects = [o for d in dirs for o in kbuild.built_objects(tree, d)
               if os.path.exists(os.path.join(tree, o[:-2] + '.c'))]
    path = state_path(root, kernel, frontend, measure)
    try:
        with open(path, encoding='utf-8') as f:
            worst = json.load(f)
    except (OSError, ValueError):
        worst = []
    if suspects:
        worst = worst + screen(root, tree, kbuild, frontend, objects, jobs, suspects)
    chosen = sample(objects, size, worst)
    results = count(root, tree, kbuild, frontend, chosen, jobs, measure)
    if not results:
        print('%s: %s: %s: no file could be measured' % (measure, kernel, frontend))
        return
    worst = report(kernel, frontend, len(objects), results, len(chosen) - len(results),
                   measure)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + '.tmp', 'w', encoding='utf-8') as f:
        json.dump(worst, f)
    os.replace(path + '.tmp', path)


def run(root, frontends, kernels, size, jobs, measure='instructions', suspects=0):
    for kernel, tree in kernel_trees(root, measure):
        if kernels and kernel not in kernels:
            continue
        for frontend in frontends:
            bench_kernel(root, kernel, tree, frontend, size, jobs, measure, suspects)


def bench(root, rounds):
    """bench/run: both front ends on the main kernel, 40 files each, and
    for the client the 20 its screen of every file names (callgrind
    counts do not vary, so @rounds is moot)."""
    del rounds
    jobs = os.cpu_count() or 1
    run(root, ['client'], ['linux-source-7.3'], 40, jobs, suspects=20)
    run(root, ['plugin'], ['linux-source-7.3'], 40, jobs)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--frontend', choices=['client', 'plugin'], action='append',
                        help='front end to count (default: both)')
    parser.add_argument('--kernel', action='append',
                        help='kernel of the tier (default: linux-source-7.3)')
    parser.add_argument('--measure', choices=sorted(MEASURES), default='instructions',
                        help='what to take of each run (default instructions)')
    parser.add_argument('--sample', type=int,
                        help='files per kernel and front end, 0 for all '
                        '(default 40 for instructions, 0 for memory)')
    parser.add_argument('--screen', type=int, default=0, metavar='N',
                        help='run every file natively first and count the N whose peak '
                        'memory grows most too (instructions only)')
    parser.add_argument('--objects', nargs='*', help='count these objects only')
    parser.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    root = os.path.abspath(os.path.join(HERE, '..'))
    if args.sample is None:
        args.sample = 40 if args.measure == 'instructions' else 0
    if args.objects:
        for kernel, tree in kernel_trees(root, args.measure):
            if kernel not in (args.kernel or ['linux-source-7.3']):
                continue
            import kbuild
            for frontend in args.frontend or ['client', 'plugin']:
                results = count(root, tree, kbuild, frontend, args.objects, args.jobs,
                                args.measure)
                if results:
                    report(kernel, frontend, len(args.objects), results,
                           len(args.objects) - len(results), args.measure)
        return 0
    run(root, args.frontend or ['client', 'plugin'], args.kernel or ['linux-source-7.3'],
        args.sample, args.jobs, args.measure,
        args.screen if args.measure == 'instructions' else 0)
    return 0


if __name__ == '__main__':
    sys.exit(main())

# SPDX-License-Identifier: GPL-2.0
"""`make C=2 CHECK=physcheck` over the checker issue's directories.

It must complete (exit 0, no crash), print every line sparse prints there,
and its findings must be exactly the ones listed, each with a verdict, in
findings-<tree>.txt beside this file.  The same pass writes the tree's
cross-file facts (--facts-dir) for test_cross_file.py.
The share of false positives among them is reported in the test's name,
and must stay at or under the checker's goal (FALSE_GOAL).
"""

import collections
import os
import shutil
import subprocess

import diagnostics
import reference

KERNELS = ['linux-source-7.3', 'linux-source-6.12']

# the checker issue's seven directories, and drivers/pci/ for p2pdma.c;
# drivers/xen/ builds nothing in the tier's configuration
DIRS = ['kernel/dma/', 'drivers/iommu/', 'mm/', 'block/', 'drivers/nvme/',
        'lib/', 'arch/x86/', 'drivers/pci/']
CRASH = ('Segmentation fault', 'core dumped', 'Aborted', 'internal error')
# true: a real caller brings MMIO there (its path is given); false: it
# cannot happen (why); unproven: no such caller was found (where we looked)
VERDICTS = ('true', 'false', 'unproven')
# not a finding: a file with an error sparse reported
INCOMPLETE = 'phys-incomplete'
# the checker's goal: false positives at most 10% of a findings list
FALSE_GOAL = 0.10


def false_share_ok(false, total):
    """Whether @false of @total findings meets FALSE_GOAL."""
    return false <= FALSE_GOAL * total


def load_verdicts(path):
    """(file, check, message) -> [verdict, ...] from the verdict file."""
    verdicts = collections.defaultdict(list)
    head = None
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line or line.startswith('#'):
                continue
            if line.startswith('|') and head:
                verdicts[(head[0], head[1], line[1:])].append(head[2])
                head = None
                continue
            where, check, rest = line.split(' ', 2)
            verdict = rest.split(':', 1)[0]
            if verdict not in VERDICTS:
                raise ValueError('%s: verdict must be one of %s: %s'
                                 % (path, ', '.join(VERDICTS), line))
            head = (where.rsplit(':', 1)[0], check, verdict)
    return verdicts


def found(text):
    """(findings, the files not analysed in full) in a C=2 log."""
    ours, _ = diagnostics.split_lines(text)
    keys = collections.Counter()
    incomplete = set()
    for line in ours:
        m = diagnostics.PHYS_WARNING.match(line)
        if m and m.group('check') == INCOMPLETE:
            incomplete.add(os.path.normpath(m.group('file')))
        elif m:
            keys[(os.path.normpath(m.group('file')), m.group('check'), m.group('msg'))] += 1
    return keys, incomplete


def make_c2(tree, check):
    """The pass, with PHYSCHECK_VERIFY_SKIP: a file the client would leave
    unanalysed without --facts-dir (it declares no sink, attrs mapper or
    linearmap base and holds no annotation) is analysed here for its
    facts, and a finding in it is an internal error (CRASH)."""
    cmd = ['make', '-k', '-s', '-j%d' % os.cpu_count(), 'ARCH=x86_64', 'C=2',
           'CHECK=' + check] + DIRS
    return subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=4800,
                          env=dict(os.environ, PHYSCHECK_VERIFY_SKIP='1'))


def facts_dir(env):
    """Where the run writes the cross-file facts (--facts-dir), for
    test_cross_file.py: the same pass, never a second one."""
    return os.path.join(env['build'], 'tests', 'kernel-facts-%s'
                        % os.path.basename(env['tree']))


def log_path(env):
    """Where the run's output is kept for test_gate.py, which makes its
    baseline from it rather than check the seven directories again."""
    return os.path.join(env['build'], 'tests', 'kernel-c2-%s.log'
                        % os.path.basename(env['tree']))


def save_log(env, text):
    path = log_path(env)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + '.tmp', 'w', encoding='utf-8') as f:
        f.write(text)
    os.replace(path + '.tmp', path)


def check_parity(out, env, ours_text):
    """sparse's own lines, the same with either checker (as multisets:
    make -j interleaves the files' output differently run to run), and
    the same exit status: an error sparse lets through stops neither."""
    proc = make_c2(env['tree'], reference.sparse_binary(env['build']))
    _, ours = diagnostics.split_lines(ours_text)
    theirs = (proc.stdout + proc.stderr).splitlines()
    diff_ours = collections.Counter(ours) - collections.Counter(theirs)
    diff_theirs = collections.Counter(theirs) - collections.Counter(ours)
    out.result(proc.returncode == 0 and not diff_ours and not diff_theirs,
               'kernel parity: physcheck prints what sparse prints over %s (%d lines), '
               'and both complete' % (' '.join(DIRS), len(theirs)),
               'only physcheck:\n%s\nonly sparse:\n%s' % (
                   '\n'.join(sorted(diff_ours)[:20]), '\n'.join(sorted(diff_theirs)[:20])))


def tests(out, env):
    tree = env['tree']
    listing = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           'findings-%s.txt' % os.path.basename(tree))
    if not os.path.exists(listing):
        out.result(False, 'kernel findings: no verdict list %s for this tree'
                   % os.path.basename(listing))
        return
    checker = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
    facts = facts_dir(env)
    shutil.rmtree(facts, ignore_errors=True)
    proc = make_c2(tree, '%s --facts-dir=%s' % (checker, facts))
    text = proc.stdout + proc.stderr
    if proc.returncode == 0:
        save_log(env, text)
    crashed = [line for line in text.splitlines() if any(c in line for c in CRASH)]
    out.result(proc.returncode == 0 and not crashed,
               'kernel findings: make C=2 CHECK=physcheck over %s completes' % ' '.join(DIRS),
               '\n'.join(crashed) or text[-3000:])
    check_parity(out, env, text)
    verdicts = load_verdicts(listing)
    have, incomplete = found(text)
    want = collections.Counter({k: len(v) for k, v in verdicts.items()})
    count = {k: sum(v.count(k) for v in verdicts.values()) for k in VERDICTS}
    total = sum(len(v) for v in verdicts.values())
    unlisted = have - want
    gone = want - have
    out.result(not unlisted and not gone and false_share_ok(count['false'], total),
               'kernel findings: %d findings, each listed with a verdict (%d true, %.0f%%; '
               '%d false, %.0f%%; %d unproven); %d files not analysed in full'
               % (total, count['true'], 100.0 * count['true'] / max(total, 1),
                  count['false'], 100.0 * count['false'] / max(total, 1), count['unproven'],
                  len(incomplete)),
               'not listed:\n%s\nlisted, no longer found:\n%s' % (
                   '\n'.join('  %s %s: %s' % k for k in sorted(unlisted)),
                   '\n'.join('  %s %s: %s' % k for k in sorted(gone))))

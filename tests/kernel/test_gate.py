# SPDX-License-Identifier: GPL-2.0
"""scripts/physcheck-gate on the real tree: a baseline, a bad patch, a revert.

The baseline holds the checker's findings over the checker issue's seven
directories (from the log test_checker_findings.py keeps, when it is newer
than the checker; else this module runs `make C=2` itself) and the
conversion rules' report over the same directories.  A throwaway git
repository under build/ (its git dir there, the tree as its work tree,
only kernel/dma/mapping.c tracked) then gets a commit that adds one bad
path and one dma_map_page() call to that file: the gate, in range mode,
must report exactly those two, in text, JSON and SARIF.  The file is put
back, whatever happens, with a new mtime so that make rebuilds its
object, and a commit of the original must pass the gate.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

import sarif
import test_checker_findings

TARGET = 'kernel/dma/mapping.c'
PATCH = '''
/* added by physcheck's gate test: a CPU read of a scatterlist's phys */
static __maybe_unused void *physcheck_gate_peek(struct scatterlist *sg)
{
	return phys_to_virt(sg_phys(sg));
}

/* added by physcheck's gate test: a page-based mapping */
static __maybe_unused dma_addr_t physcheck_gate_map(struct device *dev, struct page *page)
{
	return dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
}
'''
WANT = [
    ('convert-dma_map_page', 'physcheck_gate_map',
     'use dma_map_phys() instead of dma_map_page()'),
    ('phys-kmap', 'physcheck_gate_peek',
     'phys that may be MMIO reaches phys_to_virt(): a CPU access to device memory through a kernel mapping'),
]
NEW_LINE = re.compile(r'^>> (\S+):(\d+):(\d+): physcheck: (.*) \[([\w-]+)\]$')
SUMMARY = re.compile(r'^physcheck-gate: (\d+) new, (\d+) fixed, (\d+) unchanged$')


def run(cmd, cwd, env=None, timeout=1800):
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    return proc.returncode, proc.stdout, proc.stderr


def checker_log(env, checker):
    """The C=2 log over the seven directories: kept, or made now."""
    path = test_checker_findings.log_path(env)
    model = os.path.join(env['root'], 'model', 'kernel.model')
    if os.path.exists(path) and os.path.getmtime(path) > max(os.path.getmtime(checker),
                                                              os.path.getmtime(model)):
        return path, 'kept'
    proc = test_checker_findings.make_c2(env['tree'], checker)
    if proc.returncode:
        raise RuntimeError('make C=2 failed:\n' + (proc.stdout + proc.stderr)[-3000:])
    test_checker_findings.save_log(env, proc.stdout + proc.stderr)
    return path, 'made'


def summary(text):
    for line in text.splitlines():
        m = SUMMARY.match(line)
        if m:
            return tuple(int(x) for x in m.groups())
    return None


def sha(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def restore_after_kill(tree, work):
    """A run killed while the patch was in (a time limit) left the patched
    file in the shared tree: put back the base commit's text."""
    gitdir = os.path.join(work, 'git')
    if not os.path.isdir(gitdir):
        return
    env = dict(os.environ, GIT_DIR=gitdir, GIT_WORK_TREE=tree)
    proc = subprocess.run(['git', 'show', 'base:' + TARGET], cwd=tree, env=env,
                          capture_output=True)
    target = os.path.join(tree, TARGET)
    if proc.returncode == 0 and proc.stdout:
        with open(target, 'rb') as f:
            if f.read() == proc.stdout:
                return
        with open(target, 'wb') as f:
            f.write(proc.stdout)


def tests(out, env):
    tree = env['tree']
    # one per kernel: a base commit is only ever put back into its own tree
    work = os.path.join(env['build'], 'tests', 'gate-kernel', os.path.basename(tree))
    restore_after_kill(env['tree'], work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    checker = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
    gate = [sys.executable, os.path.join(env['root'], 'scripts', 'physcheck-gate')]
    baseline = os.path.join(work, 'baseline.json')

    start = time.monotonic()
    log, how = checker_log(env, checker)
    convert_log = os.path.join(work, 'convert.log')
    status, text, err = run([sys.executable, os.path.join(env['root'], 'scripts',
                                                          'physcheck-convert'),
                             '--mode', 'report', '-j', str(os.cpu_count())]
                            + test_checker_findings.DIRS, tree)
    with open(convert_log, 'w', encoding='utf-8') as f:
        f.write(text)
    status2, text2, err2 = run(gate + ['--log', 'checker=' + log, '--log',
                                       'convert=' + convert_log, '--source-root', tree,
                                       '--baseline', baseline, '--update-baseline'], tree)
    entries = []
    if os.path.exists(baseline):
        with open(baseline, encoding='utf-8') as f:
            entries = json.load(f)['findings']
    counts = {t: sum(e['count'] for e in entries if e['tool'] == t)
              for t in ('checker', 'convert')}
    out.result(status == 0 and status2 == 0 and counts['checker'] > 0
               and counts['convert'] > 0,
               'kernel gate: a baseline of %s: %d checker and %d conversion findings '
               '(C=2 log %s, %.0fs)' % (' '.join(test_checker_findings.DIRS),
                                        counts['checker'], counts['convert'], how,
                                        time.monotonic() - start),
               err[-2000:] + text2 + err2)

    # the throwaway repository: its git dir here, the tree its work tree
    gitenv = dict(os.environ, GIT_DIR=os.path.join(work, 'git'), GIT_WORK_TREE=tree,
                  GIT_AUTHOR_NAME='physcheck tests', GIT_COMMITTER_NAME='physcheck tests',
                  GIT_AUTHOR_EMAIL='tests@physcheck.invalid',
                  GIT_COMMITTER_EMAIL='tests@physcheck.invalid')

    def git(*args):
        status, text, err = run(['git', '-c', 'commit.gpgsign=false'] + list(args), tree,
                                gitenv)
        if status:
            raise RuntimeError('git %s: %s' % (' '.join(args), err))
        return text

    target = os.path.join(tree, TARGET)
    original_sha = sha(target)
    with open(target, 'rb') as f:
        original = f.read()
    git('init', '-q')
    git('add', '-f', TARGET)
    git('commit', '-q', '-m', 'base')
    git('tag', 'base')
    res = os.path.join(work, 'patched')
    start = time.monotonic()
    try:
        with open(target, 'ab') as f:
            f.write(PATCH.encode())
        git('commit', '-q', '-a', '-m', 'a bad path and a dma_map_page() call')
        git('tag', 'patched')
        status, text, err = run(gate + ['--kernel', tree, '--range', 'base..patched',
                                        '--baseline', baseline, '--json', res + '.json',
                                        '--sarif', res + '.sarif', '--make-arg',
                                        'ARCH=x86_64', '-j', str(os.cpu_count())],
                                tree, gitenv)
    finally:
        with open(target, 'wb') as f:
            f.write(original)
        os.utime(target)        # newer than the patched object: make rebuilds it
    elapsed = time.monotonic() - start
    details = 'status %d\n%s\n%s' % (status, text[-3000:], err[-3000:])
    new = sorted((check, msg) for f, _, _, msg, check in
                 (NEW_LINE.match(line).groups() for line in text.splitlines()
                  if NEW_LINE.match(line)) if f == TARGET)
    nsum = summary(text)
    out.result(status == 1 and new == [(c, m) for c, _, m in WANT]
               and nsum is not None and nsum[:2] == (2, 0),
               'kernel gate: a patch to %s that adds a bad path and a dma_map_page() call '
               'fails with exactly those two (%.0fs)' % (TARGET, elapsed), details)
    data = {}
    if os.path.exists(res + '.json'):
        with open(res + '.json', encoding='utf-8') as f:
            data = json.load(f)
    got = sorted((f['check'], f['function'], f['message']) for f in data.get('new', []))
    out.result(got == WANT and data.get('status') == 1,
               'kernel gate: --json lists the same two, with their functions',
               json.dumps(data.get('new'), indent=1)[:3000] + details)
    errors = sarif.validate(res + '.sarif') if os.path.exists(res + '.sarif') else ['none']
    results = []
    if not errors:
        with open(res + '.sarif', encoding='utf-8') as f:
            for r in json.load(f)['runs']:
                for result in r['results']:
                    loc = result['locations'][0]
                    results.append((result['ruleId'],
                                    loc['logicalLocations'][0]['name'],
                                    result['message']['text']))
    out.result(not errors and sorted(results) == WANT,
               'kernel gate: --sarif validates against the SARIF 2.1.0 schema and holds '
               'the same two', '\n'.join(errors[:20]) + '\n%s' % results)

    # the file as it was: the gate passes
    out.result(sha(target) == original_sha,
               'kernel gate: %s is put back as it was' % TARGET)
    git('commit', '-q', '-a', '-m', 'revert')
    status, text, err = run(gate + ['--kernel', tree, '--range', 'patched..HEAD',
                                    '--baseline', baseline, '--json', res + '-revert.json',
                                    '--make-arg', 'ARCH=x86_64',
                                    '-j', str(os.cpu_count())], tree, gitenv)
    nsum = summary(text)
    # a file kbuild did not check passes too: it must be among the checked
    checked = []
    if os.path.exists(res + '-revert.json'):
        with open(res + '-revert.json', encoding='utf-8') as f:
            checked = [c['file'] for c in json.load(f).get('checked') or []]
    kept = sum(e['count'] for e in entries if e.get('file') == TARGET)
    out.result(status == 0 and TARGET in checked and nsum is not None and
               nsum == (0, 0, kept),
               'kernel gate: the unpatched %s is checked and passes against the baseline, '
               'its %d baseline findings unchanged' % (TARGET, kept),
               'status %d, checked %s\n%s\n%s' % (status, checked, text[-3000:],
                                                  err[-3000:]))

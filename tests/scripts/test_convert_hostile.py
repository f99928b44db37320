# SPDX-License-Identifier: GPL-2.0
"""scripts/physcheck-convert on a tree that is hostile or unlucky: file
names a shell would run, names spatch would take for options, symlinks
out of the tree, a file with NUL bytes, and kills (SIGINT, SIGTERM,
SIGKILL) while spatch runs."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from script_run import ScriptRun, run_script

CONV_C = '''static dma_addr_t map_one(struct device *d, struct page *p)
{
	return dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE);
}
'''
CONVERTED = 'dma_map_phys(d, page_to_phys(p), 4096, DMA_TO_DEVICE, 0)'

# Each would run "cd; touch MARKER" (cd: to $HOME, the test's own) if a
# shell saw it.
INJECTIONS = {
    '$(cd;touch PWNED_DOLLAR).c': 'PWNED_DOLLAR',
    '`cd;touch PWNED_BACKTICK`.c': 'PWNED_BACKTICK',
    'x;cd;touch PWNED_SEMI;.c': 'PWNED_SEMI',
}
ODD_NAMES = ['with space.c', "it's.c", '"dq".c', '$dollar.c', 'back`tick.c', 'semi;colon.c',
             'new\nline.c', '-dashbad.c', '--help.c']


def write(path, text, mode='w'):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, mode) as f:
        f.write(text)


def read(path):
    with open(path, encoding='utf-8', errors='surrogateescape') as f:
        return f.read()


def account(path):
    try:
        with open(path, encoding='utf-8') as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def test_injection(out, script, tmp):
    for mode in ('patch', 'context'):
        home = os.path.join(tmp, 'home-' + mode)
        tree = os.path.join(tmp, 'inject-' + mode)
        os.makedirs(home)
        for name in INJECTIONS:
            write(os.path.join(tree, name), CONV_C)
        env = dict(os.environ, HOME=home)
        args = ['--in-place'] if mode == 'patch' else ['--mode', 'context']
        r = ScriptRun(run_script(script, args + [tree], tmp, env=env))
        markers = [m for m in INJECTIONS.values()
                   if os.path.exists(os.path.join(home, m)) or
                   os.path.exists(os.path.join(tree, m)) or os.path.exists(os.path.join(tmp, m))]
        if mode == 'patch':
            done = all(CONVERTED in read(os.path.join(tree, n)) for n in INJECTIONS)
        else:
            done = all(r.out.count('--- ' + n) == 1 for n in INJECTIONS)
        out.result(r.status == 0 and not markers and done,
                   'convert: %s mode: a file name with $(...), `...` or ; runs nothing '
                   '(no marker file) and the file is %s'
                   % (mode, 'converted' if mode == 'patch' else 'reported under its name'),
                   'markers %s\n%s' % (markers, r.details()))


def test_odd_names(out, script, tmp):
    tree = os.path.join(tmp, 'odd')
    for name in ODD_NAMES:
        write(os.path.join(tree, name), CONV_C)
    json_file = os.path.join(tmp, 'odd.json')
    r = ScriptRun(run_script(script, ['--in-place', '--json', json_file, tree], tmp))
    data = account(json_file)
    sites = {s['file']: s['status'] for s in data.get('sites', [])}
    bad = [n for n in ODD_NAMES if sites.get(n) != 'converted' or
           CONVERTED not in read(os.path.join(tree, n))]
    out.result(r.status == 0 and not bad,
               'convert: files named with a space, quotes, $, `, ;, a newline or a leading '
               '- are converted, and accounted for under their names', 'not converted: %r\n%s'
               % (bad, r.details()))
    report_tree = os.path.join(tmp, 'odd-report')
    for name in ODD_NAMES:
        write(os.path.join(report_tree, name), CONV_C)
    r = ScriptRun(run_script(script, ['--mode', 'report', report_tree], tmp))
    lines = [ln for ln in r.out.split('\n') if ':3:' in ln]
    want = sorted(n for n in ODD_NAMES if '\n' not in n)
    got = sorted(ln.split(':3:')[0] for ln in lines if ln.split(':3:')[0] in want)
    out.result(r.status == 0 and got == want,
               'convert: report mode names each odd file as it is named', r.details())


def test_symlinks(out, script, tmp):
    private = os.path.join(tmp, 'symlink-tmpdir')
    os.mkdir(private)
    outside = os.path.join(tmp, 'outside')
    write(os.path.join(outside, 'target.c'), CONV_C)
    tree = os.path.join(tmp, 'links')
    write(os.path.join(tree, 'lib', 'real.c'), CONV_C)
    os.makedirs(os.path.join(tree, 'drv'))
    os.symlink(os.path.join(outside, 'target.c'), os.path.join(tree, 'drv', 'out.c'))
    os.symlink(os.path.join('..', 'lib', 'real.c'), os.path.join(tree, 'drv', 'in.c'))
    json_file = os.path.join(tmp, 'links.json')
    r = ScriptRun(run_script(script, ['--in-place', '--json', json_file, tree], tmp,
                             env=dict(os.environ, TMPDIR=private)))
    data = account(json_file)
    sites = {s['file']: (s['status'], s['reason']) for s in data.get('sites', [])}
    ok = (r.status == 0 and read(os.path.join(outside, 'target.c')) == CONV_C and
          os.path.islink(os.path.join(tree, 'drv', 'out.c')) and
          CONVERTED in read(os.path.join(tree, 'lib', 'real.c')) and
          sites == {'drv/out.c': ('left', 'symlink outside the tree'),
                    'lib/real.c': ('converted', None)} and
          os.listdir(private) == [] and sorted(os.listdir(tmp)).count('outside') == 1 and
          os.listdir(outside) == ['target.c'])
    out.result(ok, 'convert: a symlink out of the tree is left ("symlink outside the tree") '
               'and nothing is written outside the tree and the temporary directory; one '
               'into the tree converts its target once',
               'sites %s\ntmpdir %s\n%s' % (sites, os.listdir(private), r.details()))


def test_nul_bytes(out, script, tmp):
    tree = os.path.join(tmp, 'nul')
    write(os.path.join(tree, 'bin.c'), b'\x7fELF\x00\x00\x00dma_map_page(\x00\x01', 'wb')
    write(os.path.join(tree, 'mixed.c'), CONV_C.replace('{', '{\x00', 1))
    json_file = os.path.join(tmp, 'nul.json')
    r = ScriptRun(run_script(script, ['--json', json_file, tree], tmp))
    data = account(json_file)
    reasons = sorted({(s['file'], s['reason']) for s in data.get('sites', [])})
    out.result(r.status == 0 and reasons == [('bin.c', 'NUL bytes'), ('mixed.c', 'NUL bytes')]
               and 'physcheck-convert: NUL bytes: bin.c' in r.err.splitlines() and
               r.out == '',
               'convert: a .c file with NUL bytes is left, listed, with that reason',
               '%s\n%s' % (reasons, r.details()))


# A spatch that records its pid and waits, as a long run does.
SLOW_SPATCH = '''#!/bin/sh
case "$*" in *--parse-cocci*|*--version*) exec %(spatch)s "$@";; esac
echo $$ >> %(pids)s
exec sleep 300
'''


def slow_spatch(tmp, name):
    fake = os.path.join(tmp, name)
    os.mkdir(fake)
    pids = os.path.join(tmp, name + '.pids')
    path = os.path.join(fake, 'spatch')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(SLOW_SPATCH % {'spatch': shutil.which('spatch'), 'pids': pids})
    os.chmod(path, 0o755)
    return fake, pids


def wait_for(pred, limit=60):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.1)
    return False


def read_pids(path):
    try:
        with open(path, encoding='utf-8') as f:
            return [int(x) for x in f.read().split()]
    except (OSError, ValueError):
        return []


def running(pid):
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as f:
            return f.read().split(') ')[-1][:1] != 'Z'
    except OSError:
        return False


def start(script, args, cwd, env):
    return subprocess.Popen([sys.executable, script] + args, cwd=cwd, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_kills(out, script, tmp):
    tree = os.path.join(tmp, 'kill-tree')
    for i in range(4):
        write(os.path.join(tree, 'f%d.c' % i), CONV_C)
    for sig, status in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        private = os.path.join(tmp, 'kill-tmpdir-%d' % sig)
        os.mkdir(private)
        fake, pids = slow_spatch(tmp, 'slow-%d' % sig)
        env = dict(os.environ, TMPDIR=private,
                   PATH=fake + os.pathsep + os.environ.get('PATH', ''))
        proc = start(script, ['--in-place', '-j', '2', tree], tmp, env)
        started = wait_for(lambda: len(read_pids(pids)) >= 2)
        proc.send_signal(sig)
        try:
            o, e = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            o, e = proc.communicate()
        left = [p for p in read_pids(pids) if running(p)]
        ok = (started and proc.returncode == status and os.listdir(private) == [] and
              not left and e.strip().splitlines()[-1:] == ['physcheck-convert: interrupted'] and
              all(read(os.path.join(tree, 'f%d.c' % i)) == CONV_C for i in range(4)) and
              sorted(os.listdir(tree)) == ['f%d.c' % i for i in range(4)])
        out.result(ok, 'convert: %s during the spatch runs stops every spatch, removes the '
                   'temporaries, leaves the files as they were, exits %d'
                   % (signal.Signals(sig).name, status),
                   'started %s status %s left %s tmpdir %s\n%s%s'
                   % (started, proc.returncode, left, os.listdir(private), o, e))
        for p in left:
            os.kill(p, signal.SIGKILL)

    # SIGKILL: nothing can clean up then; the next run does
    private = os.path.join(tmp, 'kill-tmpdir-9')
    os.mkdir(private)
    fake, pids = slow_spatch(tmp, 'slow-9')
    env = dict(os.environ, TMPDIR=private, PATH=fake + os.pathsep + os.environ.get('PATH', ''))
    proc = start(script, ['--in-place', '-j', '2', tree], tmp, env)
    started = wait_for(lambda: len(read_pids(pids)) >= 2)
    proc.kill()
    proc.communicate()
    debris = os.listdir(private)
    orphans = [p for p in read_pids(pids) if running(p)]
    # and a temporary beside a file, as a kill in the write phase leaves
    # it: named as the journal of that run names it
    stale = [d for d in debris if d.startswith('physcheck-convert-')]
    planted = os.path.join(tree, '.f0.c.physcheck-convert-%d-1.tmp' % proc.pid)
    innocent = os.path.join(tree, '.f1.c.physcheck-convert-%d-2.tmp' % proc.pid)
    if stale:
        for path in (planted, innocent):
            write(path, 'half')
        with open(os.path.join(private, stale[0], 'journal'), 'a', encoding='utf-8') as f:
            f.write('tmp %s\0' % planted)
    env2 = dict(os.environ, TMPDIR=private)
    empty = os.path.join(tmp, 'kill-empty')
    os.mkdir(empty)
    r = ScriptRun(run_script(script, [empty], tmp, env=env2))
    still = [p for p in read_pids(pids) if running(p)]
    notes = [ln for ln in r.err.splitlines() if 'left by a killed run (pid %d)' % proc.pid in ln]
    ok = (started and len(stale) == 1 and orphans and r.status == 0 and
          os.listdir(private) == [] and not still and len(notes) == 1 and
          not os.path.exists(planted) and os.path.exists(innocent))
    out.result(ok, 'convert: after a SIGKILL, the next run stops the spatch processes it '
               'left, removes its temporary directory and the temporary its journal names '
               'in the tree (and no other file), and says so in one line',
               'started %s debris %s orphans %s still %s\n%s'
               % (started, debris, orphans, still, r.details()))
    os.unlink(innocent)
    for p in still + orphans:
        try:
            os.kill(p, signal.SIGKILL)
        except OSError:
            pass


def test_write_phase_kills(out, script, tmp):
    """SIGTERM at moments spread over a run: each file original or fully
    converted, never a temporary left in the tree."""
    tree = os.path.join(tmp, 'kill-write')
    names = ['w%02d.c' % i for i in range(24)]
    bad = []
    # its own TMPDIR, so that a run that leaves debris leaves it here
    private = os.path.join(tmp, 'kill-write-tmpdir')
    os.mkdir(private)
    for delay in (0.8, 1.2, 1.6, 2.0, 2.5, 3.0):
        for name in names:
            write(os.path.join(tree, name), CONV_C)
        proc = start(script, ['--in-place', '-j', '2', tree], tmp,
                     dict(os.environ, TMPDIR=private))
        time.sleep(delay)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=120)
        for name in sorted(os.listdir(tree)):
            if name not in names:
                bad.append('%.1fs: %s left' % (delay, name))
                continue
            text = read(os.path.join(tree, name))
            if text != CONV_C and text != CONV_C.replace(
                    'dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE)', CONVERTED):
                bad.append('%.1fs: %s half converted' % (delay, name))
        if os.listdir(private):
            bad.append('%.1fs: left in TMPDIR: %s' % (delay, os.listdir(private)))
            shutil.rmtree(private)
            os.mkdir(private)
    out.result(not bad, 'convert: SIGTERM at any moment leaves each file original or fully '
               'converted, and no temporary in the tree or TMPDIR', '\n'.join(bad))


def tests(out, env):
    script = os.path.join(env['root'], 'scripts', 'physcheck-convert')
    names = ['injection', 'odd names', 'symlinks', 'NUL bytes', 'kills', 'write-phase kills']
    if not shutil.which('spatch'):
        for name in names:
            out.skip('convert: %s' % name, 'spatch is not installed')
        return
    with tempfile.TemporaryDirectory(prefix='physcheck-convert-hostile-') as tmp:
        test_injection(out, script, tmp)
        test_odd_names(out, script, tmp)
        test_symlinks(out, script, tmp)
        test_nul_bytes(out, script, tmp)
        test_kills(out, script, tmp)
        test_write_phase_kills(out, script, tmp)

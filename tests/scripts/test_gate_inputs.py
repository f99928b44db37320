# SPDX-License-Identifier: GPL-2.0
"""scripts/physcheck-gate on hostile or unlucky inputs: output files it
cannot write, baselines that are not baselines, logs that name devices,
FIFOs and files with ':' or a newline in their names, and the baseline
written when a planted FILE.tmp or a full disk is in the way.  Every
such problem is exit 2 with one line on stderr, never a traceback."""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

from script_run import ScriptRun

SUMMARY = re.compile(r'^physcheck-gate: (\d+) new, (\d+) fixed, (\d+) unchanged$', re.M)
SOURCE = '''static void *peek_one(struct pci_dev *pdev)
{
	return phys_to_virt(pci_resource_start(pdev, 0));
}

static void *peek_two(struct pci_dev *pdev)
{
	return phys_to_virt(pci_resource_start(pdev, 1));
}
'''
MSG = 'MMIO phys reaches phys_to_virt(): a CPU access to device memory [-Wphys-mmio]'

# Runs the tool with resource limits: an address space limit shows an
# unbounded read as a MemoryError, a file size limit makes a write fail
# half-way (SIGXFSZ ignored, so write() says EFBIG).
WRAP = '''
import resource, runpy, signal, sys
limits = {'as': resource.RLIMIT_AS, 'fsize': resource.RLIMIT_FSIZE}
for spec in sys.argv[1].split(','):
    if spec:
        kind, value = spec.split('=')
        resource.setrlimit(limits[kind], (int(value), int(value)))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
sys.argv = sys.argv[2:]
runpy.run_path(sys.argv[0], run_name='__main__')
'''


class Run(ScriptRun):
    def __init__(self, proc=None, timed_out=False):
        if proc is None:
            self.status, self.out, self.err = -1, '', 'timed out'
        else:
            super().__init__(proc)
        self.timed_out = timed_out

    def one_error(self, fragment=''):
        lines = self.err.splitlines()
        return (self.status == 2 and len(lines) == 1 and
                lines[0].startswith('physcheck-gate: error: ') and fragment in lines[0])

    def summary(self):
        m = SUMMARY.search(self.out)
        return tuple(int(x) for x in m.groups()) if m else None


def gate(script, args, cwd, limits='', timeout=120):
    cmd = [sys.executable, '-c', WRAP, limits, script] + args
    try:
        return Run(subprocess.run(cmd, cwd=cwd, capture_output=True, text=True,
                                  errors='surrogateescape', timeout=timeout))
    except subprocess.TimeoutExpired:
        return Run(timed_out=True)


def write(path, text):
    with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.write(text)


def warning(name, line):
    return '%s:%d:9: warning: %s\n' % (name, line, MSG)


def test_outputs(out, script, tmp, log):
    cases = [('--json', tmp, 'a directory'), ('--sarif', tmp, 'a directory'),
             ('--json', '/proc/version', '/proc/version'),
             ('--sarif', '/proc/version', '/proc/version')]
    for option, path, what in cases:
        r = gate(script, ['--log', log, option, path], tmp)
        out.result(r.one_error('cannot write') and r.summary() == (1, 0, 0) and
                   'Traceback' not in r.err,
                   'gate: %s to %s: the text report, then exit 2 with one line'
                   % (option, what), r.details())


def test_unknown_check(out, script, tmp):
    """A check name the registry (physcheck --list-checks --json) does not
    know is no conversion rule either: SARIF help cannot be made for it,
    and the gate says so rather than calling it "Conversion rule"."""
    log = os.path.join(tmp, 'bogus.log')
    write(log, warning('src.c', 3).replace('[-Wphys-mmio]', '[-Wphys-bogus]'))
    sarif = os.path.join(tmp, 'bogus.sarif')
    r = gate(script, ['--log', log, '--sarif', sarif], tmp)
    out.result(r.one_error('phys-bogus: not a check physcheck registers') and
               'phys-attr' in r.err and not os.path.exists(sarif),
               'gate: a check the registry does not know gets no made-up SARIF help: '
               'exit 2, one line naming the known checks', r.details())


def test_baselines(out, script, tmp, log):
    deep = os.path.join(tmp, 'deep.json')
    write(deep, '{"version": 1, "findings": ' + '[' * 100000 + ']' * 100000 + '}')
    entry = {'tool': 'checker', 'file': 'src.c', 'function': 'peek_one',
             'check': 'phys-mmio', 'message': MSG[:MSG.index(' [')]}
    bad = {
        'nested 100000 deep': deep,
        '"version": true': {'version': True, 'findings': []},
        'a negative count': {'version': 1, 'findings': [dict(entry, count=-1)]},
        'a count of true': {'version': 1, 'findings': [dict(entry, count=True)]},
        'a count that is a float': {'version': 1, 'findings': [dict(entry, count=1.5)]},
        'a file that is a number': {'version': 1, 'findings': [dict(entry, file=7)]},
        '"findings" an object': {'version': 1, 'findings': {'a': 1}},
        'not UTF-8': b'{"version": 1, "findings": ["\xff"]}',
        '/dev/zero': '/dev/zero',
        'a FIFO with no writer': os.path.join(tmp, 'baseline.fifo'),
    }
    os.mkfifo(os.path.join(tmp, 'baseline.fifo'))
    for label, data in bad.items():
        path = data if isinstance(data, str) else os.path.join(tmp, 'bad.json')
        if isinstance(data, dict):
            write(path, json.dumps(data))
        elif isinstance(data, bytes):
            with open(path, 'wb') as f:
                f.write(data)
        r = gate(script, ['--log', log, '--baseline', path], tmp,
                 limits='as=%d' % (1 << 30), timeout=60)
        out.result(r.one_error() and 'Traceback' not in r.err,
                   'gate: a baseline with %s: exit 2, one line' % label, r.details())
    good = os.path.join(tmp, 'good.json')
    write(good, json.dumps({'version': 1, 'findings': [dict(entry, count=2)]}))
    r = gate(script, ['--log', log, '--baseline', good], tmp)
    out.result(r.status == 0 and r.summary() == (0, 1, 1),
               'gate: a baseline with a count of 2 is read as two findings', r.details())


def test_devices(out, script, tmp):
    root = os.path.join(tmp, 'dev-root')
    os.mkdir(root)
    os.mkfifo(os.path.join(root, 'fifo.c'))
    for name, label in (('/dev/zero', '/dev/zero'), ('fifo.c', 'a FIFO')):
        log = os.path.join(tmp, 'dev.log')
        write(log, warning(name, 1))
        r = gate(script, ['--log', log, '--source-root', root], tmp,
                 limits='as=%d' % (1 << 30), timeout=60)
        out.result(r.status == 1 and r.summary() == (1, 0, 0) and 'Traceback' not in r.err,
                   'gate: a log line naming %s: read at once, the finding is new, no '
                   'function named' % label, r.details())


def test_log_fifo(out, script, tmp):
    fifo = os.path.join(tmp, 'log.fifo')
    os.mkfifo(fifo)
    r = gate(script, ['--log', fifo], tmp, timeout=60)
    out.result(r.status == 0 and r.summary() == (0, 0, 0),
               'gate: --log naming a FIFO with no writer reads an empty log at once',
               r.details())
    r = gate(script, ['--log', tmp], tmp)
    out.result(r.one_error('cannot read log'), 'gate: --log naming a directory: exit 2, '
               'one line', r.details())


def test_odd_names(out, script, tmp):
    root = os.path.join(tmp, 'names-root')
    os.mkdir(root)
    names = ['colon:1:2.c', 'nl\nname.c', 'plain.c']
    for name in names:
        write(os.path.join(root, name), SOURCE)
    log = os.path.join(tmp, 'names.log')
    text = ''
    for name in names:
        for line in (3, 8, 9):
            text += warning('./' + name, line)
    write(log, text)
    json_file = os.path.join(tmp, 'names.json')
    r = gate(script, ['--log', log, '--source-root', root, '--json', json_file], tmp)
    try:
        with open(json_file, encoding='utf-8') as f:
            new = json.load(f).get('new', [])
    except (OSError, ValueError):
        new = []
    got = sorted((f.get('file'), f.get('line'), f.get('function')) for f in new)
    want = sorted((n, line, 'peek_one' if line == 3 else 'peek_two')
                  for n in names for line in (3, 8, 9))
    out.result(r.status == 1 and got == want,
               'gate: findings in files named with ":1:2" or a newline are all read, '
               'under their whole names, with their functions',
               'got  %s\nwant %s\n%s' % (got, want, r.details()))


def test_update_baseline(out, script, tmp, log):
    work = os.path.join(tmp, 'update')
    os.mkdir(work)
    victim = os.path.join(tmp, 'victim')
    write(victim, 'do not touch\n')
    base = os.path.join(work, 'baseline.json')
    os.symlink(victim, base + '.tmp')
    r = gate(script, ['--log', log, '--baseline', base, '--update-baseline'], tmp)
    with open(victim, encoding='utf-8') as f:
        victim_text = f.read()
    ok = (r.status == 0 and victim_text == 'do not touch\n' and
          not os.path.islink(base) and os.path.isfile(base) and
          os.path.islink(base + '.tmp') and
          sorted(os.listdir(work)) == ['baseline.json', 'baseline.json.tmp'])
    out.result(ok, 'gate: --update-baseline writes through a fresh temporary: a planted '
               'FILE.tmp symlink redirects nothing', '%r\n%s' % (victim_text, r.details()))
    for path in (base + '.tmp', base):
        if os.path.islink(path):
            os.unlink(path)
    if not os.path.exists(base):
        write(base, '{"version": 1, "findings": []}\n')
    with open(base, encoding='utf-8') as f:
        before = f.read()
    big = os.path.join(tmp, 'big.log')
    write(big, ''.join(warning('src.c', 3).replace('MMIO', 'MMIO %d' % i) for i in range(50)))
    r = gate(script, ['--log', big, '--baseline', base, '--update-baseline'], tmp,
             limits='fsize=%d' % 2048)
    with open(base, encoding='utf-8') as f:
        after = f.read()
    out.result(r.one_error('cannot write') and after == before and
               os.listdir(work) == ['baseline.json'],
               'gate: a baseline write that fails half-way (file size limit) leaves the old '
               'baseline whole and no temporary, exit 2 with one line', r.details())


FAKE_MAKE = '''#!/bin/sh
# a kbuild that never ends: one job in the background, its pids recorded
sleep 300 &
echo $$ $! > "$PHYSCHECK_TEST_PIDS"
wait
'''


def running(pid):
    """Whether @pid is a live process (a zombie has stopped)."""
    try:
        with open('/proc/%d/stat' % pid, encoding='utf-8') as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except OSError:
        return False


def test_sigterm(out, script, tmp):
    """SIGTERM to the gate alone (a CI runner stopping a job) stops the
    make it started and make's jobs too, with one line and 128 + 15."""
    work = os.path.join(tmp, 'sigterm')
    tree, fake = os.path.join(work, 'tree'), os.path.join(work, 'bin')
    os.makedirs(tree)
    os.makedirs(fake)
    write(os.path.join(tree, 'Makefile'), '')
    write(os.path.join(tree, 'a.c'), 'int a;\n')
    write(os.path.join(fake, 'make'), FAKE_MAKE)
    os.chmod(os.path.join(fake, 'make'), 0o755)
    pids_file = os.path.join(work, 'pids')
    env = dict(os.environ, PATH=fake + os.pathsep + os.environ['PATH'],
               PHYSCHECK_TEST_PIDS=pids_file)
    proc = subprocess.Popen([sys.executable, script, '--kernel', 'tree', '--no-convert',
                             'a.c'], cwd=work, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    pids = []
    for _ in range(200):
        if os.path.exists(pids_file) and open(pids_file).read().endswith('\n'):
            pids = [int(p) for p in open(pids_file).read().split()]
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    try:
        stdout, stderr = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        stdout, stderr = proc.communicate()
    time.sleep(0.5)
    left = [p for p in pids if running(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    out.result(len(pids) == 2 and proc.returncode == 128 + signal.SIGTERM and
               stderr == 'physcheck-gate: terminated\n' and not left,
               'gate: SIGTERM stops the make it started and make\'s jobs, one line, 143',
               'status %s, pids %s, left running %s\n%s' % (proc.returncode, pids, left,
                                                           stderr))


def tests(out, env):
    script = os.path.join(env['root'], 'scripts', 'physcheck-gate')
    with tempfile.TemporaryDirectory(prefix='physcheck-gate-inputs-') as tmp:
        write(os.path.join(tmp, 'src.c'), SOURCE)
        log = os.path.join(tmp, 'one.log')
        write(log, warning('src.c', 3))
        test_outputs(out, script, tmp, log)
        test_unknown_check(out, script, tmp)
        test_baselines(out, script, tmp, log)
        test_devices(out, script, tmp)
        test_log_fifo(out, script, tmp)
        test_odd_names(out, script, tmp)
        test_update_baseline(out, script, tmp, log)
        test_sigterm(out, script, tmp)

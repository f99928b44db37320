# SPDX-License-Identifier: GPL-2.0
"""scripts/setup-deps: detection, the no-root message, deb-src derivation."""

import os
import shutil
import subprocess
import sys
import tempfile

FAKE_DPKG_QUERY = '''#!/bin/sh
# Reports every package installed except those in FAKE_MISSING.
for last; do :; done
for p in $FAKE_MISSING; do
	[ "$p" = "$last" ] && { echo "dpkg-query: no packages found matching $p" >&2; exit 1; }
done
printf 'install ok installed'
'''
FAKE_SUDO = '#!/bin/sh\necho "sudo: a password is required" >&2\nexit 1\n'


def write_tool(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    os.chmod(path, 0o755)


NOBODY = 65534
# Set in a copy of the tier that test_closed_checkout() runs, so that the
# copy does not start a copy of its own.
NESTED = 'PHYSCHECK_TEST_CLOSED_CHECKOUT'


def unprivileged(cmd):
    """Run as nobody when we are root, so "not root" is real."""
    if os.geteuid() != 0:
        return cmd
    return ['setpriv', '--reuid=%d' % NOBODY, '--regid=%d' % NOBODY,
            '--clear-groups'] + cmd


def run(cmd, env, cwd=None):
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    return proc.returncode, proc.stderr


def stage_script(script, tmp):
    """A copy of setup-deps that nobody can run, laid out as in the tree.

    The checkout may sit where nobody cannot enter (root's home is 0700 on
    Debian, and so is every new home since Debian 12), so the tests that
    drop to nobody run a copy.  setup-deps reads no other file of the tree.
    """
    scripts = os.path.join(tmp, 'stage', 'scripts')
    os.makedirs(scripts)
    path = os.path.join(scripts, 'setup-deps')
    shutil.copyfile(script, path)
    for name in (tmp, os.path.dirname(scripts), scripts, path):
        os.chmod(name, 0o755)
    return path


def unreachable(path):
    """Why nobody cannot run path, or None when it can (or we are not root)."""
    if os.geteuid() != 0:
        return None
    proc = subprocess.run(unprivileged(['/bin/sh', '-c', 'test -x "$1"', 'sh', path]),
                          cwd='/', capture_output=True, timeout=60)
    if proc.returncode == 0:
        return None
    return ('nobody cannot reach %s: a directory above it is closed; '
            'set TMPDIR to a world-readable directory' % path)


def test_detection(out, script):
    status, err = run([script, '--check', 'core'], dict(os.environ))
    out.result(status == 0 and not err,
               'setup-deps: --check finds every core dependency after make deps',
               'status %d\n%s' % (status, err))
    status, err = run([script, 'bogus'], dict(os.environ))
    out.result(status == 2 and "unknown argument 'bogus'" in err and
               len(err.splitlines()) == 1,
               'setup-deps: unknown argument is one line and exit 2', err)


NO_ROOT_TESTS = [
    'setup-deps: not root, no sudo: one line naming packages and command',
    'setup-deps: --check names what is missing and exits 1',
    'setup-deps: tests wants python3-jsonschema, npm and distcc; an npm command counts',
    'setup-deps: fuzz wants clang and libclang-rt-dev, and says the command',
    'setup-deps: a package two groups want (kernel and boot) is named once',
]


def test_no_root(out, script, tmp):
    script = stage_script(script, tmp)
    why = unreachable(script)
    if why:
        for name in NO_ROOT_TESTS:
            out.skip(name, why)
        return
    fake = os.path.join(tmp, 'bin')
    os.mkdir(fake)
    write_tool(fake, 'dpkg-query', FAKE_DPKG_QUERY)
    write_tool(fake, 'sudo', FAKE_SUDO)
    env = dict(os.environ, PATH=fake + ':/usr/sbin:/usr/bin:/sbin:/bin',
               FAKE_MISSING='coccinelle debian-archive-keyring', HOME=tmp)
    status, err = run(unprivileged([script, 'core']), env, cwd=tmp)
    lines = err.splitlines()
    ok = (status == 2 and len(lines) == 1 and
          'missing: debian-archive-keyring coccinelle' in err
          and 'sudo ' in err and 'scripts/setup-deps core' in err)
    out.result(ok, NO_ROOT_TESTS[0], 'status %d\n%s' % (status, err))
    status, err = run(unprivileged([script, '--check', 'core']), env, cwd=tmp)
    out.result(status == 1 and 'missing: debian-archive-keyring coccinelle' in err,
               NO_ROOT_TESTS[1], 'status %d\n%s' % (status, err))
    # npm: a nodejs from outside Debian ships the command, not the package
    env['FAKE_MISSING'] = 'python3-jsonschema npm distcc'
    write_tool(fake, 'npm', '#!/bin/sh\nexit 0\n')
    status, err = run(unprivileged([script, '--check', 'tests']), env, cwd=tmp)
    out.result(status == 1 and
               err.split('missing:', 1)[-1].split() == ['python3-jsonschema', 'distcc'],
               NO_ROOT_TESTS[2], 'status %d\n%s' % (status, err))
    # make fuzz: clang and the libFuzzer runtime, named for the sudo line
    env['FAKE_MISSING'] = 'clang libclang-rt-dev'
    status, err = run(unprivileged([script, 'fuzz']), env, cwd=tmp)
    out.result(status == 2 and 'missing: clang libclang-rt-dev;' in err and
               err.rstrip().endswith('scripts/setup-deps fuzz'),
               NO_ROOT_TESTS[3], 'status %d\n%s' % (status, err))
    # make boot-test asks for core kernel boot, and boot includes kernel
    env['FAKE_MISSING'] = 'bison qemu-system-x86'
    status, err = run(unprivileged([script, '--check', 'core', 'kernel', 'boot']), env,
                      cwd=tmp)
    out.result(status == 1 and
               err.split('missing:', 1)[-1].split() == ['bison', 'qemu-system-x86'],
               NO_ROOT_TESTS[4], 'status %d\n%s' % (status, err))


# What a copy of this tier needs to run this module: the user-changing
# tests are all here, and setup-deps reads nothing else.
CLOSED_COPY = ['scripts/setup-deps', 'tests/tap.py', 'tests/scripts/run',
               'tests/scripts/test_setup_deps.py']


def test_closed_checkout(out, root, tmp):
    """The tier passes from a checkout under a 0700 directory (/root)."""
    name = 'setup-deps: the tests that drop to nobody pass from a checkout under a 0700 directory'
    if os.geteuid() != 0:
        out.skip(name, 'not root: no test changes user')
        return
    home = os.path.join(tmp, 'home')
    os.mkdir(home, 0o700)
    copy = os.path.join(home, 'physcheck')
    for rel in CLOSED_COPY:
        os.makedirs(os.path.dirname(os.path.join(copy, rel)), exist_ok=True)
        shutil.copy2(os.path.join(root, rel), os.path.join(copy, rel))
    env = {k: v for k, v in os.environ.items() if not k.startswith('PHYSCHECK_')}
    env[NESTED] = '1'
    proc = subprocess.run([sys.executable, os.path.join(copy, 'tests', 'scripts', 'run')],
                          env=env, cwd=copy, capture_output=True, text=True, timeout=600)
    lines = proc.stdout.splitlines()
    passed = [x for x in lines if x.startswith('ok ') and '# SKIP' not in x]
    failed = [x for x in lines if x.startswith('not ok ')]
    skipped = [x for x in lines if '# SKIP' in x]
    out.result(proc.returncode == 0 and not failed and not skipped and
               len(passed) >= len(NO_ROOT_TESTS),
               name, 'status %d\n%s\n%s' % (proc.returncode, proc.stdout[-3000:],
                                               proc.stderr[-3000:]))


def tests(out, env):
    script = os.path.join(env['root'], 'scripts', 'setup-deps')
    test_detection(out, script)
    with tempfile.TemporaryDirectory(prefix='physcheck-deps-') as tmp:
        test_no_root(out, script, tmp)
    if not os.environ.get(NESTED):
        with tempfile.TemporaryDirectory(prefix='physcheck-deps-') as tmp:
            test_closed_checkout(out, env['root'], tmp)

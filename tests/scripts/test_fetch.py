# SPDX-License-Identifier: GPL-2.0
"""scripts/physcheck-fetch: a private apt configuration, the machine's
mirrors, the version it records, and one line when a package is gone.

apt-get, apt-cache and dpkg are stand-ins on PATH (the real ones answer
through the network, which the kernel tier's real fetches exercise): they
log how they were called, and their answers come from the environment.
"""

import os
import subprocess
import sys
import tempfile

SOURCES_LIST = '''# a comment
deb [arch=amd64 signed-by=/usr/share/keyrings/one.gpg] http://one.invalid/debian bookworm main
deb http://two.invalid/debian-security bookworm-security main
deb-src http://three.invalid/debian bookworm main
'''
DEB822 = '''Types: deb
# a comment inside the stanza
URIs: http://four.invalid/debian
Suites: bookworm bookworm-updates
Components: main

Types: deb
Enabled: no
URIs: http://five.invalid/debian
Suites: bookworm
Components: main
'''
ONLY_OTHERS = '''Types: deb
URIs: https://six.invalid/node
Suites: nodistro
Components: main
'''

# apt-get and apt-cache: log the call and the APT_CONFIG they got; answer
# madison with FAKE_MADISON; apt-get source/download write the files
# FAKE_FILES names in the current directory
FAKE_APT = '''#!/bin/sh
echo "$(basename "$0") $* [$APT_CONFIG]" >> "$FAKE_LOG"
case "$1" in
madison) printf '%s' "$FAKE_MADISON" ;;
source|download) for f in $FAKE_FILES; do : > "$f"; done ;;
esac
exit 0
'''


def write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)
    os.chmod(path, mode)


def read(path):
    try:
        with open(path, encoding='utf-8') as f:
            return f.read()
    except OSError:
        return ''


def fetch(script, tmp, args, etc, madison='', files=''):
    fake = os.path.join(tmp, 'bin')
    for tool in ('apt-get', 'apt-cache'):
        write(os.path.join(fake, tool), FAKE_APT, 0o755)
    log = os.path.join(tmp, 'apt.log')
    env = dict(os.environ, PATH=fake + os.pathsep + os.environ['PATH'],
               PHYSCHECK_APT_ETC=etc, FAKE_LOG=log, FAKE_MADISON=madison,
               FAKE_FILES=files)
    proc = subprocess.run([sys.executable, script, '--build', os.path.join(tmp, 'build')]
                          + args, env=env, capture_output=True, text=True, timeout=120)
    return proc, read(log)


def test_sources(out, script, tmp):
    etc = os.path.join(tmp, 'etc')
    write(os.path.join(etc, 'sources.list'), SOURCES_LIST)
    write(os.path.join(etc, 'sources.list.d', 'debian.sources'), DEB822)
    madison = ('    sparse | 0.6.4-3 | http://one.invalid/debian bookworm/main Sources\n'
               '    sparse | 0.6.5~rc1-2 | http://one.invalid/debian sid/main Sources\n'
               '    sparse | 0.6.5~rc1-2 | http://one.invalid/debian sid/main amd64 Packages\n')
    dest = os.path.join(tmp, 'dest')
    proc, log = fetch(script, tmp, ['sparse-source', dest], etc, madison,
                      'sparse_0.6.5~rc1-2.dsc sparse_0.6.5~rc1.orig.tar.gz')
    apt = os.path.join(tmp, 'build', 'apt')
    sources = read(os.path.join(apt, 'etc', 'sources.list.d', 'physcheck.sources'))
    conf = os.path.join(apt, 'apt.conf')
    ok = (proc.returncode == 0 and proc.stdout == 'sparse 0.6.5~rc1-2 sid\n' and
          read(os.path.join(dest, 'VERSION')) == 'sparse 0.6.5~rc1-2 sid\n' and
          os.path.exists(os.path.join(dest, 'sparse_0.6.5~rc1-2.dsc')) and
          'URIs: http://one.invalid/debian\n' in sources and
          'URIs: http://two.invalid/debian-security\n' in sources and
          'four.invalid' not in sources and 'five.invalid' not in sources and
          'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' in sources and
          'trusted' not in sources and
          'apt-get update -q [%s]' % conf in log and
          'apt-get source -q --download-only sparse=0.6.5~rc1-2 [%s]' % conf in log)
    out.result(ok, 'fetch: a private apt configuration on the machine\'s first Debian mirror '
               'and its security mirror, signatures checked; the newest version of the '
               'suite fetched and recorded',
               'status %d\n%s\n--- sources\n%s--- apt calls\n%s'
               % (proc.returncode, proc.stderr, sources, log))
    os.unlink(os.path.join(tmp, 'apt.log'))
    proc, log = fetch(script, tmp, ['sparse-source', dest], etc, madison)
    out.result(proc.returncode == 0 and proc.stdout == 'sparse 0.6.5~rc1-2 sid\n' and
               log == '',
               'fetch: a second run prints the recorded version and asks apt nothing',
               'status %d\n%s\n%s' % (proc.returncode, proc.stderr, log))


def one_line_error(proc, fragment):
    lines = proc.stderr.splitlines()
    return proc.returncode == 2 and len(lines) == 1 and fragment in proc.stderr


def test_errors(out, script, tmp):
    etc = os.path.join(tmp, 'etc')
    write(os.path.join(etc, 'sources.list.d', 'debian.sources'), DEB822)
    proc, log = fetch(script, tmp, ['linux-source-7.3', os.path.join(tmp, 'k')], etc)
    out.result(one_line_error(proc, 'linux-source-7.3 is no longer in Debian '
                                    'trixie-backports: change PACKAGES') and
               log.count('apt-get update') == 2,
               'fetch: a package the suite no longer has: the lists are updated once more, '
               'then one line saying what to change, exit 2',
               'status %d\n%s\n%s' % (proc.returncode, proc.stderr, log))
    old = '    sparse | 0.6.4-3 | http://four.invalid/debian sid/main Sources\n'
    proc, _ = fetch(script, tmp, ['sparse-source', os.path.join(tmp, 's')], etc, old)
    out.result(one_line_error(proc, 'sparse 0.6.4-3 in sid is older than 0.6.5~rc1'),
               'fetch: a version older than physcheck needs: one line, exit 2', proc.stderr)
    other = os.path.join(tmp, 'other')
    write(os.path.join(other, 'sources.list.d', 'node.sources'), ONLY_OTHERS)
    proc, _ = fetch(script, tmp, ['sparse-source', os.path.join(tmp, 's')], other)
    out.result(one_line_error(proc, 'no Debian archive in'),
               'fetch: a machine with no Debian mirror: one line, exit 2', proc.stderr)
    proc, _ = fetch(script, tmp, ['nonsense', os.path.join(tmp, 's')], etc)
    out.result(proc.returncode == 2 and 'invalid choice' in proc.stderr,
               'fetch: an unknown package name is bad usage, exit 2', proc.stderr)


def tests(out, env):
    script = os.path.join(env['root'], 'scripts', 'physcheck-fetch')
    with tempfile.TemporaryDirectory(prefix='physcheck-fetch-') as tmp:
        test_sources(out, script, tmp)
    with tempfile.TemporaryDirectory(prefix='physcheck-fetch-') as tmp:
        test_errors(out, script, tmp)

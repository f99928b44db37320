# SPDX-License-Identifier: GPL-2.0
"""Running the tools on a kernel tree: the files a git range touches,
kbuild's make C=2 on their objects, physcheck-convert on them."""

import os
import re
import shlex
import subprocess
import sys

from . import paths
from .common import UsageError, read_bounded, run_group
from .gatelog import REPORT_TAIL, Locator, log_lines


def keep(path, text):
    """Save a log the user asked for (--keep-log)."""
    try:
        with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
            f.write(text)
    except OSError as e:
        raise UsageError('cannot write %s: %s' % (path, e.strerror))


def git(tree, *args):
    try:
        proc = subprocess.run(['git', '-C', tree] + list(args), capture_output=True,
                              text=True, timeout=600)
    except OSError as e:
        raise UsageError('cannot run git: %s' % e.strerror)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ['status %d' % proc.returncode])[-1]
        raise UsageError('git %s failed: %s' % (' '.join(args), last))
    return proc.stdout


def range_files(tree, spec):
    """The .c files and headers that BASE..HEAD adds or changes (git diff
    BASE...HEAD: from where HEAD left BASE), and {new name: old name} of
    the files it renames."""
    if '..' not in spec:
        raise UsageError('--range wants BASE..HEAD, not %r' % spec)
    base, head = spec.replace('...', '..').split('..', 1)
    head = head or 'HEAD'
    head_id = git(tree, 'rev-parse', '--verify', '--quiet', head + '^{commit}').strip()
    git(tree, 'rev-parse', '--verify', '--quiet', base + '^{commit}')
    at = git(tree, 'rev-parse', 'HEAD').strip()
    if at != head_id:
        raise UsageError('the work tree is at %s, not at %s: check %s out first'
                         % (at[:12], head, head))
    fields = git(tree, 'diff', '--name-status', '-z', '-M', '--diff-filter=ACMR',
                 '%s...%s' % (base, head)).split('\0')
    changed, renamed = [], {}
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        if status.startswith(('R', 'C')):
            old, new = fields[i + 1], fields[i + 2]
            if status.startswith('R'):
                renamed[new] = old
            changed.append(new)
            i += 3
        else:
            changed.append(fields[i + 1])
            i += 2
    changed.sort()
    cfiles = [p for p in changed if p.endswith('.c')]
    if cfiles:
        dirty = git(tree, 'diff', '--name-only', 'HEAD', '--', *cfiles).split()
        if dirty:
            raise UsageError('%s differs from %s in the work tree' % (dirty[0], head))
    return cfiles, [p for p in changed if p.endswith('.h')], renamed


def tree_files(tree, paths):
    out = []
    for path in paths:
        full = os.path.join(tree, path)
        if not os.path.exists(full):
            raise UsageError('no such file or directory: %s' % full)
        if os.path.isfile(full):
            out.append(os.path.relpath(full, tree))
            continue
        for top, dirs, names in os.walk(full):
            dirs[:] = sorted(d for d in dirs if not d.startswith('.'))
            out.extend(os.path.relpath(os.path.join(top, n), tree)
                       for n in sorted(names) if n.endswith('.c'))
    return sorted(set(out))


def header_users(tree, header):
    """The .c files beside header that include it with quotes: a driver's
    own header is checked through them.  A header elsewhere (include/)
    has too many users to check them all."""
    directory = os.path.dirname(header)
    included = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"%s"'
                          % re.escape(os.path.basename(header)), re.M)
    try:
        names = sorted(os.listdir(os.path.join(tree, directory)))
    except OSError:
        return []
    users = []
    for name in names:
        if not name.endswith('.c'):
            continue
        try:
            # a FIFO or a device named .c must not hang or flood the gate
            text = read_bounded(os.path.join(tree, directory, name), 256 << 20,
                                regular_only=True).decode('utf-8', 'surrogateescape')
        except OSError:
            continue
        if included.search(text):
            users.append(os.path.join(directory, name))
    return users


def run_kbuild(tree, files, checker, plugin, jobs, make_args, keep_log, db=None):
    """make C=2 CHECK=checker on the objects of files: the log text.

    With the plugin, KCFLAGS loads it: kbuild compiles again an object
    whose command line changed, so each file is compiled with it (and
    compiled again by the next build without it).  With @db, both read
    that physcheck-db database."""
    objs = [f[:-2] + '.o' for f in files]
    # -Otarget: each file's lines together, so notes follow their warning;
    # V=0 last: kbuild's "  CHECK   file.c" lines tell which files it checked
    cmd = ['make', '-k', '-j%d' % jobs, '-Otarget', 'C=2',
           'CHECK=' + checker + (' --db=' + db if db else '')]
    if plugin:
        kcflags = [a[len('KCFLAGS='):] for a in make_args if a.startswith('KCFLAGS=')]
        make_args = [a for a in make_args if not a.startswith('KCFLAGS=')]
        # -Wno-error: the plugin's findings are warnings, CONFIG_WERROR or not
        cmd.append('KCFLAGS=%s -fplugin=%s%s -Wno-error'
                   % (' '.join(kcflags), plugin,
                      ' -fplugin-arg-physcheck_plugin-db=' + db if db else ''))
    cmd += list(make_args) + ['V=0'] + objs
    # Nor may a calling make's flags (-s would silence those lines) reach
    # kbuild, nor a GIT_DIR given for the range: setlocalversion asks git
    # about the tree, and must compute the kernel release it always does.
    env = {k: v for k, v in os.environ.items()
           if k not in ('GIT_DIR', 'GIT_WORK_TREE', 'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL',
                        'MAKEOVERRIDES', 'KBUILD_VERBOSE')}
    try:
        proc = run_group(cmd, cwd=tree, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True, errors='replace')
    except OSError as e:
        raise UsageError('cannot run make: %s' % e.strerror)
    if keep_log:
        keep(keep_log, '$ %s\n%s' % (' '.join(shlex.quote(c) for c in cmd), proc.stdout))
    return proc.returncode, proc.stdout


def make_failure(status, log):
    """The first error line of a failed make, for the one line of exit 2."""
    lines = [line for line in log.splitlines() if line.strip()]
    first = next((line for line in lines if 'error' in line.lower()), None)
    return 'make C=2 failed with status %d and checked none of the files (%s)' % (
        status, first or (lines[-1] if lines else 'no output'))


def run_convert(tree, files, jobs, keep_log):
    cmd = [sys.executable, paths.CONVERT, '--mode', 'report', '-j', str(jobs)] + files
    try:
        proc = run_group(cmd, cwd=tree, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, errors='replace')
    except OSError as e:
        raise UsageError('cannot run physcheck-convert: %s' % e.strerror)
    if keep_log:
        keep(keep_log + '.convert', proc.stdout + proc.stderr)
    if proc.returncode:
        last = (proc.stderr.strip().splitlines() or ['status %d' % proc.returncode])[-1]
        raise UsageError('physcheck-convert failed: %s' % last)
    return convert_paths(tree, files, proc.stdout)


def convert_paths(tree, files, text):
    """physcheck-convert names files relative to the top of the git work
    tree that holds them, or else to their deepest common directory: make
    them relative to the tree."""
    try:
        top = subprocess.run(['git', '-C', tree, 'rev-parse', '--show-toplevel'],
                             capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        top = ''
    if not top:
        dirs = [os.path.dirname(os.path.abspath(os.path.join(tree, f))) for f in files]
        top = os.path.commonpath(dirs) if dirs else tree
    out = []
    lines = log_lines(text)
    locate = Locator(top)
    for i, line in enumerate(lines):
        m = locate.split(lines, i, REPORT_TAIL)
        if m and m[0].endswith(('.c', '.h')):
            path = os.path.relpath(os.path.join(top, m[0]), os.path.realpath(tree))
            line = path + line[len(m[0]):]
        out.append(line)
    return '\n'.join(out) + '\n'

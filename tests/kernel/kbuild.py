# SPDX-License-Identifier: GPL-2.0
"""Run a checker on one kernel file the way kbuild's `make C=2` does.

kbuild runs `$(CHECK) $(CHECKFLAGS) $(c_flags) file.c`; the compile
command it saved in dir/.file.o.cmd holds the c_flags.  Reading them back
lets a test check one file (or a mutated copy in place) without make.
"""

import os
import shlex
import subprocess

# scripts/Makefile's CHECKFLAGS for x86_64, as the top-level Makefile sets them
CHECKFLAGS = ['-D__linux__', '-Dlinux', '-D__STDC__', '-Dunix', '-D__unix__',
              '-Wbitwise', '-Wno-return-void', '-Wno-unknown-attribute',
              '-D__x86_64__', '--arch=x86_64', '-mlittle-endian', '-m64']


def saved_flags(tree, obj):
    """The c_flags kbuild compiled @obj with ("dir/file.o")."""
    directory, name = os.path.split(obj)
    cmd_file = os.path.join(tree, directory, '.%s.cmd' % name)
    with open(cmd_file, encoding='utf-8') as f:
        for line in f:
            if line.startswith('savedcmd_'):
                words = shlex.split(line.split(':=', 1)[1])
                break
        else:
            raise RuntimeError('%s has no saved command' % cmd_file)
    flags, skip = [], False
    for word in words[1:]:
        if skip:
            skip = False
            continue
        if word == '-o':
            skip = True
            continue
        if word in ('-c', obj[:-2] + '.c') or word.startswith('-Wp,-MMD'):
            continue
        flags.append(word)
    return flags


def check(tree, obj, checker, extra=()):
    """Run @checker on @obj's source with kbuild's flags: (status, stderr)."""
    cmd = [checker] + CHECKFLAGS + list(extra) + saved_flags(tree, obj) + [obj[:-2] + '.c']
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stderr


def make(tree, objs):
    """Build @objs (so their .cmd files exist): (status, output)."""
    cmd = ['make', '-s', '-j%d' % os.cpu_count(), 'ARCH=x86_64'] + list(objs)
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=3600)
    return proc.returncode, proc.stdout + proc.stderr


def plugin_check(tree, obj, plugin, extra=()):
    """Compile @obj's source with kbuild's flags and the GCC plugin, code
    to nowhere: (status, stderr).  -Wno-error: the tree has CONFIG_WERROR,
    and physcheck's findings are warnings like any other."""
    cmd = (['gcc'] + saved_flags(tree, obj) + ['-Wno-error', '-fplugin=' + plugin,
           '-fno-diagnostics-show-caret'] + list(extra) +
           ['-c', '-o', os.devnull, obj[:-2] + '.c'])
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=600)
    return proc.returncode, proc.stderr

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


def saved_command(tree, obj):
    """kbuild's saved command for @obj ("dir/file.o") as a word list, or
    None when kbuild saved none."""
    directory, name = os.path.split(obj)
    try:
        with open(os.path.join(tree, directory, '.%s.cmd' % name), encoding='utf-8') as f:
            for line in f:
                if line.startswith('savedcmd_'):
                    return shlex.split(line.split(':=', 1)[1])
    except OSError:
        pass
    return None


def built_objects(tree, directory):
    """The objects kbuild built for @directory ("mm/") and below, as paths
    relative to @tree: the members of its built-in.a (kbuild puts the parts
    of composite objects there) and the parts of its modules."""
    proc = subprocess.run(['ar', 't', os.path.join(directory, 'built-in.a')],
                          cwd=tree, capture_output=True, text=True, timeout=60)
    if proc.returncode:
        raise RuntimeError('ar t %sbuilt-in.a: %s' % (directory, proc.stderr))
    objects = proc.stdout.split()
    order = os.path.join(tree, directory, 'modules.order')
    if os.path.exists(order):
        with open(order, encoding='utf-8') as f:
            modules = f.read().split()
        for module in modules:
            with open(os.path.join(tree, module[:-2] + '.mod'), encoding='utf-8') as f:
                objects += f.read().split()
    return [os.path.normpath(o) for o in objects]


def saved_flags(tree, obj):
    """The c_flags kbuild compiled @obj with ("dir/file.o")."""
    words = saved_command(tree, obj)
    if words is None:
        raise RuntimeError('%s has no command saved by kbuild' % obj)
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

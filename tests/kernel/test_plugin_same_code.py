# SPDX-License-Identifier: GPL-2.0
"""The GCC plugin changes no generated code, on every object of kernel/dma/,
mm/ and block/, and no debug information on kernel/dma/'s.

kbuild builds the three directories in the shared tree as it always does,
without the plugin: those objects are the "without" side, and what the
directories' built-in.a (and modules, if the configuration has any there)
hold is the set of objects, each compiled from C.  Each one is then
compiled again with the command kbuild saved for it plus -fplugin (where
KCFLAGS would put it: last), into a directory of its own under build/, and
the two disassemblies (every code section, with relocations and raw bytes)
must be equal.  An object that cannot be compiled with the plugin, or whose
saved command is not a C compile alone (objtool runs on vmlinux.o in this
configuration, so kbuild's object is gcc's output), is a failure.  The
shared tree is left as kbuild left it: nothing is written into it but
kbuild's own build.

The debug information is compared too, where the tree has none of its
own: kernel/dma/'s objects are compiled with -g, once without the plugin
and once with it, and their DWARF info and line tables must be equal but
for DW_AT_producer, gcc's record of its own command line (tests/objects.py).

Why not two O= builds: kbuild refuses O= from a source tree configured in
place, as the shared one is, so they would need a second clean copy of the
source and two `make prepare` runs; the saved commands give the same
compiles at half the cost.
"""

import concurrent.futures
import os
import subprocess
import tempfile
import time

import kbuild
from objects import debug_info, disassemble

DIRS = ['kernel/dma/', 'mm/', 'block/']


def compare(tree, obj, plugin, out_dir):
    """(problem or None, plugin's stderr) for one object."""
    words = kbuild.saved_command(tree, obj)
    if not words or words[-1] != obj[:-2] + '.c' or '-c' not in words:
        return 'not compiled from C by a saved kbuild command', ''
    if any(w.startswith('-fplugin=') and 'physcheck' in w for w in words):
        return 'the tree\'s object was itself built with the plugin', ''
    target = os.path.join(out_dir, obj)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    # -Wno-error: the tree builds with CONFIG_WERROR, and physcheck's
    # findings in these files are warnings like any other
    cmd = ['gcc'] + kbuild.saved_flags(tree, obj) + ['-Wno-error', '-fplugin=' + plugin,
                                                    '-c', '-o', target, obj[:-2] + '.c']
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=900)
    if proc.returncode or not os.path.exists(target):
        return 'does not compile with the plugin (status %d)' % proc.returncode, proc.stderr
    plain = disassemble(os.path.join(tree, obj))
    plugged = disassemble(target)
    if plain is None or plugged is None:
        return 'objdump failed', proc.stderr
    if plain != plugged:
        return 'code differs', proc.stderr
    return None, proc.stderr


# The tree builds without debug information; these objects are compiled
# again with -g, with and without the plugin, and their DWARF compared.
DEBUG_DIRS = ['kernel/dma/']


def compare_debug(tree, obj, plugin, out_dir):
    """A problem with @obj's debug information under the plugin, or None."""
    flags = kbuild.saved_flags(tree, obj) + ['-Wno-error', '-g']
    sides = {}
    for side, extra in (('plain', []), ('plugin', ['-fplugin=' + plugin])):
        target = os.path.join(out_dir, side, obj)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        proc = subprocess.run(['gcc'] + flags + extra + ['-c', '-o', target, obj[:-2] + '.c'],
                              cwd=tree, capture_output=True, text=True, timeout=900)
        if proc.returncode:
            return '-g compile %s failed: %s' % (side, proc.stderr[-1500:])
        sides[side] = debug_info(target)
    if sides['plain'] is None or sides['plain'] != sides['plugin']:
        return 'debug information differs'
    return None


def tests(out, env):
    tree = env['tree']
    plugin = os.path.join(env['root'], 'gcc-plugin', 'physcheck_plugin.so')
    start = time.monotonic()
    status, text = kbuild.make(tree, DIRS)
    if not out.result(status == 0, 'kernel samecode: kbuild builds %s' % ' '.join(DIRS),
                      text[-3000:]):
        return
    built = time.monotonic()
    objects = []
    for directory in DIRS:
        objects += kbuild.built_objects(tree, directory)
    os.makedirs(env['build'], exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='samecode-', dir=env['build']) as tmp:
        with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            results = list(pool.map(lambda obj: compare(tree, obj, plugin, tmp), objects))
    problems = ['%s: %s%s' % (obj, problem, '\n' + err[-1500:] if err else '')
                for obj, (problem, err) in zip(objects, results) if problem]
    crashed = [obj for obj, (_, err) in zip(objects, results)
               if 'internal compiler error' in err]
    out.result(bool(objects) and not problems and not crashed,
               'kernel samecode: the plugin leaves the code of all %d objects of %s unchanged'
               % (len(objects), ' '.join(DIRS)),
               '\n'.join(problems[:20]) + '\n'.join('internal compiler error: ' + o
                                                     for o in crashed))
    out.diag('kbuild %.0f s, compiles with the plugin and comparison %.0f s'
             % (built - start, time.monotonic() - built))
    debug_objects = [obj for obj in objects if any(obj.startswith(d) for d in DEBUG_DIRS)]
    with tempfile.TemporaryDirectory(prefix='samedebug-', dir=env['build']) as tmp:
        with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
            results = list(pool.map(lambda obj: compare_debug(tree, obj, plugin, tmp),
                                    debug_objects))
    problems = ['%s: %s' % (obj, problem) for obj, problem in zip(debug_objects, results)
                if problem]
    out.result(bool(debug_objects) and not problems,
               'kernel samecode: with -g, the plugin leaves the debug information of all '
               '%d objects of %s unchanged' % (len(debug_objects), ' '.join(DEBUG_DIRS)),
               '\n'.join(problems[:20]))

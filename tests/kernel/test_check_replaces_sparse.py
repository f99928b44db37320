# SPDX-License-Identifier: GPL-2.0
"""make C=2 CHECK=physcheck on real kernel files: kbuild accepts it as its
checker, it runs where kbuild runs sparse, takes kbuild's flags, exits 0,
and prints what sparse prints.

The files are a bounded subset that x86_64 defconfig builds: the DMA
mapping core and its swiotlb and debug paths, the scatterlist library and
the block layer's mapping code, where physcheck's sources and sinks live.
Then the real-mode files: built -m16 and checked -m64, they fail a static
assertion under the checker's flags, which sparse reports and goes on
from; so must physcheck, and kbuild must keep their objects.
"""

import glob
import os
import shutil
import subprocess

import diagnostics
import reference

KERNELS = ['linux-source-7.3', 'linux-source-6.12']

OBJECTS = [
    'kernel/dma/mapping.o',
    'kernel/dma/direct.o',
    'kernel/dma/swiotlb.o',
    'kernel/dma/debug.o',
    'lib/scatterlist.o',
    'block/blk-merge.o',
]


REALMODE = 'arch/x86/realmode/'
# kbuild (6.15 on) wants a checker it finds on PATH as a file: not a builtin
NO_CHECKER = shutil.which('true')


def make_c2(tree, check, objects=OBJECTS, cflags=''):
    cmd = ['make', '-s', 'ARCH=x86_64', 'C=2', 'CHECK=' + check] + objects
    if cflags:
        cmd.append('CF=' + cflags)
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=1800)
    return proc.returncode, proc.stdout + proc.stderr


def test_checker_valid(out, tree, physcheck):
    """kbuild's own test of its checker (6.15 on), run as kbuild runs it."""
    script = os.path.join(tree, 'scripts', 'checker-valid.sh')
    if not os.path.exists(script):
        out.skip('kernel: kbuild\'s checker-valid.sh accepts physcheck',
                 'this kernel has no scripts/checker-valid.sh')
        return
    proc = subprocess.run(['sh', script, physcheck], cwd=tree, capture_output=True,
                          text=True, timeout=120)
    out.result(proc.returncode == 0 and proc.stdout.strip() == '1',
               'kernel: kbuild\'s checker-valid.sh accepts physcheck',
               'status %d\n%s%s' % (proc.returncode, proc.stdout, proc.stderr))


def test_realmode(out, env, physcheck):
    """Where sparse reports an error and goes on, so do physcheck and make."""
    tree = env['tree']
    # the real-mode code is built in a sub-make of its own: as a directory
    objects = sorted(os.path.relpath(p[:-2] + '.o', tree)
                     for p in glob.glob(os.path.join(tree, REALMODE, 'rm', '*.c')))
    status, text = make_c2(tree, NO_CHECKER, [REALMODE])
    if not out.result(status == 0 and objects, 'kernel: defconfig builds %s' % REALMODE,
                      text):
        return
    sparse = reference.sparse_binary(env['build'])
    their_status, theirs = make_c2(tree, sparse, [REALMODE])
    status, ours = make_c2(tree, physcheck, [REALMODE])
    kept = all(os.path.exists(os.path.join(tree, o)) for o in objects)
    own, rest = diagnostics.split_lines(ours)
    incomplete = [x for x in own if x.endswith('[-Wphys-incomplete]')]
    errors = [x for x in theirs.splitlines() if ': error: ' in x]
    out.result(status == their_status == 0 and kept and rest == theirs.splitlines() and
               (len(incomplete) > 0) == (len(errors) > 0),
               'kernel: %s: sparse\'s errors there (%d lines) stop neither checker, '
               'objects kept, %d files said not analysed in full'
               % (REALMODE, len(errors), len(incomplete)),
               'physcheck %d, sparse %d\n%s\n--- sparse\n%s'
               % (status, their_status, ours, theirs))


def tests(out, env):
    tree = env['tree']
    physcheck = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
    test_checker_valid(out, tree, physcheck)
    # The first build compiles the objects; both runs below only check.
    status, text = make_c2(tree, NO_CHECKER)
    if not out.result(status == 0, 'kernel: defconfig builds %s' % ' '.join(OBJECTS), text):
        return
    status, ours = make_c2(tree, physcheck)
    out.result(status == 0, 'kernel: make C=2 CHECK=physcheck completes (exit 0)', ours)
    status, theirs = make_c2(tree, reference.sparse_binary(env['build']))
    _, ours_sparse = diagnostics.split_lines(ours)
    out.result(status == 0 and ours_sparse == theirs.splitlines(),
               'kernel: physcheck prints what sparse prints on %d files (%d lines)'
               % (len(OBJECTS), len(ours_sparse)),
               'physcheck:\n%s\nsparse:\n%s' % ('\n'.join(ours_sparse), theirs))
    test_realmode(out, env, physcheck)

# SPDX-License-Identifier: GPL-2.0
"""The GCC plugin changes no generated code, on real kernel objects.

Each object's source is compiled with kbuild's own flags twice, with and
without -fplugin=physcheck_plugin.so, and the disassembly of the two
objects is compared: a bounded subset of the DMA and block code (see
tests/kernel/README.md for what is run by hand beyond it).
"""

import os
import subprocess
import tempfile

import kbuild

OBJECTS = ['kernel/dma/mapping.o', 'kernel/dma/direct.o', 'kernel/dma/swiotlb.o',
           'kernel/dma/debug.o', 'block/blk-merge.o', 'lib/scatterlist.o']


def compile_and_disassemble(tree, obj, out_dir, extra):
    target = os.path.join(out_dir, os.path.basename(obj))
    # -Wno-error: the tree builds with CONFIG_WERROR, and physcheck's
    # findings in these files are warnings like any other
    cmd = ['gcc'] + kbuild.saved_flags(tree, obj) + ['-Wno-error'] + extra + \
        ['-c', '-o', target, obj[:-2] + '.c']
    proc = subprocess.run(cmd, cwd=tree, capture_output=True, text=True, timeout=600)
    if proc.returncode:
        return None, proc.stderr
    dis = subprocess.run(['objdump', '-d', '--no-show-raw-insn', target],
                         capture_output=True, text=True, timeout=600)
    # the first lines name the file, which differs between the two runs
    return dis.stdout.split('\n', 3)[-1], proc.stderr


def tests(out, env):
    tree = env['tree']
    plugin = os.path.join(env['root'], 'gcc-plugin', 'physcheck_plugin.so')
    status, text = kbuild.make(tree, OBJECTS)
    if not out.result(status == 0, 'kernel: build the objects to compare', text):
        return
    with tempfile.TemporaryDirectory(prefix='physcheck-samecode-') as tmp:
        plain_dir = os.path.join(tmp, 'plain')
        plugged_dir = os.path.join(tmp, 'plugin')
        os.makedirs(plain_dir)
        os.makedirs(plugged_dir)
        for obj in OBJECTS:
            plain, err1 = compile_and_disassemble(tree, obj, plain_dir, [])
            plugged, err2 = compile_and_disassemble(tree, obj, plugged_dir,
                                                    ['-fplugin=' + plugin])
            ok = plain is not None and plugged is not None and plain == plugged
            out.result(ok, 'kernel: %s code is the same with the plugin' % obj,
                       (err1 or '') + (err2 or '')[-2000:])

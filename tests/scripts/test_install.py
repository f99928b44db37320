# SPDX-License-Identifier: GPL-2.0
"""make install: the scripts a user runs go to PREFIX/bin with their
modules, and each installed tool, run from another directory, finds its
rules, its modules, the checker and its model in the installed tree."""

import os
import re
import shutil
import subprocess
import tempfile

CONV_C = ('static dma_addr_t m(struct device *d, struct page *p)\n{\n'
          '\treturn dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE);\n}\n')
SUMMARY = re.compile(r'^physcheck-gate: (\d+) new, (\d+) fixed, (\d+) unchanged$', re.M)


def tests(out, env):
    root = env['root']
    with tempfile.TemporaryDirectory(prefix='physcheck-install-') as tmp:
        dest = os.path.join(tmp, 'dest')
        prefix = '/opt/physcheck'
        proc = subprocess.run(['make', '-s', '-C', root, 'install', 'DESTDIR=' + dest,
                               'PREFIX=' + prefix], capture_output=True, text=True,
                              timeout=1800)
        inst = dest + prefix
        want = ['bin/physcheck', 'bin/physcheck-convert', 'bin/physcheck-gate',
                'lib/physcheck/python/spatch_macros.py',
                'lib/physcheck/python/physcheck_tools/convert.py',
                'lib/physcheck/python/physcheck_tools/gate.py',
                'share/physcheck/cocci/dma_map_page.cocci',
                'share/physcheck/cocci/kernel-macros.h', 'share/physcheck/kernel.model']
        missing = [w for w in want if not os.path.isfile(os.path.join(inst, w))]
        out.result(proc.returncode == 0 and not missing,
                   'install: a DESTDIR install has physcheck-convert, physcheck-gate and '
                   'their modules', 'missing %s\n%s%s' % (missing, proc.stdout, proc.stderr))
        if proc.returncode or missing:
            return
        # the source tree must not be what the installed tools use: they
        # run from another directory, with no path into the tree
        elsewhere = os.path.join(tmp, 'elsewhere')
        os.mkdir(elsewhere)
        run_env = {k: v for k, v in os.environ.items()
                   if k not in ('PYTHONPATH', 'PHYSCHECK_ROOT', 'PHYSCHECK_BUILD')}
        tree = os.path.join(tmp, 'tree')
        os.mkdir(tree)
        with open(os.path.join(tree, 'a.c'), 'w', encoding='utf-8') as f:
            f.write(CONV_C)
        if shutil.which('spatch'):
            r = subprocess.run([os.path.join(inst, 'bin', 'physcheck-convert'), '--in-place',
                                tree], cwd=elsewhere, env=run_env, capture_output=True,
                               text=True, timeout=600)
            with open(os.path.join(tree, 'a.c'), encoding='utf-8') as f:
                got = f.read()
            out.result(r.returncode == 0 and 'dma_map_phys(d, page_to_phys(p)' in got and
                       'Traceback' not in r.stderr,
                       'install: the installed physcheck-convert, run from elsewhere, '
                       'converts with its installed rules',
                       'status %d\n%s%s\n%s' % (r.returncode, r.stdout, r.stderr, got))
        else:
            out.skip('install: the installed physcheck-convert converts', 'no spatch')
        # the gate on a copy of examples/: the installed checker (which
        # finds the installed model) through kbuild, the installed
        # physcheck-convert for the rules
        ex = os.path.join(tmp, 'examples')
        shutil.copytree(os.path.join(root, 'examples'), ex)
        keep = os.path.join(tmp, 'make.log')
        r = subprocess.run([os.path.join(inst, 'bin', 'physcheck-gate'), '--kernel', ex,
                            '--baseline', os.path.join(ex, 'physcheck-gate-baseline.json'),
                            '--keep-log', keep, 'drivers'], cwd=elsewhere, env=run_env,
                           capture_output=True, text=True, timeout=900)
        try:
            with open(keep, encoding='utf-8') as f:
                first = f.readline()
        except OSError:
            first = ''
        m = SUMMARY.search(r.stdout)
        out.result(r.returncode == 0 and m is not None and m.group(1) == '0' and
                   int(m.group(3)) > 0 and
                   'CHECK=%s ' % os.path.join(inst, 'bin', 'physcheck') in first,
                   'install: the installed physcheck-gate, run from elsewhere, checks with '
                   'the installed checker and model and finds the baseline unchanged',
                   'status %d\n%s%s\n%s' % (r.returncode, r.stdout, r.stderr, first))

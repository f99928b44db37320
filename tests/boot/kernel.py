# SPDX-License-Identifier: GPL-2.0
"""Configure and build the guest kernel of one tree.

The configuration is x86_64 tinyconfig plus tests/boot/guest.config
(the DMA API's debugging, the guest's drivers, the IOMMU, what booting
from an initramfs on a serial console needs), and every line of that
file must survive olddefconfig.  Each tree builds in O=o inside it.  The
control builds from scratch; a converted or mutant tree's output
directory starts as a copy of the one it derives from (times kept), so
make compiles again only the files whose text the conversion changed,
and links.
"""

import os
import shutil

import common
import trees

CONFIG = os.path.join(common.HERE, 'guest.config')
MAKE = ['make', '-s', 'ARCH=x86_64', 'O=o']


def wanted():
    with open(CONFIG, encoding='utf-8') as f:
        return [line.strip() for line in f if line.startswith('CONFIG_')]


def out(variant):
    return os.path.join(trees.source(variant), 'o')


def image(variant):
    return os.path.join(out(variant), 'arch', 'x86', 'boot', 'bzImage')


def configure(variant, log):
    src = trees.source(variant)
    os.makedirs(out(variant), exist_ok=True)
    common.run(MAKE + ['tinyconfig'], log, cwd=src)
    with open(os.path.join(out(variant), '.config'), 'a', encoding='utf-8') as f:
        f.write('\n'.join(wanted()) + '\n')
    common.run(MAKE + ['olddefconfig'], log, cwd=src)
    with open(os.path.join(out(variant), '.config'), encoding='utf-8') as f:
        have = set(line.strip() for line in f)
    missing = [c for c in wanted() if c not in have]
    if missing:
        raise RuntimeError('olddefconfig dropped %s' % ', '.join(missing))


def build(variant, base, progress):
    """Build variant's bzImage; base is the variant whose output directory
    it starts from (None: from scratch).  True if make ran."""
    log = os.path.join(trees.variant_dir(variant), 'build.log')
    stamp = os.path.join(trees.variant_dir(variant), '.built')
    config_ok = os.path.exists(os.path.join(out(variant), '.config'))
    if os.path.exists(stamp) and os.path.exists(image(variant)) and config_ok:
        if os.path.getmtime(stamp) >= os.path.getmtime(CONFIG):
            return False
    if os.path.exists(log):
        os.unlink(log)
    if base and not config_ok:
        shutil.rmtree(out(variant), ignore_errors=True)
        common.run(['cp', '-a', out(base), out(variant)], log)
    if not os.path.exists(os.path.join(out(variant), '.config')) or \
            os.path.getmtime(os.path.join(out(variant), '.config')) < os.path.getmtime(CONFIG):
        configure(variant, log)
    common.run(common.NICE + MAKE + ['-j%d' % common.JOBS, 'bzImage'], log,
               cwd=trees.source(variant))
    with open(stamp, 'w', encoding='utf-8'):
        pass
    return True


def built_files(variant, files):
    """Those of files (relative .c paths) whose object this build made."""
    return [f for f in files
            if os.path.exists(os.path.join(out(variant), f[:-2] + '.o'))]

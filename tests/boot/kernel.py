# SPDX-License-Identifier: GPL-2.0
"""Configure and build the guest kernel of one tree.

The configuration is x86_64 tinyconfig plus tests/boot/guest.config
(the DMA API's debugging, the guest's drivers, the IOMMU, what booting
from an initramfs on a serial console needs), and every line of that
file must survive olddefconfig.  Each tree builds in O=o inside it.  The
control builds from scratch; a converted or mutant tree's output
directory starts as a copy of the one it derives from (times kept), so
make compiles again only the files whose text the conversion changed,
and links.  Two things stand in the way, and are dealt with here:

- objtool, which every object depends on, is built by tools/' own
  make, whose commands hold the tree's absolute path: in another tree it
  is linked again, newer than every object, and everything is compiled
  again.  It is built first (make tools/objtool), then every file under
  o/tools/ gets back the time it had in the base, as make found it
  up to date there.
- The converted files were written before the base's objects were
  compiled, so make would take those objects as up to date: each file
  the conversion changed is touched.  After the build, the object of
  every changed file the configuration builds must be newer than the
  build's start, or the build fails.
"""

import os
import shutil
import time

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
    start = time.time()
    copied = base and not config_ok
    if copied:
        shutil.rmtree(out(variant), ignore_errors=True)
        common.run(['cp', '-a', out(base), out(variant)], log)
        common.run(common.NICE + MAKE + ['-j%d' % common.JOBS, 'tools/objtool'], log,
                   cwd=trees.source(variant))
        _times_from(os.path.join(out(base), 'tools'), os.path.join(out(variant), 'tools'))
        for f in trees.changed_files(variant):
            os.utime(os.path.join(trees.source(variant), f))
    if not os.path.exists(os.path.join(out(variant), '.config')) or \
            os.path.getmtime(os.path.join(out(variant), '.config')) < os.path.getmtime(CONFIG):
        configure(variant, log)
    common.run(common.NICE + MAKE + ['-j%d' % common.JOBS, 'bzImage'], log,
               cwd=trees.source(variant))
    if copied:
        stale = [f for f in built_files(variant, trees.changed_files(variant))
                 if os.path.getmtime(os.path.join(out(variant), f[:-2] + '.o')) < start]
        if stale:
            raise RuntimeError('make did not compile the converted %s again'
                               % ', '.join(stale))
    with open(stamp, 'w', encoding='utf-8'):
        pass
    return True


def _times_from(base, mine):
    """Give each file under mine the times of its namesake under base."""
    for top, _, names in os.walk(mine):
        for name in names:
            path = os.path.join(top, name)
            other = os.path.join(base, os.path.relpath(path, mine))
            if os.path.islink(path) or not os.path.isfile(other):
                continue
            st = os.stat(other)
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def built_files(variant, files):
    """Those of files (relative .c paths) whose object this build made."""
    return [f for f in files
            if os.path.exists(os.path.join(out(variant), f[:-2] + '.o'))]

# SPDX-License-Identifier: GPL-2.0
"""The real-kernel test bed, prepared once per build and shared by tiers.

Debian's linux-source-6.N package installs a tarball under /usr/src; this
extracts the newest one into build/kernel/, configures it (x86_64
defconfig plus CONFIG_DMA_API_DEBUG, as the checker issue asks) and runs
`make prepare`, so `make C=2 dir/file.o` works.  PHYSCHECK_KERNEL_TREE
names an already prepared tree instead.  Every step is stamped: a second
run does nothing.
"""

import fcntl
import glob
import hashlib
import os
import re
import subprocess
import sys

# DMA_API_DEBUG as the checker issue asks; ZONE_DEVICE and PCI_P2PDMA so
# that is_pci_p2pdma_page() is a real test and not a constant false, which
# the guard mutations of tests/kernel need; BLK_DEV_NVME so that
# drivers/nvme/, one of the checker issue's directories, is built at all.
CONFIG_EXTRA = ['DMA_API_DEBUG', 'MEMORY_HOTPLUG', 'MEMORY_HOTREMOVE', 'ZONE_DEVICE',
                'PCI_P2PDMA', 'BLK_DEV_NVME']


class Unavailable(Exception):
    """No kernel source here: the tier reports a visible skip."""


def _newest_tarball():
    found = []
    for path in glob.glob('/usr/src/linux-source-6.*.tar.*'):
        m = re.search(r'linux-source-6\.(\d+)\.tar', path)
        if m and int(m.group(1)) >= 12:
            found.append((int(m.group(1)), path))
    if not found:
        raise Unavailable('no /usr/src/linux-source-6.N tarball (N >= 12): '
                          'run make deps-kernel')
    return max(found)[1]


def _run(cmd, cwd, log):
    with open(log, 'a', encoding='utf-8') as f:
        f.write('$ %s\n' % ' '.join(cmd))
        f.flush()
        proc = subprocess.run(cmd, cwd=cwd, stdout=f, stderr=subprocess.STDOUT)
    if proc.returncode:
        with open(log, encoding='utf-8', errors='replace') as f:
            tail = f.read()[-3000:]
        raise RuntimeError('%s failed in %s:\n%s' % (' '.join(cmd), cwd, tail))


def _stamped(stamp, step):
    if not os.path.exists(stamp):
        step()
        with open(stamp, 'w', encoding='utf-8'):
            pass


def prepare(build_dir, progress=sys.stderr):
    """Return the path of a prepared kernel tree, preparing it if needed."""
    given = os.environ.get('PHYSCHECK_KERNEL_TREE')
    if given:
        if not os.path.exists(os.path.join(given, '.config')):
            raise Unavailable('PHYSCHECK_KERNEL_TREE=%s is not a configured tree' % given)
        return given
    tarball = _newest_tarball()
    name = os.path.basename(tarball).split('.tar')[0]
    top = os.path.join(build_dir, 'kernel')
    tree = os.path.join(top, name)
    log = os.path.join(top, name + '.log')
    os.makedirs(top, exist_ok=True)
    with open(os.path.join(top, '.lock'), 'w', encoding='utf-8') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)

        def extract():
            progress.write('# extracting %s\n' % tarball)
            # tar(1) rather than tarfile: Debian 12's python3 predates
            # extraction filters, and xz in parallel is several times faster
            _run(['tar', '-C', top, '-I', 'xz -T0', '-xf', tarball], top, log)

        def configure():
            progress.write('# configuring %s (x86_64 defconfig + %s)\n'
                           % (name, ' '.join(CONFIG_EXTRA)))
            _run(['make', '-s', 'ARCH=x86_64', 'defconfig'], tree, log)
            _run(['scripts/config'] + sum((['-e', c] for c in CONFIG_EXTRA), []),
                 tree, log)
            _run(['make', '-s', 'ARCH=x86_64', 'olddefconfig'], tree, log)
            with open(os.path.join(tree, '.config'), encoding='utf-8') as f:
                config_text = f.read()
            missing = [c for c in CONFIG_EXTRA if 'CONFIG_%s=y' % c not in config_text]
            if missing:
                raise RuntimeError('olddefconfig dropped %s' % ', '.join(missing))

        def make_prepare():
            progress.write('# make prepare in %s\n' % name)
            _run(['make', '-s', '-j%d' % os.cpu_count(), 'ARCH=x86_64', 'prepare'],
                 tree, log)

        # a change of CONFIG_EXTRA configures and prepares the tree anew
        config = hashlib.sha1(' '.join(CONFIG_EXTRA).encode()).hexdigest()[:12]
        _stamped(os.path.join(top, '.%s.extracted' % name), extract)
        _stamped(os.path.join(top, '.%s.configured-%s' % (name, config)), configure)
        _stamped(os.path.join(top, '.%s.prepared-%s' % (name, config)), make_prepare)
    return tree


if __name__ == '__main__':
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
    try:
        print(prepare(os.environ.get('PHYSCHECK_BUILD', os.path.join(root, 'build'))))
    except Unavailable as e:
        sys.exit('kernel_tree: %s' % e)

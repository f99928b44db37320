# SPDX-License-Identifier: GPL-2.0
"""The real-kernel test beds, prepared once per build and shared by tiers.

Each kernel is Debian's linux-source-N package, fetched by
scripts/physcheck-fetch through a private apt configuration (the machine's
is never touched) into build/kernel/dl/; its tarball is extracted into
build/kernel/, configured (x86_64 defconfig plus CONFIG_EXTRA) and
prepared (`make prepare`), so `make C=2 dir/file.o` works.  KERNELS lists
them, the main one first: 7.3, where the phys API is real, then 6.12, the
LTS distributions ship.  PHYSCHECK_KERNEL_TREE names an already prepared
tree to use as the main one instead.  Every step is stamped with the
package's version: a second run does nothing, a new Debian revision is
extracted anew.
"""

import fcntl
import glob
import hashlib
import os
import subprocess
import sys

# DMA_API_DEBUG as the checker issue asks; ZONE_DEVICE and PCI_P2PDMA so
# that is_pci_p2pdma_page() is a real test and not a constant false, which
# the guard mutations of tests/kernel need; BLK_DEV_NVME so that
# drivers/nvme/, one of the checker issue's directories, is built at all.
CONFIG_EXTRA = ['DMA_API_DEBUG', 'MEMORY_HOTPLUG', 'MEMORY_HOTREMOVE', 'ZONE_DEVICE',
                'PCI_P2PDMA', 'BLK_DEV_NVME']


# The kernels the tier runs on, main first; physcheck-fetch knows where
# each comes from.
KERNELS = ['linux-source-7.3', 'linux-source-6.12']
MAIN = KERNELS[0]
ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..'))
FETCH = os.path.join(ROOT, 'scripts', 'physcheck-fetch')


class Unavailable(Exception):
    """The kernel cannot be had: the tier fails with this one line."""


def fetch(name, build_dir, progress):
    """The .deb of kernel name and its "PACKAGE VERSION SUITE" line."""
    dest = os.path.join(build_dir, 'kernel', 'dl', name)
    proc = subprocess.run([sys.executable, FETCH, '--build', build_dir, name, dest],
                          capture_output=True, text=True)
    if proc.returncode:
        raise Unavailable((proc.stderr.strip().splitlines() or
                           ['physcheck-fetch %s failed' % name])[-1])
    debs = glob.glob(os.path.join(dest, '*.deb'))
    if len(debs) != 1:
        raise Unavailable('physcheck-fetch left %d packages in %s' % (len(debs), dest))
    version = proc.stdout.strip()
    progress.write('# %s\n' % version)
    return debs[0], version


def version_of(tree):
    """The "PACKAGE VERSION SUITE" line of a prepared tree, or None."""
    try:
        with open(os.path.join(tree, '.physcheck-version'), encoding='utf-8') as f:
            return f.read().strip()
    except OSError:
        return None


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


def _extract(deb, name, top, log):
    """The package holds /usr/src/NAME.tar.xz; extract that tarball."""
    member = './usr/src/%s.tar.xz' % name
    with open(log, 'a', encoding='utf-8') as err:
        err.write('$ dpkg-deb --fsys-tarfile %s | tar -xO %s | tar -x\n' % (deb, member))
        err.flush()
        deb_tar = subprocess.Popen(['dpkg-deb', '--fsys-tarfile', deb],
                                   stdout=subprocess.PIPE, stderr=err)
        inner = subprocess.Popen(['tar', '-xO', member], stdin=deb_tar.stdout,
                                 stdout=subprocess.PIPE, stderr=err)
        deb_tar.stdout.close()
        # tar(1) rather than tarfile: Debian 12's python3 predates
        # extraction filters, and xz in parallel is several times faster
        untar = subprocess.run(['tar', '-C', top, '-I', 'xz -T0', '-x'], stdin=inner.stdout,
                               stderr=err)
        inner.stdout.close()
        statuses = (deb_tar.wait(), inner.wait(), untar.returncode)
    if any(statuses):
        raise RuntimeError('extracting %s from %s failed (%s): see %s'
                           % (member, deb, statuses, log))


def prepare(build_dir, name=MAIN, progress=sys.stderr):
    """Return the path of kernel name's prepared tree, preparing it if needed."""
    given = os.environ.get('PHYSCHECK_KERNEL_TREE')
    if given and name == MAIN:
        if not os.path.exists(os.path.join(given, '.config')):
            raise Unavailable('PHYSCHECK_KERNEL_TREE=%s is not a configured tree' % given)
        return given
    top = os.path.join(build_dir, 'kernel')
    tree = os.path.join(top, name)
    log = os.path.join(top, name + '.log')
    os.makedirs(top, exist_ok=True)
    with open(os.path.join(top, '.lock'), 'w', encoding='utf-8') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        deb, version = fetch(name, build_dir, progress)
        tag = hashlib.sha1(version.encode()).hexdigest()[:12]

        def extract():
            progress.write('# extracting %s\n' % version)
            if os.path.exists(tree):
                _run(['rm', '-rf', tree], top, log)
            _extract(deb, name, top, log)
            with open(os.path.join(tree, '.physcheck-version'), 'w', encoding='utf-8') as f:
                f.write(version + '\n')

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

        # a new package version extracts anew; a change of CONFIG_EXTRA
        # configures and prepares the tree anew
        config = hashlib.sha1((tag + ' '.join(CONFIG_EXTRA)).encode()).hexdigest()[:12]
        _stamped(os.path.join(top, '.%s.extracted-%s' % (name, tag)), extract)
        _stamped(os.path.join(top, '.%s.configured-%s' % (name, config)), configure)
        _stamped(os.path.join(top, '.%s.prepared-%s' % (name, config)), make_prepare)
    return tree


if __name__ == '__main__':
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
    name = sys.argv[1] if len(sys.argv) > 1 else MAIN
    try:
        print(prepare(os.environ.get('PHYSCHECK_BUILD', os.path.join(root, 'build')), name))
    except Unavailable as e:
        sys.exit('kernel_tree: %s' % e)

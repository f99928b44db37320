# SPDX-License-Identifier: GPL-2.0
"""The guest's initramfs: Debian's busybox-static, the dmacheck helper
(compiled static with the host's gcc), /init (init.sh), the data the
network checks compare against, and the functions to profile.

The TFTP directory qemu's user-mode network serves (the blob the guest
receives) is written beside it, in build/boot/guest/tftp/.
"""

import hashlib
import os
import random
import shutil
import subprocess

import common

BUSYBOX = '/bin/busybox'
RX_SIZE = 256 * 1024 + 123      # through qemu's TFTP server, 512-byte blocks
TX_SIZE = 1024 * 1024 + 4321    # through guestfwd to the host's checksummer


def guest_dir():
    path = os.path.join(common.boot_dir(), 'guest')
    os.makedirs(path, exist_ok=True)
    return path


def tftp_dir():
    return os.path.join(guest_dir(), 'tftp')


def _blob(seed, size):
    return random.Random(seed).randbytes(size)


def tx_blob():
    return _blob(2, TX_SIZE)


def dmacheck(log):
    out = os.path.join(guest_dir(), 'dmacheck')
    src = os.path.join(common.HERE, 'dmacheck.c')
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(src):
        common.run(['gcc', '-static', '-O2', '-Wall', '-Wextra', '-Werror', '-o', out, src],
                   log)
    return out


def build(functions):
    """Write build/boot/guest/initramfs.cpio (and the TFTP directory) for
    a guest that profiles functions; return the archive's path."""
    top = guest_dir()
    log = os.path.join(top, 'initramfs.log')
    if os.path.exists(log):
        os.unlink(log)
    if not os.path.exists(BUSYBOX):
        raise RuntimeError('%s is missing: install busybox-static '
                           '(scripts/setup-deps boot)' % BUSYBOX)
    root = os.path.join(top, 'root')
    shutil.rmtree(root, ignore_errors=True)
    for d in ('bin', 'etc/boottest', 'proc', 'sys', 'dev', 'tmp'):
        os.makedirs(os.path.join(root, d))
    shutil.copy2(BUSYBOX, os.path.join(root, 'bin', 'busybox'))
    shutil.copy2(dmacheck(log), os.path.join(root, 'bin', 'dmacheck'))
    shutil.copy2(os.path.join(common.HERE, 'init.sh'), os.path.join(root, 'init'))
    os.chmod(os.path.join(root, 'init'), 0o755)

    etc = os.path.join(root, 'etc', 'boottest')
    rx = _blob(1, RX_SIZE)
    os.makedirs(tftp_dir(), exist_ok=True)
    with open(os.path.join(tftp_dir(), 'blob'), 'wb') as f:
        f.write(rx)
    tx = tx_blob()
    files = {
        'blob.sha256': hashlib.sha256(rx).hexdigest() + '\n',
        'txblob.sha256': hashlib.sha256(tx).hexdigest() + '\n',
        'functions': ''.join(f + '\n' for f in functions),
    }
    for name, text in files.items():
        with open(os.path.join(etc, name), 'w', encoding='utf-8') as f:
            f.write(text)
    with open(os.path.join(etc, 'txblob'), 'wb') as f:
        f.write(tx)

    # the same inputs give the same archive, so a boot of the same kernel
    # is not repeated (see run)
    for base, dirs, names in os.walk(root):
        for name in dirs + names:
            os.utime(os.path.join(base, name), (0, 0), follow_symlinks=False)
    os.utime(root, (0, 0))
    archive = os.path.join(top, 'initramfs.cpio')
    names = subprocess.run(['find', '.'], cwd=root, capture_output=True,
                           check=True).stdout
    names = b'\n'.join(sorted(names.split(b'\n'))).strip() + b'\n'
    with open(archive + '.tmp', 'wb') as f, open(log, 'a', encoding='utf-8') as err:
        subprocess.run(['cpio', '-o', '-H', 'newc', '--quiet', '--reproducible', '-R', '0:0'],
                       cwd=root, input=names, stdout=f, stderr=err, check=True)
    os.replace(archive + '.tmp', archive)
    return archive

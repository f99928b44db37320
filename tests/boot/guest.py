# SPDX-License-Identifier: GPL-2.0
"""Boot one kernel under qemu-system-x86_64 (TCG: no KVM needed) in one
of three DMA modes, and read what the guest reported on its serial
console.

The guest has a virtio-blk disk, an NVMe disk and a USB mass-storage
disk on an xHCI controller, a virtio-net and an e1000e NIC, each NIC on
its own qemu user-mode network (qemu's TFTP server serves the blob the
guest receives; a guestfwd to 10.0.2.100:5555 runs a host command that
answers the sha256 of what the guest sends).  The virtio devices are
modern with iommu_platform=on in every mode, so virtio maps its buffers
through the DMA API (virtqueue_map_page_attrs()) whether or not an IOMMU
is there; without it virtio would hand the device guest-physical
addresses and never call the API.

Modes: plain (dma-direct), iommu (qemu's intel-iommu, intel_iommu=on),
swiotlb (swiotlb=force: every streaming mapping bounced).

Each mode boots twice, with the disks and with the NICs (LAYOUTS): a
kernel whose virtio-blk is broken hangs in the probe's partition scan,
before /init, and would otherwise take the network checks down with it.
"""

import os
import re
import subprocess
import time

import common
import initramfs

QEMU = 'qemu-system-x86_64'
MODES = ('plain', 'iommu', 'swiotlb')
LAYOUTS = ('disks', 'nets')
# virtio-net without its control queue (and the features that need it):
# a broken mapping of a control command leaves `ip link set up` waiting
# for the device forever, holding the RTNL lock every later network
# check needs; without it, such a kernel fails on the data itself
VIRTIO_NET = (',ctrl_vq=off,ctrl_rx=off,ctrl_vlan=off,ctrl_rx_extra=off,ctrl_mac_addr=off,'
              'ctrl_guest_offloads=off,guest_announce=off,mq=off')
DISK_SIZE = 64 * 1024 * 1024
DEFAULT_TIMEOUT = 900
STALL = 120

LINE = re.compile(r'BOOTTEST (PASS|FAIL|INFO|HITS|START|DONE)\s*(\S*)\s*(.*)')
# what CONFIG_DMA_API_DEBUG prints when it finds a driver's error, and
# the two lines it prints at every boot, which are none
DMA_WARNING = re.compile(r'DMA-API: |dma_debug|debug_dma_')
DMA_INFO = re.compile(r'DMA-API: (preallocated \d+ debug entries|'
                      r'debugging enabled by kernel config)$')


def machine(mode):
    """qemu arguments and the kernel command line of mode."""
    args = ['-machine', 'q35', '-accel', 'tcg']
    append = []
    if mode == 'iommu':
        # the IOMMU comes before the devices it translates for
        args = ['-machine', 'q35,kernel-irqchip=split', '-accel', 'tcg',
                '-device', 'intel-iommu,intremap=on']
        append = ['intel_iommu=on', 'iommu.strict=1']
    elif mode == 'swiotlb':
        append = ['swiotlb=force']
    elif mode != 'plain':
        raise ValueError('unknown mode %s' % mode)
    return args, append


def disks(run_dir):
    """Fresh raw images for the three disks (sparse files)."""
    paths = {}
    for name in ('vblk', 'nvme', 'usb'):
        path = os.path.join(run_dir, name + '.img')
        with open(path, 'wb') as f:
            f.truncate(DISK_SIZE)
        paths[name] = path
    return paths


def command(kernel, initrd, mode, layout, img, log):
    """The qemu command line; img names the three disk images."""
    args, append = machine(mode)
    tftp = initramfs.tftp_dir()
    # guestfwd runs its command without a shell (g_shell_parse_argv)
    checksummer = ("cmd:sh -c 'head -c %d | sha256sum'" % initramfs.TX_SIZE)
    net = 'user,id=%s,tftp=' + tftp + ',guestfwd=tcp:10.0.2.100:5555-' + checksummer
    virtio = ',iommu_platform=on,disable-legacy=on'
    cmdline = ['console=ttyS0', 'panic=-1', 'oops=panic', 'boottest=' + layout] + append
    cmd = [QEMU] + args + [
        '-m', '512', '-smp', '1', '-nographic', '-no-reboot', '-monitor', 'none',
        '-serial', 'file:' + log,
        '-kernel', kernel, '-initrd', initrd, '-append', ' '.join(cmdline)]
    if layout == 'disks':
        return cmd + [
            '-drive', 'file=%s,if=none,id=vb,format=raw' % img['vblk'],
            '-device', 'virtio-blk-pci,drive=vb' + virtio,
            '-drive', 'file=%s,if=none,id=nv,format=raw' % img['nvme'],
            '-device', 'nvme,drive=nv,serial=boottest',
            '-device', 'qemu-xhci,id=xhci',
            '-drive', 'file=%s,if=none,id=ub,format=raw' % img['usb'],
            '-device', 'usb-storage,bus=xhci.0,drive=ub']
    if layout == 'nets':
        return cmd + [
            '-netdev', net % 'n0', '-device', 'virtio-net-pci,netdev=n0' + VIRTIO_NET + virtio,
            '-netdev', net % 'n1', '-device', 'e1000e,netdev=n1']
    raise ValueError('unknown layout %s' % layout)


class Run:
    """What one boot reported."""

    def __init__(self, log):
        self.log = log
        self.checks = {}        # name -> (passed, detail), in order
        self.info = {}
        self.hits = {}
        self.started = self.done = False
        self.warnings = []      # DMA-API debug lines of the kernel
        self.seconds = None
        self.exit = None
        self.qemu_said = []     # what qemu itself printed (a device's error)
        self.parse()

    def parse(self):
        try:
            with open(self.log, encoding='utf-8', errors='replace') as f:
                lines = f.read().splitlines()
        except OSError:
            lines = []
        for line in lines:
            m = LINE.search(line)
            if m:
                kind, name, rest = m.groups()
                if kind in ('PASS', 'FAIL'):
                    self.checks[name] = (kind == 'PASS', rest)
                elif kind == 'INFO':
                    self.info[name] = rest
                elif kind == 'HITS':
                    self.hits[name] = int(rest or 0)
                elif kind == 'START':
                    self.started = True
                elif kind == 'DONE':
                    self.done = True
                continue
            if DMA_WARNING.search(line):
                # the timestamp differs from boot to boot
                text = re.sub(r'^\[[ 0-9.]*\] ', '', line).strip()
                if not DMA_INFO.match(text):
                    self.warnings.append(text)


def _wait(proc, log, start, timeout):
    """qemu's exit status, or why it was killed: after timeout seconds,
    or when the console said nothing for STALL seconds (a hung guest;
    the guest's own checks give up within 60 s each and say so)."""
    size, quiet_since = -1, time.monotonic()
    while True:
        try:
            return proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        try:
            grown = os.path.getsize(log)
        except OSError:
            grown = 0
        if grown != size:
            size, quiet_since = grown, now
        why = None
        if now - start > timeout:
            why = 'timeout after %d s' % timeout
        elif now - quiet_since > STALL:
            why = 'the console was silent for %d s (hung), after %d s' % (STALL, now - start)
        if why:
            proc.kill()
            proc.wait()
            return why


def boot(kernel, initrd, mode, layout, run_dir, timeout=DEFAULT_TIMEOUT):
    """Boot kernel in mode with layout's devices; return its Run.  The console goes to
    run_dir/console.log; qemu is killed after timeout seconds."""
    os.makedirs(run_dir, exist_ok=True)
    log = os.path.join(run_dir, 'console.log')
    if os.path.exists(log):
        os.unlink(log)
    cmd = command(kernel, initrd, mode, layout, disks(run_dir), log)
    with open(os.path.join(run_dir, 'qemu.cmd'), 'w', encoding='utf-8') as f:
        f.write(' '.join(common.rel(a) if a.startswith(common.ROOT) else a
                         for a in cmd) + '\n')
    start = time.monotonic()
    with open(os.path.join(run_dir, 'qemu.log'), 'w', encoding='utf-8') as qlog:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=qlog,
                                stderr=subprocess.STDOUT, start_new_session=True)
        status = _wait(proc, log, start, timeout)
    run = Run(log)
    with open(os.path.join(run_dir, 'qemu.log'), encoding='utf-8', errors='replace') as f:
        run.qemu_said = [line.strip() for line in f
                         if line.strip() and 'terminating on signal' not in line][:5]
    run.seconds = round(time.monotonic() - start, 1)
    run.exit = status
    for name in ('vblk', 'nvme', 'usb'):
        os.unlink(os.path.join(run_dir, name + '.img'))
    return run

# SPDX-License-Identifier: GPL-2.0
"""The source trees the boot tier builds: control, converted, mutant.

control is Debian's linux-source-7.3 as the kernel tier fetches it
(tests/kernel/kernel_tree.py's fetch() and extraction, its package
cache under build/kernel/dl/), extracted afresh into
build/boot/control/linux and never written again.  converted is a copy
of it made of hard links, converted whole by `physcheck-convert
--in-place` (which replaces each file it changes by a new one, so the
control's files keep their text); mutant is the same with a scratch copy
of the rules whose dma_map_page.cocci drops the page offset.

Each tree is built in its own output directory inside it (O=o, see
kernel.py): kbuild then names the sources "../..." in every command it
records, so the converted tree's output directory can start as a copy of
the control's and only what the conversion changed is compiled again.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

import common

sys.path.insert(0, common.KERNEL_TESTS)
import kernel_tree  # noqa: E402

NAME = kernel_tree.MAIN
VARIANTS = ('control', 'converted')

# The mutant's substitutions in the '+' lines of dma_map_page.cocci: each
# form of the phys the rule writes loses the offset within the page.
MUTANTS = {
    'drop-offset': [
        ('page_to_phys(p) + o', 'page_to_phys(p)'),
        ('sg_phys(sg)', 'page_to_phys(sgp(sg))'),
        ('virt_to_phys(x)', 'page_to_phys(vtp(x))'),
        ('bvec_phys(bv)', 'page_to_phys(bv->bvp)'),
        ('bvec_phys(&bv)', 'page_to_phys(bv.bvp)'),
    ],
}


def variant_dir(variant):
    return os.path.join(common.boot_dir(), variant)


def source(variant):
    return os.path.join(variant_dir(variant), 'linux')


def version():
    """The package line of the control tree, or None before it exists."""
    return kernel_tree.version_of(source('control'))


def control(progress):
    """Extract the control tree once per package version; True if it did."""
    top = variant_dir('control')
    os.makedirs(top, exist_ok=True)
    deb, line = kernel_tree.fetch(NAME, common.build_dir(), progress)
    if kernel_tree.version_of(source('control')) == line:
        return False
    log = os.path.join(top, 'extract.log')
    for variant in os.listdir(common.boot_dir()):
        # a new package invalidates every tree made from the old one
        path = os.path.join(common.boot_dir(), variant)
        if os.path.isdir(os.path.join(path, 'linux')):
            shutil.rmtree(os.path.join(path, 'linux'))
    staging = os.path.join(top, 'extract')
    shutil.rmtree(staging, ignore_errors=True)
    os.makedirs(staging)
    kernel_tree._extract(deb, NAME, staging, log)
    os.rename(os.path.join(staging, NAME), source('control'))
    os.rmdir(staging)
    with open(os.path.join(source('control'), '.physcheck-version'), 'w',
              encoding='utf-8') as f:
        f.write(line + '\n')
    return True


def _tool(mutant):
    """physcheck-convert itself, or a scratch copy whose rule is broken."""
    if not mutant:
        return common.CONVERT
    top = os.path.join(common.boot_dir(), 'mutant-%s-tool' % mutant)
    shutil.rmtree(top, ignore_errors=True)
    shutil.copytree(os.path.join(common.ROOT, 'scripts'), os.path.join(top, 'scripts'),
                    ignore=shutil.ignore_patterns('__pycache__'))
    shutil.copytree(os.path.join(common.ROOT, 'cocci'), os.path.join(top, 'cocci'))
    rule = os.path.join(top, 'cocci', 'dma_map_page.cocci')
    with open(rule, encoding='utf-8') as f:
        lines = f.read().split('\n')
    changed = 0
    for i, line in enumerate(lines):
        if not line.startswith('+'):
            continue
        new = line
        for old, repl in MUTANTS[mutant]:
            new = new.replace(old, repl)
        if new != line:
            lines[i] = new
            changed += 1
    if not changed:
        raise RuntimeError('the %s mutant changed no line of dma_map_page.cocci' % mutant)
    with open(rule, 'w', encoding='utf-8') as f:
        f.write('\n'.join(lines))
    return os.path.join(top, 'scripts', 'physcheck-convert')


def _hardlink_copy(src, dst, log):
    """A copy of the tree src made of hard links, without its output dir."""
    if os.path.exists(dst):
        shutil.rmtree(dst)
    os.makedirs(dst)
    names = [n for n in os.listdir(src) if n != 'o']
    common.run(['cp', '-al'] + names + [dst], log, cwd=src)


def convert(variant, mutant, progress):
    """Make tree variant ('converted' or 'mutant-NAME') from control and
    convert it whole; True if it did (a stamp says it is done)."""
    top = variant_dir(variant)
    os.makedirs(top, exist_ok=True)
    stamp = os.path.join(top, '.converted-%s'
                         % hashlib.sha1(version().encode()).hexdigest()[:12])

    def step():
        log = os.path.join(top, 'convert.log')
        if os.path.exists(log):
            os.unlink(log)
        tool = _tool(mutant)
        work = os.path.join(top, 'linux')
        _hardlink_copy(source('control'), work, log)
        with open(log, 'a', encoding='utf-8') as f:
            f.write('$ physcheck-convert --in-place -j %d --json account.json linux\n'
                    % common.JOBS)
            f.flush()
            proc = subprocess.run(common.NICE + [sys.executable, tool, '--in-place',
                                                 '-j', str(common.JOBS), '--json',
                                                 os.path.join(top, 'account.json'), 'linux'],
                                  cwd=top, stdout=subprocess.DEVNULL, stderr=f)
        if proc.returncode:
            raise RuntimeError('physcheck-convert failed (exit %d), see %s'
                               % (proc.returncode, common.rel(log)))
        progress.write('# %s\n' % last_line(log))

    return common.stamped(stamp, step)


def last_line(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().strip().splitlines()
    return lines[-1] if lines else ''


def changed_files(variant):
    """The files the conversion of variant changed, relative to the tree."""
    with open(os.path.join(variant_dir(variant), 'account.json'), encoding='utf-8') as f:
        account = json.load(f)
    return sorted({s['file'] for s in account['sites'] if s['status'] == 'converted'})


def converted_sites(variant):
    with open(os.path.join(variant_dir(variant), 'account.json'), encoding='utf-8') as f:
        account = json.load(f)
    return [s for s in account['sites'] if s['status'] == 'converted']

# SPDX-License-Identifier: GPL-2.0
"""What every module of the boot tier shares: where things are, how a
command is run and logged, stamps, and the stage clock."""

import json
import os
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..'))
KERNEL_TESTS = os.path.join(ROOT, 'tests', 'kernel')
CONVERT = os.path.join(ROOT, 'scripts', 'physcheck-convert')

# the kernel builds share the machine: they run niced, two jobs
NICE = ['nice', '-n', '15']
JOBS = 2


def build_dir():
    """build/ of the work tree (PHYSCHECK_BUILD when a runner sets it)."""
    return os.environ.get('PHYSCHECK_BUILD', os.path.join(ROOT, 'build'))


def boot_dir():
    """Everything the tier writes: build/boot/."""
    path = os.path.join(build_dir(), 'boot')
    os.makedirs(path, exist_ok=True)
    return path


def rel(path):
    """path as the tier prints it: relative to the work tree."""
    return os.path.relpath(path, ROOT)


def run(cmd, log, cwd=None, env=None, check=True):
    """Run cmd with its output appended to log; raise on failure."""
    with open(log, 'a', encoding='utf-8') as f:
        f.write('$ %s\n' % ' '.join(cmd))
        f.flush()
        proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=f, stderr=subprocess.STDOUT)
    if check and proc.returncode:
        with open(log, encoding='utf-8', errors='replace') as f:
            tail = f.read()[-3000:]
        raise RuntimeError('%s failed (exit %d), see %s:\n%s'
                           % (' '.join(cmd), proc.returncode, rel(log), tail))
    return proc.returncode


def stamped(stamp, step):
    """Run step unless stamp exists; create stamp after it succeeded.
    True when step ran."""
    if os.path.exists(stamp):
        return False
    step()
    with open(stamp, 'w', encoding='utf-8'):
        pass
    return True


class Clock:
    """Wall time per stage, kept in build/boot/times.json across runs: a
    stage a stamp skips keeps the time it took when it ran."""

    def __init__(self, progress):
        self.path = os.path.join(boot_dir(), 'times.json')
        self.progress = progress
        try:
            with open(self.path, encoding='utf-8') as f:
                self.times = json.load(f)
        except (OSError, ValueError):
            self.times = {}

    def stage(self, name, step):
        """Run step(); record its wall time when it did work (returns
        True or a value other than False)."""
        start = time.monotonic()
        self.progress.write('# %s ...\n' % name)
        self.progress.flush()
        result = step()
        took = time.monotonic() - start
        if result is not False:
            self.times[name] = round(took, 1)
            with open(self.path + '.tmp', 'w', encoding='utf-8') as f:
                json.dump(self.times, f, indent=1, sort_keys=True)
            os.replace(self.path + '.tmp', self.path)
            self.progress.write('# %s: %.0f s\n' % (name, took))
        else:
            self.progress.write('# %s: already done\n' % name)
        return result

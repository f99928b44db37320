# SPDX-License-Identifier: GPL-2.0
"""One run of a project script, as the scripts tier's tests look at it."""

import subprocess
import sys


class ScriptRun:
    """Exit status and output of one run; tests subclass it to parse."""

    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def details(self):
        return 'status %d\n--- stdout\n%s\n--- stderr\n%s' % (
            self.status, self.out[-3000:], self.err[-3000:])


def run_script(script, args, cwd, env=None, timeout=600):
    """The completed process of `python3 script args...` in cwd."""
    return subprocess.run([sys.executable, script] + args, cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)

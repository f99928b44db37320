# SPDX-License-Identifier: GPL-2.0
"""Reading checker output in tests: physcheck's own lines versus sparse's.

A physcheck finding is a warning line ending in [-Wphys-CHECK] followed by
its note lines; lines starting "physcheck: " are the tool's own.  sparse prints note lines of its own ("note: in included
file"), before the error they belong to, so a note is physcheck's only when
it follows a physcheck warning.
"""

import re

PHYS_WARNING = re.compile(r'^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): '
                          r'warning: (?P<msg>.*) \[-W(?P<check>phys-[a-z-]+)\]$')
NOTE = re.compile(r'^[^:\s]+:\d+:\d+: note: ')
OWN_LINE = re.compile(r'^physcheck: ')


def split_lines(text):
    """Return (physcheck lines, every other line), order kept."""
    ours, theirs = [], []
    in_finding = False
    for line in text.splitlines():
        if PHYS_WARNING.match(line):
            in_finding = True
            ours.append(line)
        elif OWN_LINE.match(line):
            in_finding = False
            ours.append(line)
        elif in_finding and NOTE.match(line):
            ours.append(line)
        else:
            in_finding = False
            theirs.append(line)
    return ours, theirs

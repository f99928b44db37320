# SPDX-License-Identifier: GPL-2.0
"""TAP, shared by every test tier and the top-level runner.

A tier is an executable ``tests/<tier>/run`` that writes TAP to stdout:
one ``ok N - name`` or ``not ok N - name`` line per test (``# SKIP why``
for a test that could not run), ``# ...`` lines for details, and the plan
``1..N``.  ``tests/run`` reads these streams; nothing else is parsed.
"""

import re
import sys

RESULT = re.compile(r'^(not )?ok (\d+)(?: - (.*?))?(?:\s+#\s*(SKIP|TODO)\b\s*(.*))?$',
                    re.IGNORECASE)
PLAN = re.compile(r'^1\.\.(\d+)')


class Writer:
    """Writes one tier's TAP stream; the plan comes last."""

    def __init__(self, out=sys.stdout):
        self.out = out
        self.count = 0
        self.failed = 0

    def _line(self, text):
        self.out.write(text + '\n')
        self.out.flush()

    def result(self, ok, name, details=''):
        self.count += 1
        self._line('%sok %d - %s' % ('' if ok else 'not ', self.count, name))
        if not ok:
            self.failed += 1
        self.diag(details)
        return ok

    def skip(self, name, why):
        self.count += 1
        self._line('ok %d - %s # SKIP %s' % (self.count, name, why))

    def todo(self, name, why, details=''):
        """A known failure, reported as such and not counted as one."""
        self.count += 1
        self._line('not ok %d - %s # TODO %s' % (self.count, name, why))
        self.diag(details)

    def diag(self, details):
        for line in (details or '').rstrip('\n').splitlines():
            self._line('# ' + line)

    def done(self):
        self._line('1..%d' % self.count)
        return 1 if self.failed else 0


def parse_line(line):
    """Return (ok, name, directive, reason) for a result line, else None."""
    m = RESULT.match(line)
    if not m:
        return None
    directive = (m.group(4) or '').upper()
    return (m.group(1) is None, m.group(3) or '', directive, m.group(5) or '')

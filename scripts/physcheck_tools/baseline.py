# SPDX-License-Identifier: GPL-2.0
"""The gate's baseline: JSON, one finding a line, keyed by tool, file,
enclosing function, check and message, never by line number.

Reading it refuses, with one line, anything but what write() writes: a
version that is exactly the integer BASELINE_VERSION (not true, which
JSON's reader would take as 1), findings whose five fields are strings
and whose count, when given, is a positive integer.  A file larger than
LIMIT, or nested deeper than Python's reader goes, is refused too.
"""

import collections
import json

from .common import TooLarge, UsageError, read_bounded, write_atomically

BASELINE_VERSION = 1
FIELDS = ('tool', 'file', 'function', 'check', 'message')
# far more than any kernel's findings; /dev/zero given as a baseline
# must not fill memory
LIMIT = 256 << 20


def load(path):
    """The baseline's findings as a Counter of keys; UsageError if bad."""
    try:
        # not only a regular file: a baseline may come through a pipe,
        # --baseline <(git show origin/master:physcheck-baseline.json)
        data = read_bounded(path, LIMIT)
    except FileNotFoundError:
        raise UsageError('no baseline %s (make one with --update-baseline)' % path)
    except TooLarge:
        raise UsageError('cannot read baseline %s: larger than %d MiB' % (path, LIMIT >> 20))
    except OSError as e:
        raise UsageError('cannot read baseline %s: %s' % (path, e.strerror or e))
    try:
        data = json.loads(data.decode('utf-8'))
    except RecursionError:
        raise UsageError('cannot read baseline %s: nested too deep' % path)
    except ValueError as e:
        raise UsageError('cannot read baseline %s: %s' % (path, one_line(e)))
    return from_json(path, data)


def one_line(error):
    return ' '.join(str(error).split())


def from_json(path, data):
    version = data.get('version') if isinstance(data, dict) else None
    if type(version) is not int or version != BASELINE_VERSION:
        raise UsageError('%s is not a version %d physcheck-gate baseline'
                         % (path, BASELINE_VERSION))
    entries = data.get('findings')
    if not isinstance(entries, list):
        raise UsageError('%s: bad baseline: "findings" is not a list' % path)
    counts = collections.Counter()
    for n, e in enumerate(entries, 1):
        if not isinstance(e, dict):
            raise UsageError('%s: bad baseline entry %d: not an object' % (path, n))
        missing = [f for f in FIELDS if not isinstance(e.get(f), str)]
        if missing:
            raise UsageError('%s: bad baseline entry %d: "%s" missing or not a string'
                             % (path, n, missing[0]))
        count = e.get('count', 1)
        if type(count) is not int or count < 1:
            raise UsageError('%s: bad baseline entry %d: "count" is not a positive integer'
                             % (path, n))
        counts[tuple(e[f] for f in FIELDS)] += count
    return counts


def dumps(counts):
    entries = [dict(zip(FIELDS, k), count=n) for k, n in sorted(counts.items()) if n > 0]
    # one finding a line, so that a change of the baseline reads as a diff
    lines = [json.dumps(e, sort_keys=True) for e in entries]
    return '{"version": %d, "generator": "physcheck-gate", "findings": [\n%s\n]}\n' % (
        BASELINE_VERSION, ',\n'.join(lines))


def write(path, counts):
    """Write the baseline: a fresh temporary beside it (never a fixed
    name, which a symlink planted there would redirect), fsynced and
    renamed over it."""
    write_atomically(path, dumps(counts).encode('utf-8', 'surrogateescape'))


def compare(findings, baseline, scope):
    """(new findings, fixed keys with counts, unchanged findings).

    Of several findings with one key, the later ones in file order are
    the new ones."""
    def in_scope(key):
        return scope is None or key[:2] in scope
    left = collections.Counter({k: n for k, n in baseline.items() if in_scope(k)})
    new, unchanged = [], []
    for f in findings:
        k = f.key()
        if left[k] > 0:
            left[k] -= 1
            unchanged.append(f)
        else:
            new.append(f)
    fixed = sorted((k, n) for k, n in left.items() if n > 0)
    return new, fixed, unchanged

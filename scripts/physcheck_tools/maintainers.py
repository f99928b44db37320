# SPDX-License-Identifier: GPL-2.0
"""A kernel tree's MAINTAINERS file: its entries, and the one entry a
file belongs to.

An entry is a title line followed by `X:` lines (`M:` maintainer, `R:`
reviewer, `L:` list, `S:` status, `F:` files, `X:` files excluded, `N:`
a regex on the path, ...).  The patterns are read as the tree's own
scripts/get_maintainer.pl reads them: in `F:` and `X:`, `*` is any run
of characters and `?` one; a pattern ending in `/` (or naming a
directory of the tree) matches every file in and below it; any other
pattern matches files at its own depth only (`drivers/net/*` is the
files in drivers/net, not below).  Unlike get_maintainer.pl, a pattern
is anchored at its end: `F: drivers/foo.c` is that file, not
`drivers/foo.c.orig`.  An `X:` that matches a file takes the entry's
`F:` and `N:` away from it.

The most specific entry wins.  Each matching pattern gets a rank, and
the entry with the highest one is the file's area:

1. an `F:` pattern ranks by the length of its literal prefix, the
   characters before its first wildcard (`drivers/net/ethernet/intel/`
   over `drivers/net/`; `drivers/pci/*acpi*` counts `drivers/pci/`);
2. between `F:` patterns of the same literal prefix, the longer pattern
   (`drivers/foo/*.c` over `drivers/foo/`);
3. an `N:` regex ranks below every `F:` with a literal prefix: a name
   match decides only where no path does;
4. on a tie, the entry that comes first in the file.

An `F:` pattern with no literal prefix at all (THE REST's `*` and `*/`)
is a catch-all, not an area: a file that only such patterns match has
no entry, and goes to the "remaining" group; the catch-all entries'
addresses are that group's (`catch_all()`).
"""

import os
import re

TYPE_RE = re.compile(r'^([A-Z]):\s*(.*?)\s*$')
WILDCARDS = '*?'


class Pattern:
    """One F: or X: pattern."""
    __slots__ = ('text', 'literal', 'regex', 'below')

    def __init__(self, text, is_dir):
        if not text.endswith('/') and not any(c in text for c in WILDCARDS) and \
                is_dir(text):
            text += '/'
        self.text = text
        cut = min([text.index(c) for c in WILDCARDS if c in text] or [len(text)])
        self.literal = text[:cut]
        self.below = text.endswith('/')
        body = ''.join('.*' if c == '*' else '.' if c == '?' else re.escape(c)
                       for c in text)
        self.regex = re.compile(body if self.below else body + '$', re.S)

    def matches(self, path):
        if not path.startswith(self.literal) or not self.regex.match(path):
            return False
        # get_maintainer.pl: a pattern not ending in / matches at its depth
        return self.below or path.count('/') == self.text.count('/')


class Entry:
    """One section of MAINTAINERS."""

    def __init__(self, name, index):
        self.name = name
        self.index = index
        self.maintainers = []
        self.reviewers = []
        self.lists = []
        self.status = ''
        self.files = []
        self.excludes = []
        self.names = []

    def excluded(self, path):
        return any(p.matches(path) for p in self.excludes)

    def rank(self, path):
        """The rank of this entry's best pattern for path, or None."""
        best = None
        for pattern in self.files:
            if pattern.literal and pattern.matches(path):
                key = (1, len(pattern.literal), len(pattern.text))
                best = key if best is None or key > best else best
        if best is None:
            for regex in self.names:
                if regex.search(path):
                    best = (0, 0, 0)
                    break
        if best is not None and self.excluded(path):
            return None
        return best

    def catches_all(self):
        return any(not p.literal for p in self.files)


def parse(text, is_dir=lambda path: False):
    """The entries of a MAINTAINERS text; is_dir(path) tells whether a
    pattern without a trailing / names a directory of the tree."""
    entries = []
    current = None
    previous = None
    for line in text.splitlines():
        m = TYPE_RE.match(line)
        if not m:
            current = None
            previous = line.strip() or None
            continue
        if current is None:
            if previous is None:
                continue
            current = Entry(previous, len(entries))
            entries.append(current)
        kind, value = m.groups()
        if kind == 'M':
            current.maintainers.append(value)
        elif kind == 'R':
            current.reviewers.append(value)
        elif kind == 'L':
            current.lists.append(value)
        elif kind == 'S':
            current.status = value
        elif kind == 'F' and value:
            current.files.append(Pattern(value, is_dir))
        elif kind == 'X' and value:
            current.excludes.append(Pattern(value, is_dir))
        elif kind == 'N' and value:
            try:
                current.names.append(re.compile(value, re.X))
            except re.error:
                pass
    return entries


class Maintainers:
    """The entries of one tree, and the area of each file."""

    def __init__(self, entries):
        self.entries = entries
        # the F: patterns by the first component of their literal prefix
        self.by_top = {}
        self.anywhere = []
        for entry in entries:
            tops = set()
            for pattern in entry.files:
                if '/' in pattern.literal:
                    tops.add(pattern.literal.split('/', 1)[0])
                elif pattern.literal:
                    tops.add(None)
            if entry.names or None in tops:
                self.anywhere.append(entry)
            for top in tops - {None}:
                self.by_top.setdefault(top, []).append(entry)

    @classmethod
    def read(cls, root):
        """The tree's MAINTAINERS, or None when it has none."""
        path = os.path.join(root, 'MAINTAINERS')
        try:
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
        except FileNotFoundError:
            return None
        return cls(parse(text, lambda p: os.path.isdir(os.path.join(root, p))))

    def area(self, path):
        """The most specific entry path belongs to, or None."""
        top = path.split('/', 1)[0]
        seen = set()
        best, best_key = None, None
        for entry in self.by_top.get(top, []) + self.anywhere:
            if entry.index in seen:
                continue
            seen.add(entry.index)
            rank = entry.rank(path)
            if rank is None:
                continue
            key = rank + (-entry.index,)
            if best_key is None or key > best_key:
                best, best_key = entry, key
        return best

    def catch_all(self):
        """The entries whose patterns match any file (THE REST)."""
        return [e for e in self.entries if e.catches_all()]

# SPDX-License-Identifier: GPL-2.0
"""The converted text as a kernel developer wants it, and its diff: lines
the rules added are indented with tabs and kept within checkpatch's
width; the lines that were there keep their layout."""

import difflib
import re

from .sites import split_lines


def tabify(line):
    """line with its indentation written as tabs, then fewer than 8 spaces,
    at the same column: Coccinelle sometimes aligns a continuation line it
    wrapped with tabs and then eight spaces or more.  A line indented with
    spaces only (a file that is so written throughout) is left alone."""
    body = line.lstrip(' \t')
    indent = line[:len(line) - len(body)]
    if not indent.startswith('\t') or ' ' * 8 not in indent or not body.strip():
        return line
    column = 0
    for c in indent:
        column = (column // 8 + 1) * 8 if c == '\t' else column + 1
    return '\t' * (column // 8) + ' ' * (column % 8) + body


MAX_COLUMNS = 100           # checkpatch's limit
SUM_ARG_RE = re.compile(r'^([ \t]*)(page_to_phys\(.*?\)) \+ (.*)$', re.S)


def split_long_sum(line):
    """A line too long for checkpatch that is one `page_to_phys(p) + offset`
    argument (a page and an offset, each on its line, became one sum), as
    two lines: the sum broken after its `+`, the offset at the same column."""
    m = SUM_ARG_RE.match(line)
    if len(line.rstrip('\n').expandtabs(8)) <= MAX_COLUMNS or not m:
        return [line]
    page = m.group(2)
    if page.count('(') != page.count(')'):
        return [line]
    return [m.group(1) + page + ' +\n', m.group(1) + m.group(3)]


def lay_out_added(old, new):
    """new, with the lines the rules added or changed tabified, and a sum
    too long for its line broken; the lines that were there before keep
    their layout."""
    a, b = split_lines(old), split_lines(new)
    if new == old or all(tabify(line) == line and len(split_long_sum(line)) == 1
                         for line in b):
        return new
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        for line in b[j1:j2]:
            if tag in ('replace', 'insert'):
                out.extend(split_long_sum(tabify(line)))
            else:
                out.append(line)
    return ''.join(out)


def unified_diff(rel, old, new):
    out = []
    for line in difflib.unified_diff(split_lines(old), split_lines(new),
                                     'a/' + rel, 'b/' + rel, n=3):
        if not line.endswith('\n'):
            line += '\n\\ No newline at end of file\n'
        out.append(line)
    return ''.join(out)

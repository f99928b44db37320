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
    wrapped with tabs and then eight spaces or more, or leaves spaces then
    a tab before a comment whose argument it removed (`0,\t /* offs */`).
    A line indented with spaces only (a file that is so written
    throughout) is left alone."""
    body = line.lstrip(' \t')
    indent = line[:len(line) - len(body)]
    if not indent.startswith('\t') or not body.strip() or \
            (' ' * 8 not in indent and ' \t' not in indent):
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


CALL_RE = re.compile(r'^(\t+)((?:[^=;(]*[^=!<>+\-*/%&|^ ] = )?)((?:dma_map_phys|dma_unmap_phys)\()'
                     r'(.*)\);\n$', re.S)


def width(text):
    return len(text.rstrip('\n').expandtabs(8))


def split_args(text):
    """The top-level arguments of a call's argument text, or None."""
    args, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
            if depth < 0:
                return None
        elif c == ',' and depth == 0:
            args.append(text[start:i].strip())
            start = i + 1
    if depth:
        return None
    args.append(text[start:].strip())
    return args


def aligned(column):
    return '\t' * (column // 8) + ' ' * (column % 8)


def fill(head, args, column):
    """head + the arguments, as many to a line as fit in MAX_COLUMNS, the
    lines after the first aligned at column; None when one does not fit."""
    lines, current = [], head
    for i, arg in enumerate(args):
        piece = arg + (', ' if i < len(args) - 1 else ');')
        if current.strip() and current != head and \
                width(current + piece.rstrip()) > MAX_COLUMNS:
            lines.append(current.rstrip() + '\n')
            current = aligned(column)
        current += piece
    lines.append(current + '\n')
    if any(width(line) > MAX_COLUMNS for line in lines):
        return None
    return lines


def refill_call(lines):
    """A statement the rules rewrote, one call of dma_map_phys() or
    dma_unmap_phys(), whose lines are too long for checkpatch even with
    each argument on its own line (an assignment whose left side is
    long): the call moved to the next line, one tab deeper, and its
    arguments filled up to MAX_COLUMNS, aligned at its parenthesis.
    Other lines are returned as they are."""
    if not any(width(line) > MAX_COLUMNS for line in lines) or \
            any('/*' in line or '//' in line or line.lstrip().startswith('#')
                for line in lines):
        return lines
    m = CALL_RE.match(lines[0].rstrip('\n') + ''.join(
        ' ' + line.strip() for line in lines[1:]) + '\n')
    if not m:
        return lines
    indent, lhs, call, rest = m.groups()
    args = split_args(rest)
    if not args:
        return lines
    if lhs:
        head = indent + '\t' + call
        out = fill(head, args, width(head))
        return [indent + lhs.rstrip() + '\n'] + out if out else lines
    out = fill(indent + call, args, width(indent + call))
    return out or lines


def lay_out_added(old, new):
    """new, with the lines the rules added or changed tabified, and a sum
    too long for its line broken; the lines that were there before keep
    their layout."""
    a, b = split_lines(old), split_lines(new)
    if new == old or all(tabify(line) == line and len(split_long_sum(line)) == 1 and
                         width(line) <= MAX_COLUMNS for line in b):
        return new
    out = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if tag not in ('replace', 'insert'):
            out.extend(b[j1:j2])
            continue
        added = []
        for line in b[j1:j2]:
            added.extend(split_long_sum(tabify(line)))
        out.extend(refill_call(added))
    return ''.join(out)


def unified_diff(rel, old, new):
    out = []
    for line in difflib.unified_diff(split_lines(old), split_lines(new),
                                     'a/' + rel, 'b/' + rel, n=3):
        if not line.endswith('\n'):
            line += '\n\\ No newline at end of file\n'
        out.append(line)
    return ''.join(out)

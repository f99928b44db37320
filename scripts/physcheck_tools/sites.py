# SPDX-License-Identifier: GPL-2.0
"""The call sites physcheck-convert accounts for: where a token scan
finds the six page-based APIs in a file, each with its lexical reason to
be left (comment, macro body, definition), and which of them a converted
text still holds."""

import bisect
import difflib
import re

from .clex import TOKEN_RE

# The six page-based APIs whose call sites are accounted for.
APIS = ('dma_map_page', 'dma_map_page_attrs', 'dma_unmap_page',
        'dma_unmap_page_attrs', 'dma_map_resource', 'dma_unmap_resource')
# dma_map_ops members handled by the rules (the ops rule converts the first
# two and reports the others).
OPS_MEMBERS = ('map_page', 'unmap_page', 'map_resource', 'unmap_resource')
SCAN_TOKENS = APIS + OPS_MEMBERS

API_RE = re.compile(r'\b(%s)\b' % '|'.join(APIS))


def split_lines(text):
    """Lines with their '\\n'; only '\\n' ends a line (form feeds do not)."""
    lines = text.split('\n')
    out = [line + '\n' for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def line_starts(text):
    starts = [0]
    pos = text.find('\n')
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find('\n', pos + 1)
    return starts


def line_of(starts, offset):
    lo, hi = 0, len(starts)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo + 1


def one_line(text, limit=160):
    text = ' '.join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + '...'


API_SET = frozenset(APIS)


class Hit:
    """One token-scan hit of an API in a file."""
    __slots__ = ('api', 'offset', 'line', 'lexical', 'text')

    def __init__(self, api, offset, line, lexical, text):
        self.api = api
        self.offset = offset
        self.line = line
        self.lexical = lexical  # 'comment', 'macro body', 'definition' or None
        self.text = text


def line_text(text, offset):
    start = text.rfind('\n', 0, offset) + 1
    end = text.find('\n', offset)
    return one_line(text[start:end if end >= 0 else len(text)])


def next_token(text, pos):
    """The first token at or after pos that is not a space or a comment."""
    for m in TOKEN_RE.finditer(text, pos):
        if m.lastgroup not in ('nl', 'ws', 'comment'):
            return m.group()
    return ''


def call_text(text, start, end, in_directive):
    """The text of the call whose name spans start..end, or its line."""
    depth = 0
    for count, m in enumerate(TOKEN_RE.finditer(text, end)):
        kind = m.lastgroup
        if kind == 'nl' and in_directive or count > 4000:
            break
        if kind in ('nl', 'ws', 'comment'):
            continue
        value = m.group()
        if depth == 0 and value != '(':
            break
        if value == '(':
            depth += 1
        elif value == ')':
            depth -= 1
            if depth == 0:
                return one_line(text[start:m.end()])
    return line_text(text, start)


def scan(text):
    """Every hit of the six APIs in text, in order, with lexical reasons.

    A small C lexer: it knows comments, strings, character literals, line
    continuations and preprocessor directives, and counts braces and
    parentheses to tell a function's own definition from a call.
    """
    starts = line_starts(text)
    hits = []
    braces = 0
    parens = []         # the token before each open parenthesis
    prev = ''           # the previous code token
    directive = None    # the directive the current line belongs to
    expect_name = False  # the next token names the directive
    first = False       # the next token is the first after that name
    at_line_start = True
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == 'nl':
            directive = None
            expect_name = first = False
            at_line_start = True
            continue
        if kind == 'ws':
            continue
        if kind == 'comment' or kind == 'quoted':
            for h in API_RE.finditer(m.group()):
                offset = m.start() + h.start()
                hits.append(Hit(h.group(1), offset, line_of(starts, offset), 'comment',
                                line_text(text, offset)))
            if kind == 'quoted':
                at_line_start = expect_name = first = False
                prev = '"'
            continue
        value = m.group()
        start = m.start()
        if value == '#' and at_line_start and directive is None:
            directive = '#'
            expect_name = True
            at_line_start = False
            continue
        if expect_name:
            expect_name = False
            if kind == 'ident':
                directive = value
                first = True
                continue
        is_first, first = first, False
        bol = at_line_start and (start == 0 or text[start - 1] == '\n')
        at_line_start = False
        if directive is None:
            if value == '{':
                braces += 1
            elif value == '}':
                # kernel style: a function ends with '}' in column 0
                braces = 0 if bol else max(braces - 1, 0)
            elif value == '(':
                parens.append(prev)
            elif value == ')':
                if parens:
                    parens.pop()
            elif value == ';' and braces == 0:
                parens = []
        if kind == 'ident' and value in API_SET:
            lexical = None
            if directive == 'define':
                # the name a #define gives is a definition, the rest its body
                lexical = 'definition' if is_first else 'macro body'
            elif directive is None and braces == 0:
                if not parens and next_token(text, m.end()) == '(':
                    lexical = 'definition'
                elif parens and parens[-1].startswith('EXPORT_SYMBOL'):
                    lexical = 'definition'
            hits.append(Hit(value, start, line_of(starts, start), lexical,
                            call_text(text, start, m.end(), directive is not None)))
        if directive is None:
            prev = value
    hits.sort(key=lambda h: h.offset)
    return hits


def longest_increasing(pairs):
    """The longest run of pairs whose second items increase (patience)."""
    tails, tail_at, back = [], [], [None] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[at] = j
            tail_at[at] = k
        back[k] = tail_at[at - 1] if at else None
    out = []
    k = tail_at[-1] if tail_at else None
    while k is not None:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def matched_lines(a, b):
    """{i: j} for the lines a[i] == b[j] that a patience diff keeps."""
    pairs = {}
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            pairs[alo] = blo
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            pairs[ahi] = bhi
        if alo >= ahi or blo >= bhi:
            continue
        count_a, count_b, where_b = {}, {}, {}
        for i in range(alo, ahi):
            count_a[a[i]] = count_a.get(a[i], 0) + 1
        for j in range(blo, bhi):
            count_b[b[j]] = count_b.get(b[j], 0) + 1
            where_b[b[j]] = j
        unique = [(i, where_b[a[i]]) for i in range(alo, ahi)
                  if count_a[a[i]] == 1 and count_b.get(a[i]) == 1]
        anchors = longest_increasing(unique)
        if not anchors:
            if (ahi - alo) * (bhi - blo) <= 1 << 16:
                matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi],
                                                  autojunk=False)
                for block in matcher.get_matching_blocks():
                    for k in range(block.size):
                        pairs[alo + block.a + k] = blo + block.b + k
            continue
        i0, j0 = alo, blo
        for i, j in anchors:
            pairs[i] = j
            stack.append((i0, i, j0, j))
            i0, j0 = i + 1, j + 1
        stack.append((i0, ahi, j0, bhi))
    return pairs


def match_hits(old_text, new_text, old_hits):
    """Indexes of the old hits still present in the new text.

    The lines of both texts are aligned (a patience diff): a hit on a line
    found unchanged is still there.  Between two aligned lines, the hits
    left in the new text are paired, in order, with the old hits of the
    same API.  An old hit that finds no partner was converted.
    """
    old_lines = old_text.split('\n')
    new_lines = new_text.split('\n')
    pairs = matched_lines(old_lines, new_lines)
    new_starts = line_starts(new_text)
    new_by_line = {}
    for m in API_RE.finditer(new_text):
        new_by_line.setdefault(line_of(new_starts, m.start()) - 1, []).append(m.group(1))
    kept = set()
    gap_old = []
    j_prev = -1

    def close_gap(j_next):
        names = [api for j in range(j_prev + 1, j_next) for api in new_by_line.get(j, [])]
        at = 0
        for idx in gap_old:
            if at < len(names) and names[at] == old_hits[idx].api:
                kept.add(idx)
                at += 1
        del gap_old[:]

    by_line = {}
    for idx, hit in enumerate(old_hits):
        by_line.setdefault(hit.line - 1, []).append(idx)
    for i in range(len(old_lines)):
        j = pairs.get(i)
        if j is None:
            gap_old.extend(by_line.get(i, []))
            continue
        close_gap(j)
        kept.update(by_line.get(i, []))
        j_prev = j
    close_gap(len(new_lines))
    return kept

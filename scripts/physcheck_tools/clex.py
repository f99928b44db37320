# SPDX-License-Identifier: GPL-2.0
"""A small C lexer: the one token pattern both tools use, and the
function definitions of a source, to name the function around a line."""

import os
import re

from .common import read_bounded

# One pattern for every C token the tools tell apart: newlines, spaces,
# comments, strings and character literals, identifiers, numbers and
# punctuation.  A backslash before a newline continues the line, in code,
# comments and strings alike.
TOKEN_RE = re.compile(r'''
    (?P<nl>\n)
  | (?P<ws>(?:[ \t\f\v\r]|\\\r?\n)+)
  | (?P<comment>/\*.*?(?:\*/|\Z) | //(?:\\\r?\n|[^\n])*)
  | (?P<quoted>"(?:\\.|[^"\\\n])*"? | '(?:\\.|[^'\\\n])*'?)
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>\.?[0-9](?:[eEpP][+-]|[A-Za-z0-9_.])*)
  | (?P<punct>.)
''', re.S | re.X)

# words before a parenthesis in a declaration that do not name the function
NOT_A_NAME = frozenset('''
    __attribute__ __attribute __aligned __printf __scanf __section __alloc_size
    __acquires __releases __must_hold __cond_acquires __cond_releases
    __diagnose_as __malloc __nonstring __counted_by __no_sanitize_or_inline
    __weak __visible __cold __hot __always_inline noinline __noreturn __used
    asm __asm__ __asm typeof __typeof__ __typeof
    if while for switch return sizeof
    void char short int long unsigned signed float double _Bool bool
    struct union enum const volatile static inline extern register
'''.split())


def functions(text):
    """[(first line, last line, name)] of the function definitions (and
    initialised variables) in text.

    Braces are counted outside comments, strings and directives; a '{' or
    '}' in column 0 starts or ends a top-level block whatever the count,
    so braces in #if branches cannot shift every later function.  A block
    at top level is a function when the tokens before it end with a ')'
    and hold no '=': its name is the first word before a '(' that is not
    an attribute, a keyword or a type; after '=' it is an initializer,
    named by the variable.
    """
    found = []
    depth = 0
    line = 1
    head = []           # (token, line) at top level since the last ; or }
    start = None        # (line, name) of the function being read
    directive = False
    at_bol = True
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        value = m.group()
        if kind == 'nl':
            line += 1
            directive = False
            at_bol = True
            continue
        if kind in ('ws', 'comment'):
            line += value.count('\n')
            continue
        col0 = m.start() == 0 or text[m.start() - 1] == '\n'
        if at_bol and value == '#':
            directive = True
        at_bol = False
        if directive:
            line += value.count('\n')
            continue
        if value == '{':
            if col0 and depth:
                if start:
                    found.append((start[0], line - 1, start[1]))
                    start = None
                depth = 0
            if depth == 0:
                start = (head_line(head, line), function_name(head))
                if start[1] is None:
                    start = None
                head = []
            depth += 1
        elif value == '}':
            depth = 0 if col0 else max(depth - 1, 0)
            if depth == 0:
                if start:
                    found.append((start[0], line, start[1]))
                    start = None
                head = []
        elif depth == 0:
            if value == ';':
                head = []
            else:
                head.append((value, line))
    return found


def head_line(head, line):
    return head[0][1] if head else line


IDENT_RE = re.compile(r'[A-Za-z_]\w*$')


def function_name(head):
    tokens = [t for t, _ in head]
    if not tokens or tokens[-1] not in (')', '='):
        return None
    depth = 0
    for i, t in enumerate(tokens):
        if t == '(':
            depth += 1
        elif t == ')':
            depth -= 1
        elif t == '=' and depth == 0:
            # an initializer: the variable it gives a value to ("x[] =")
            j = i - 1
            while j > 0 and tokens[j] == ']':
                j = tokens.index('[', 0, j) - 1 if '[' in tokens[:j] else -1
            name = tokens[j] if j >= 0 else ''
            return name if IDENT_RE.match(name) else None
    for i in range(len(tokens) - 1):
        t = tokens[i]
        if tokens[i + 1] == '(' and IDENT_RE.match(t) and t not in NOT_A_NAME:
            # SYSCALL_DEFINE3(mmap, ...) and its kin: the macro with its name
            if re.match(r'[A-Z0-9_]*DEFINE[A-Z0-9_]*$', t) and i + 2 < len(tokens) \
                    and IDENT_RE.match(tokens[i + 2]):
                return '%s(%s)' % (t, tokens[i + 2])
            return t
    return None


# A source larger than this is not read to name functions (the largest
# kernel .c files and generated headers are a few MiB): a log line that
# names /dev/zero or a huge file must not make the gate read without end.
SOURCE_LIMIT = 64 << 20


class Sources:
    """Reads each source once, to name the function around a line.

    Only a regular file is read, and at most SOURCE_LIMIT bytes of it: a
    log may name anything, a FIFO (whose open would wait for a writer) or
    a device included; those get no function name.
    """

    def __init__(self, root):
        self.root = root
        self.tables = {}

    def function_at(self, path, line):
        table = self.tables.get(path)
        if table is None:
            try:
                data = read_bounded(os.path.join(self.root, path), SOURCE_LIMIT,
                                    regular_only=True)
                text = data.decode('utf-8', 'surrogateescape')
            except (OSError, ValueError):
                text = ''
            table = self.tables[path] = functions(text)
        for first, last, name in table:
            if first <= line <= last:
                return name
        return None

# SPDX-License-Identifier: GPL-2.0
"""Reading findings from logs: make C=2 CHECK=physcheck, a build with
the GCC plugin, physcheck-convert --mode report.

A file name may hold anything but a NUL: ':' and digits ("a:1:2.c"),
spaces, a newline.  A diagnostic line is split where the rest of it is
a diagnostic (":LINE:COL: warning: ..."), at the first such place that
names a file under the source root, else at the first such place; a
name that is not there whole is joined with the lines before it when
that names a file (a name with a newline spans lines in a log).
"""

import os
import re


TOOLS = {
    # name in --log TOOL=FILE: (SARIF driver name, word in text output)
    'checker': ('physcheck', 'physcheck'),
    'plugin': ('physcheck_plugin', 'physcheck-plugin'),
    'convert': ('physcheck-convert', 'physcheck'),
}

WARNING_TAIL = re.compile(r':(?P<line>\d{1,9}):(?P<col>\d{1,9}): warning: (?P<msg>.*) '
                          r'\[-W(?P<check>phys-[a-z-]+)\]$')
NOTE_TAIL = re.compile(r':(?P<line>\d{1,9}):(?P<col>\d{1,9}): note: (?P<msg>.*)$')
REPORT_TAIL = re.compile(r':(?P<line>\d{1,9}):(?P<col>\d{1,9})-\d+: '
                         r'(?:WARNING|ERROR|INFO): (?P<msg>.*)$')
# where a file name may end: a ':' before LINE:COL
SPLIT_RE = re.compile(r':(?=\d+:\d+)')
# the checker's warning that a file was not analysed in full
INCOMPLETE_CHECK = 'phys-incomplete'
# lines a gcc diagnostic carries along that do not end a finding
GCC_CONTEXT_RE = re.compile(r'^(?:\s*\d*\s*\|.*|In file included from .*|\s+from .*'
                            r'|[^:\s][^:]*: In function .*|[^:\s][^:]*: At top level:)$')
# gcc quotes the source under each diagnostic; sparse never does
CARET_RE = re.compile(r'^\s*\d+ \| ')
CHECK_LINE_RE = re.compile(r'^\s+CHECK\s+(?P<file>\S+\.c)$')
# how many lines before a diagnostic a file name with newlines may start
NAME_LINES = 4


class Finding:
    __slots__ = ('tool', 'file', 'line', 'col', 'check', 'message', 'notes', 'function')

    def __init__(self, tool, file, line, col, check, message):
        self.tool = tool
        self.file = file
        self.line = line
        self.col = col
        self.check = check
        self.message = message
        self.notes = []         # [(file, line, col, message)]
        self.function = None

    def key(self):
        return (self.tool, self.file, self.function or '', self.check,
                normalise(self.message))

    def where(self):
        return (self.file, self.line, self.col)

    def as_json(self):
        return {'tool': self.tool, 'file': self.file, 'line': self.line,
                'column': self.col, 'function': self.function or '',
                'check': self.check, 'message': self.message,
                'notes': [{'file': f, 'line': n, 'column': c, 'message': m}
                          for f, n, c, m in self.notes]}


def normalise(message):
    """The message without what an unrelated edit changes: places, spaces."""
    text = ' '.join(message.split())
    text = re.sub(r'\b[\w./-]+\.[ch]:\d+(?::\d+)?', '<place>', text)
    text = re.sub(r'\b(line|lines|column) \d+', r'\1 N', text)
    return text


def relative(path, root):
    """A log's path relative to the source root, normalised."""
    path = os.path.normpath(path)
    if os.path.isabs(path):
        real_root = os.path.realpath(root)
        for base in (root, real_root):
            rel = os.path.relpath(path, base)
            if not rel.startswith('..'):
                return rel
    return path


class Locator:
    """Splits diagnostic lines into a file name and the rest."""

    def __init__(self, root):
        self.root = root
        self.known = {}

    def exists(self, name):
        if name not in self.known:
            try:
                self.known[name] = os.path.lexists(os.path.join(self.root, name))
            except (ValueError, OSError):       # a NUL, a name too long
                self.known[name] = False
        return self.known[name]

    def split(self, lines, i, tail):
        """(file, match of tail) for lines[i], or None."""
        line = lines[i]
        first = None
        for m in SPLIT_RE.finditer(line, 1):
            rest = tail.match(line, m.start())
            if not rest:
                continue
            name = line[:m.start()]
            if name[0].isspace():
                return None
            if self.exists(name):
                return name, rest
            if first is None:
                first = (name, rest)
        if first is None:
            return None
        name = first[0]
        for k in range(1, min(NAME_LINES, i) + 1):
            joined = '\n'.join(lines[i - k:i] + [name])
            if self.exists(joined):
                return joined, first[1]
        return first


def log_lines(text):
    """The lines of a log: only a newline ends one (a form feed or a
    vertical tab in a file name does not), and a CR before it goes."""
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    return [line[:-1] if line.endswith('\r') else line for line in lines]


def parse_log(text, tool, root):
    """(findings, incomplete files, files kbuild says it checked).

    Without a tool named, a warning whose next line quotes the source
    (gcc's caret display, on by default) is the plugin's, any other the
    checker's: one log of a kbuild run with both is read right."""
    lines = log_lines(text)
    locate = Locator(root)
    findings = []
    incomplete = []
    checked = set()
    # The warnings since the last line that was none of theirs.  Under
    # make -j, two checkers' lines can interleave: a note goes to the
    # latest of these warnings in its own file, else to the latest.
    pending = []
    for i, line in enumerate(lines):
        m = locate.split(lines, i, WARNING_TAIL) if ': warning: ' in line else None
        if m and m[1].group('check') == INCOMPLETE_CHECK:
            # not a finding: the file's findings may be short of the truth
            incomplete.append({'file': relative(m[0], root),
                               'message': m[1].group('msg')})
            pending = []
            continue
        if m:
            name, m = m
            this = tool
            if this is None:
                quoted = i + 1 < len(lines) and CARET_RE.match(lines[i + 1])
                this = 'plugin' if quoted else 'checker'
            f = Finding(this, relative(name, root), int(m.group('line')),
                        int(m.group('col')), m.group('check'), m.group('msg'))
            findings.append(f)
            pending.append(f)
            continue
        m = locate.split(lines, i, NOTE_TAIL) if pending and ': note: ' in line else None
        if m:
            name, m = m
            note = (relative(name, root), int(m.group('line')),
                    int(m.group('col')), m.group('msg'))
            owner = next((f for f in reversed(pending) if f.file == note[0]), pending[-1])
            owner.notes.append(note)
            continue
        if pending and GCC_CONTEXT_RE.match(line):
            continue
        pending = []
        m = locate.split(lines, i, REPORT_TAIL) if ': ' in line else None
        if m and m[0].endswith(('.c', '.h')):
            name, m = m
            findings.append(Finding('convert', relative(name, root),
                                    int(m.group('line')), int(m.group('col')),
                                    convert_rule(m.group('msg')), m.group('msg')))
            continue
        m = CHECK_LINE_RE.match(line)
        if m:
            checked.add(relative(m.group('file'), root))
    return findings, incomplete, checked


def convert_rule(message):
    """The conversion rule a report line comes from, as its check name."""
    if 'dma_map_ops' in message or 'DMA_ATTR_MMIO handling' in message:
        rule = 'dma_map_ops'
    elif '_resource()' in message:
        rule = 'dma_map_resource'
    elif 'dma_unmap_page' in message:
        rule = 'dma_unmap_page'
    else:
        rule = 'dma_map_page'
    return 'convert-' + rule


def finish(findings, sources):
    """Name each finding's function; drop repeats of one place (a header
    checked through several files says the same thing each time)."""
    seen = set()
    out = []
    for f in findings:
        ident = (f.tool, f.where(), f.check, f.message)
        if ident in seen:
            continue
        seen.add(ident)
        if f.function is None:
            f.function = sources.function_at(f.file, f.line)
        out.append(f)
    out.sort(key=lambda f: (f.file, f.line, f.col, f.tool, f.check, f.message))
    return out

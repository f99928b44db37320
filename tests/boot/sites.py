# SPDX-License-Identifier: GPL-2.0
"""Which converted call sites the guest kernel holds, and in which
functions: the converted files that the guest's configuration builds
(their object exists in O=o), each site with its file:line and its
enclosing function, whose calls the guest counts with ftrace's function
profiler (a static function the compiler inlined is not traceable: the
guest reports no count for it, and the tier says so).
"""

import os
import re

import kernel
import trees

# a function definition's first line: starts in column 0 with a type or
# the name, holds "name(", is no statement, macro or declaration only
DEF = re.compile(r'^[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\(')
NOT_DEF = re.compile(r'^(if|for|while|switch|return|else|do|case|goto|#|'
                     r'EXPORT_SYMBOL|MODULE_|module_|late_initcall|'
                     r'static const|static struct)\b')


def enclosing_function(path, line):
    """The name of the function around line (1-based) of path, or None."""
    with open(path, encoding='utf-8', errors='replace') as f:
        lines = f.read().split('\n')
    for i in range(min(line, len(lines)) - 1, -1, -1):
        text = lines[i]
        if not text or text[0] in ' \t{}/*#':
            continue
        if NOT_DEF.match(text):
            continue
        m = DEF.match(text)
        if m and not text.rstrip().endswith(';'):
            return m.group(1)
    return None


class Site:
    def __init__(self, record, tree):
        self.file = record['file']
        self.line = record['line']
        self.api = record['api']
        self.function = enclosing_function(os.path.join(tree, self.file), self.line)

    def where(self):
        return '%s:%d' % (self.file, self.line)


def in_guest(variant='converted'):
    """The converted sites of variant's tree whose files the guest's
    configuration builds (as the control's build says: the same
    configuration builds the same files)."""
    records = trees.converted_sites(variant)
    built = set(kernel.built_files('control', sorted({r['file'] for r in records})))
    # the line numbers are the original's: read the functions in the control
    return [Site(r, trees.source('control')) for r in records if r['file'] in built]


def functions(sites):
    return sorted({s.function for s in sites if s.function})

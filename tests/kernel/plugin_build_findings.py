#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compare the GCC plugin's findings in a kernel build log with the list.

For the full build run by hand (tests/kernel/README.md): the log of
`make KCFLAGS=-fplugin=...physcheck_plugin.so` over a whole tree holds the
plugin's warnings; those in the checker issue's directories must be the
sparse checker's findings, findings-<tree>.txt.  Prints the count of
physcheck warnings in the log, in the directories and elsewhere, and each
difference; exits 1 if there is one.
"""

import argparse
import collections
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
sys.path.insert(0, HERE)
import diagnostics  # noqa: E402
from test_checker_findings import DIRS, load_verdicts  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('log', help='the build log (stdout and stderr of make)')
    parser.add_argument('--tree', default='linux-source-6.12',
                        help='the tree\'s name, for findings-TREE.txt (default: %(default)s)')
    args = parser.parse_args()
    with open(args.log, encoding='utf-8', errors='replace') as f:
        text = f.read()
    inside, outside = collections.Counter(), collections.Counter()
    for line in text.splitlines():
        m = diagnostics.PHYS_WARNING.match(line)
        if not m:
            continue
        path = os.path.normpath(m.group('file'))
        key = (path, m.group('check'), m.group('msg'))
        if any(path.startswith(d) for d in DIRS):
            inside[key] += 1
        else:
            outside[key] += 1
    verdicts = load_verdicts(os.path.join(HERE, 'findings-%s.txt' % args.tree))
    want = collections.Counter({k: len(v) for k, v in verdicts.items()})
    print('%d physcheck warnings: %d in %s, %d elsewhere'
          % (sum(inside.values()) + sum(outside.values()), sum(inside.values()),
             ' '.join(DIRS), sum(outside.values())))
    print('the list (sparse checker): %d findings' % sum(want.values()))
    only_plugin = inside - want
    only_list = want - inside
    for key in sorted(only_plugin):
        print('only the plugin: %s %s: %s' % key)
    for key in sorted(only_list):
        print('only the list:   %s %s: %s' % key)
    if not only_plugin and not only_list:
        print('the same findings')
    return 1 if only_plugin or only_list else 0


if __name__ == '__main__':
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The README's table of checks, made from the check registry.

`physcheck --list-checks --json` is the registry's word; the README holds
a copy for readers, between two markers.  `--write` rewrites that copy
(make readme-checks); without it the script says whether it is current,
which the checker tier tests.
"""

import argparse
import json
import os
import subprocess
import sys

BEGIN = '<!-- checks: begin (make readme-checks) -->'
END = '<!-- checks: end -->'


def registry(checker):
    out = subprocess.run([checker, '--list-checks', '--json'], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    return json.loads(out)['checks']


def table(checks):
    rows = ['| check | default | what it finds |', '|---|---|---|']
    for c in checks:
        rows.append('| `%s` | %s | %s |' % (c['name'], 'on' if c['default'] else 'off',
                                             c['help']))
    return '\n'.join(rows)


def with_table(readme, checks):
    """The README text with its table replaced; None if it has no markers."""
    start, end = readme.find(BEGIN), readme.find(END)
    if start < 0 or end < start:
        return None
    return readme[:start + len(BEGIN)] + '\n' + table(checks) + '\n' + readme[end:]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--checker', required=True, help='the sparse client')
    parser.add_argument('--readme', required=True)
    parser.add_argument('--write', action='store_true', help='rewrite the table')
    args = parser.parse_args()
    with open(args.readme) as f:
        readme = f.read()
    fresh = with_table(readme, registry(args.checker))
    if fresh is None:
        print('%s: no "%s" ... "%s" markers' % (args.readme, BEGIN, END), file=sys.stderr)
        return 2
    if args.write:
        if fresh != readme:
            tmp = args.readme + '.tmp'
            with open(tmp, 'w') as f:
                f.write(fresh)
            os.replace(tmp, args.readme)
        return 0
    if fresh != readme:
        print('%s: the table of checks differs from the registry: run make readme-checks'
              % args.readme, file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())

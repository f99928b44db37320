# SPDX-License-Identifier: GPL-2.0
"""Fail a CI run only on the physcheck findings that a change adds.

Reads findings from logs of `make C=2 CHECK=physcheck`, of a build with
the GCC plugin, or of physcheck-convert --mode report (--log, several
allowed; TOOL=FILE names the tool, with TOOL one of checker, plugin,
convert; without it, a finding under which gcc quotes the source is the
plugin's), or makes them itself for a git range of a configured kernel
tree (--kernel DIR --range BASE..HEAD): the .c files the range touches,
and for each header it touches the .c files beside it that include it
with quotes, are checked through kbuild (`make C=2 CHECK=physcheck dir/file.o`, so
each file gets its real flags; with --plugin also compiled with the GCC
plugin) and run through the conversion rules in report mode.  --kernel
DIR with PATHs instead of a range checks every .c file under them.

Findings are compared with a baseline (--baseline FILE) by a key that no
unrelated edit changes: tool, file, enclosing function, check and
normalised message, with no line number.  The enclosing function is read
from the source, the same way for every tool (neither checker's message
names it): a small C lexer that counts braces, knows comments, strings
and directives, and takes a '{' or '}' in column 0, kernel style, as the
start or end of a function.  Findings with the same key count as a
multiset.  --update-baseline writes the baseline instead of judging.
Without a baseline every finding is new.  In range mode only the files
checked are compared: the baseline's entries for other files are neither
new nor fixed, and --update-baseline keeps them.  So with the logs of a
non-silent kbuild run, whose "CHECK file.c" lines say what was checked.

Output: 0-day style text on stdout (">> file:line:col: physcheck: ..."
for each new finding, its notes indented, then what was fixed and a
summary line), --json FILE, --sarif FILE (SARIF 2.1.0, one run per tool,
the source-to-sink path of each finding as a code flow).

Exit status: 0 no new finding, 1 new findings, 2 bad usage, a setup
problem (tree not configured, checker not built, git failing, make
failing with no file checked) or a bad input (a log or baseline that
cannot be read, a baseline that is not one, an output file that cannot
be written: the text report is printed first all the same), with one
line on stderr.  A touched file
that kbuild did not check (not built in this configuration, or it does
not compile) is named on stderr and in the JSON.
"""

import argparse
import collections
import os
import sys

from . import paths
from .baseline import compare, load as load_baseline, write as write_baseline
from .clex import Sources
from .common import (Parser, TooLarge, UsageError, cpu_count, read_bounded, run_entry,
                     stop_on_sigterm)
from .factdb import open_db
from .gatelog import TOOLS, finish, parse_log
from .kbuild import (header_users, make_failure, range_files, run_convert, run_kbuild,
                     tree_files)
from .report import write_json, write_sarif, write_text

PROG = 'physcheck-gate'
# a C=2 log of a whole allmodconfig kernel is a few hundred MiB at most
LOG_LIMIT = 2 << 30


def read_log(spec):
    tool = None
    for name in TOOLS:
        if spec.startswith(name + '='):
            tool, spec = name, spec[len(name) + 1:]
            break
    try:
        # a log may come through a pipe (--log <(make ...)): any file
        # will do, but only up to LOG_LIMIT
        return tool, read_bounded(spec, LOG_LIMIT).decode('utf-8', 'replace')
    except TooLarge:
        raise UsageError('cannot read log %s: larger than %d MiB' % (spec, LOG_LIMIT >> 20))
    except OSError as e:
        raise UsageError('cannot read log %s: %s' % (spec, e.strerror or e))


def writable(path, what):
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise UsageError('cannot write %s %s: no directory %s' % (what, path, directory))


class Outcome:
    """What the gate found, and what it looked at."""

    def __init__(self):
        self.findings = []
        self.incomplete = []
        self.unchecked = []
        self.scope = None       # {(tool, file)} compared, None: every file
        self.tools_run = set()


def parse_args(argv):
    parser = Parser(prog=PROG, description=__doc__,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--log', action='append', default=[], metavar='[TOOL=]FILE',
                        help='a log to read findings from (TOOL: checker, plugin, convert)')
    parser.add_argument('--kernel', metavar='DIR', help='a configured kernel tree (a git '
                        'work tree for --range)')
    parser.add_argument('--range', metavar='BASE..HEAD',
                        help='check the .c files this range adds or changes')
    parser.add_argument('paths', nargs='*', metavar='PATH',
                        help='with --kernel and no --range: check every .c file under these')
    parser.add_argument('--source-root', metavar='DIR',
                        help='where the paths of --log are relative to (default: --kernel, '
                        'else the current directory)')
    parser.add_argument('--baseline', metavar='FILE', help='the findings to compare with')
    parser.add_argument('--update-baseline', action='store_true',
                        help='write the findings to --baseline and exit 0')
    parser.add_argument('--json', metavar='FILE', help='write the result as JSON')
    parser.add_argument('--sarif', metavar='FILE', help='write the result as SARIF 2.1.0')
    parser.add_argument('--all', action='store_true',
                        help='also print, and put in SARIF, the findings that are not new')
    parser.add_argument('--checker', default=paths.CHECKER, metavar='PROGRAM',
                        help='the sparse checker kbuild runs (default: this tree\'s)')
    parser.add_argument('--plugin', nargs='?', const=paths.PLUGIN, metavar='PLUGIN',
                        help='with --kernel, also compile the files with the GCC plugin '
                        '(default: this tree\'s)')
    parser.add_argument('--db', metavar='FILE',
                        help='with --kernel, the checkers read this physcheck-db '
                        'database: a call into a helper of another file is judged by '
                        'the helper\'s summary')
    parser.add_argument('--no-convert', action='store_true',
                        help='do not run the conversion rules in range mode')
    parser.add_argument('--make-arg', action='append', default=[], metavar='ARG',
                        help='an argument for make, e.g. ARCH=x86_64 or O=DIR')
    parser.add_argument('-j', '--jobs', type=int, default=cpu_count(), metavar='N',
                        help='parallel jobs for make and the conversion rules')
    parser.add_argument('--keep-log', metavar='FILE',
                        help='in range mode, save the make C=2 log here')
    args = parser.parse_args(argv)

    if args.update_baseline and not args.baseline:
        raise UsageError('--update-baseline needs --baseline FILE')
    if args.range and not args.kernel:
        raise UsageError('--range needs --kernel DIR')
    if args.range and (args.log or args.paths):
        raise UsageError('--range checks the files of the range: give no --log or PATH')
    if args.paths and not args.kernel:
        raise UsageError('PATHs need --kernel DIR')
    if not args.log and not args.kernel:
        raise UsageError('nothing to check: give --log FILE or --kernel DIR')
    if args.kernel and not (args.range or args.paths or args.log):
        raise UsageError('--kernel needs --range BASE..HEAD or PATHs')
    if args.jobs < 1:
        raise UsageError('-j must be at least 1')
    if args.db:
        if not args.kernel:
            raise UsageError('--db needs --kernel DIR')
        open_db(args.db).close()     # a bad database: one line now, not per file
        args.db = os.path.abspath(args.db)
    for path, what in ((args.json, 'JSON'), (args.sarif, 'SARIF')):
        if path:
            writable(path, what)
    return args


def read_logs(args, root, baseline, outcome):
    """The findings of the --log files."""
    # A log of a non-silent kbuild run says which files it checked
    # ("  CHECK   file.c"): the checker's baseline entries for other
    # files are then out of its scope.  A log that does not say
    # covers every file.
    said, whole = set(), False
    for spec in args.log:
        tool, text = read_log(spec)
        got, inc, checked = parse_log(text, tool, root)
        outcome.findings += got
        outcome.incomplete += inc
        outcome.tools_run |= {f.tool for f in got}
        if tool:
            outcome.tools_run.add(tool)
        if checked:
            said |= checked
        elif tool in (None, 'checker'):
            whole = True
    if said and not whole:
        outcome.scope = {('checker', f) for f in said}
        outcome.scope |= {(k[0], k[1]) for k in baseline if k[0] != 'checker'}


def check_setup(args):
    """UsageError unless the tree and the tools are ready."""
    tree = args.kernel
    if not os.path.isfile(os.path.join(tree, 'Makefile')):
        raise UsageError('%s has no Makefile: not a kernel tree' % tree)
    if (os.path.isfile(os.path.join(tree, 'Kconfig'))
            and not os.path.isfile(os.path.join(tree, '.config'))
            and not any(a.startswith('O=') for a in args.make_arg)):
        raise UsageError('%s is not a configured kernel tree (no .config): '
                         'run make defconfig there first' % tree)
    if not os.access(args.checker, os.X_OK):
        raise UsageError('the checker %s is not built: %s'
                         % (args.checker, paths.BUILD_HINT))
    if args.plugin and not os.path.isfile(args.plugin):
        raise UsageError('the plugin %s is not built: %s'
                         % (args.plugin, paths.BUILD_HINT))


def tree_scope(args, baseline):
    """(the .c files to check, the baseline with renamed files followed)."""
    tree = args.kernel
    if args.range:
        cfiles, headers, renamed = range_files(tree, args.range)
        # a renamed file keeps its findings: the baseline follows it
        old_names = {old: new for new, old in renamed.items()}
        moved = collections.Counter()
        for k, n in baseline.items():
            moved[(k[0], old_names.get(k[1], k[1])) + k[2:]] += n
        baseline = moved
    else:
        cfiles, headers = tree_files(tree, args.paths), []
    for h in headers:
        users = header_users(tree, h)
        cfiles = sorted(set(cfiles) | set(users))
        if users:
            sys.stderr.write('%s: %s: a header; checked through the .c files '
                             'beside it that include it: %s\n'
                             % (PROG, h, ', '.join(users)))
        else:
            sys.stderr.write('%s: %s: a header; checked through the .c files '
                             'the range touches only\n' % (PROG, h))
    return cfiles, baseline


def check_tree(args, cfiles, outcome):
    """The findings of kbuild (and the rules) on the files of the tree."""
    tree = args.kernel
    outcome.scope = set()
    outcome.tools_run.add('checker')
    if args.plugin:
        outcome.tools_run.add('plugin')
    if not cfiles:
        return
    status, log = run_kbuild(tree, cfiles, os.path.abspath(args.checker),
                             args.plugin and os.path.abspath(args.plugin),
                             args.jobs, args.make_arg, args.keep_log, args.db)
    got, inc, checked = parse_log(log, None if args.plugin else 'checker', tree)
    checked &= set(cfiles)      # not what kbuild's prepare stage checks
    # A file kbuild does not build in this configuration, or that
    # does not compile, is not checked: each is named.  Only a make
    # that failed and checked nothing is a setup problem.
    if status and not checked:
        raise UsageError(make_failure(status, log))
    outcome.findings += got
    outcome.incomplete += inc
    outcome.scope |= {('checker', f) for f in checked}
    if args.plugin:
        outcome.scope |= {('plugin', f) for f in checked}
    for f in cfiles:
        if f not in checked:
            outcome.unchecked.append(f)
            sys.stderr.write('%s: %s: not checked: kbuild did not check it (not '
                             'built in this configuration, or it does not '
                             'compile)\n' % (PROG, f))
    if not args.no_convert:
        outcome.tools_run.add('convert')
        got, _, _ = parse_log(run_convert(tree, cfiles, args.jobs, args.keep_log),
                              'convert', tree)
        outcome.findings += got
        outcome.scope |= {('convert', f) for f in cfiles}


def update_baseline(args, outcome, baseline):
    counts = collections.Counter(f.key() for f in outcome.findings)
    if outcome.scope is not None:
        for k, n in baseline.items():
            if k[:2] not in outcome.scope:
                counts[k] += n
    try:
        write_baseline(args.baseline, counts)
    except OSError as e:
        raise UsageError('cannot write %s: %s' % (args.baseline, e.strerror or e))
    sys.stdout.write('%s: wrote %d findings to %s\n'
                     % (PROG, sum(counts.values()), args.baseline))
    return 0


def judge(args, root, outcome, baseline):
    """Compare with the baseline and report: the exit status."""
    new, fixed, unchanged = compare(outcome.findings, baseline, outcome.scope)
    status = 1 if new else 0
    # The text report comes first: when an output file cannot be written,
    # the log of the CI job still says what the gate found.
    write_text(sys.stdout, new, fixed, unchanged, outcome.incomplete, args.all, args.baseline)
    sys.stdout.flush()
    failed = []
    if args.json:
        try:
            write_json(args.json, new, fixed, unchanged, outcome.incomplete,
                       outcome.unchecked, outcome.scope, status)
        except OSError as e:
            failed.append('cannot write JSON %s: %s' % (args.json, e.strerror or e))
    if args.sarif:
        results = [(f, 'new') for f in new]
        if args.all:
            results += [(f, 'unchanged') for f in unchanged]
        results.sort(key=lambda r: (r[0].file, r[0].line, r[0].col))
        try:
            write_sarif(args.sarif, root, outcome.tools_run, results)
        except OSError as e:
            failed.append('cannot write SARIF %s: %s' % (args.sarif, e.strerror or e))
    if failed:
        raise UsageError('; '.join(failed))
    return status


def main(argv):
    args = parse_args(argv)
    root = args.source_root or args.kernel or os.getcwd()
    if not os.path.isdir(root):
        raise UsageError('no such directory: %s' % root)
    baseline = collections.Counter()
    if args.baseline and not (args.update_baseline and not os.path.exists(args.baseline)):
        baseline = load_baseline(args.baseline)
    outcome = Outcome()
    if args.log:
        read_logs(args, root, baseline, outcome)
    if args.kernel and (args.range or args.paths):
        check_setup(args)
        cfiles, baseline = tree_scope(args, baseline)
        check_tree(args, cfiles, outcome)
    outcome.findings = finish(outcome.findings, Sources(root))
    if outcome.scope is not None:
        # a finding in a header, met through a checked file: the header
        # was checked as far as the baseline's entry for it goes
        outcome.scope |= {(f.tool, f.file) for f in outcome.findings}
    if args.update_baseline:
        return update_baseline(args, outcome, baseline)
    return judge(args, root, outcome, baseline)


def entry():
    stop_on_sigterm()
    return run_entry(main, PROG, broken_pipe_status=2, interrupted=True)

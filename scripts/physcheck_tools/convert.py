# SPDX-License-Identifier: GPL-2.0
"""Convert page-based DMA mapping calls to the phys API, tree-wide.

Runs the Coccinelle rules of physcheck (cocci/*.cocci beside this script)
over the .c files under each PATH and accounts, on stderr, for every call
site of the six page-based APIs that a plain token scan finds: converted
(or reported, outside patch mode), or left with its reason.

Only .c files that mention one of the APIs, or a dma_map_ops member the
rules handle, go to spatch (git grep inside a git work tree, a walk
elsewhere).  They go in batches, about two per job (-j), run in parallel;
within a batch, the selected rules run one after the other on private
copies, so that their effects compose, and spatch --dir treats each file
on its own, with its own time limit.  Each file gets one diff against its
original text.  A file on which spatch times out or fails is left
untouched and listed.  A rule whose "// Options:" line asks for
--include-headers-for-types also gets, beside each copy, the headers the
file reaches through #include "..." inside the tree, read for the types
of struct fields only (a page kept in a void * field is cast).

A site is converted when its token is gone from the converted text.  A
site left gets the first reason that holds: comment (in a comment or a
string), macro body (in a #define), definition (the API's own definition,
declaration or export), timeout or spatch failure (of its file, which is
listed), rule not selected (no rule given to --rules handles that API),
parse failure (spatch could not parse the code around it; the file is
listed), or unsupported shape, with the text of the call.  Two reasons
hold for a whole file, which goes to no rule and is listed: NUL bytes
(the file is not C text) and symlink outside the tree (a .c symlink
whose target is outside every PATH is neither converted nor copied; one
whose target is inside a PATH is converted there, once).

spatch never sees a name the tree chose when that name could mean
anything to a shell or to spatch itself: it works on copies with names
physcheck chooses (physcheck_tools/spatch.py), mapped back in all it
prints.

Paths in the output are relative to the top of the git work tree that
holds every PATH, or else to the deepest directory common to the PATHs.
A PATH that its work tree ignores and tracks nothing in (a kernel tree
extracted under an ignored build/ directory) is walked as if no git tree
held it.

SIGINT and SIGTERM stop the spatch runs and remove the temporary files;
the exit status is then 128 + the signal's number, and every file is
either as it was or fully converted.  A run killed by SIGKILL leaves its
temporary directory, and maybe spatch processes and one temporary file
beside a file it was writing; the next run (in the same TMPDIR) removes
them, with one line on stderr (physcheck_tools/rundir.py says how it
recognises them).

Exit status: 0 when the run completed, 1 with --fail-on-leftover when a
site was left, 2 for bad usage, a missing PATH or a missing spatch, or a
file that could not be written, with one line on stderr.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import signal
import sys
import tempfile

from . import paths, series
from .candidates import common_root, find_candidates
from .common import (Parser, Progress, UsageError, cpu_count, encode, read_bounded,
                     run_entry, write_atomically)
from .layout import lay_out_added, unified_diff
from .maintainers import Maintainers
from .rules import handled_apis, load_rules
from .rundir import RunDir
from .sites import match_hits, scan
from .spatch import (DEFAULT_TIMEOUT, Failure, Names, Runner, local_headers,
                     parse_failures, run_rule, spatch_env, unalias)

sys.path.insert(0, paths.LIBDIR)
import spatch_macros  # noqa: E402

PROG = 'physcheck-convert'
MODES = ('patch', 'report', 'context', 'org')
LEFT_REASONS = ('comment', 'macro body', 'definition', 'parse failure',
                'timeout', 'spatch failure', 'rule not selected',
                'NUL bytes', 'symlink outside the tree', 'unsupported shape')
# Reasons that hold for a whole file, before any lexical one: the file
# never went to spatch.
FILE_REASONS = ('NUL bytes', 'symlink outside the tree')
# a candidate larger than this is not read (the largest kernel .c files
# are a few MiB)
SOURCE_LIMIT = 256 << 20


class Interrupted(BaseException):
    """SIGINT or SIGTERM: stop the spatch runs, clean up, exit 128+N."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def on_signal(signum, frame):
    raise Interrupted(signum)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class FileResult:
    def __init__(self, rel, old, alias=None):
        self.rel = rel
        self.alias = alias          # the name spatch sees (spatch.Names)
        self.old = old
        self.new = old              # converted text, patch mode
        self.outputs = []           # spatch output, other modes, by rule
        self.failure = None         # Failure: the file is left untouched
        self.bad_lines = None       # lines spatch could not parse
        self.sites = []             # dicts for the account
        self.error = None           # the file could not be read


def read_source(path):
    return read_bounded(path, SOURCE_LIMIT, regular_only=True).decode(
        'utf-8', 'surrogateescape')


def macro_builtins(spatch, tmp):
    """spatch_macros' file for --macro-file-builtins, written in tmp."""
    try:
        return spatch_macros.write_macro_builtins(
            spatch, tmp, os.path.join(paths.COCCI, 'kernel-macros.h'))
    except spatch_macros.MacroError as e:
        raise UsageError(str(e))


def process_batch(runner, rules, mode, root, rels, tmp):
    """Every rule, in order, on a batch of files; one FileResult per file.

    spatch works on copies under tmp named by spatch.Names; the results
    are keyed by the real names again.  A file with NUL bytes is not C
    text: it goes to no rule, and its sites are left with that reason.
    """
    results = {}
    names = Names()
    for rel in rels:
        try:
            old = read_source(os.path.join(root, rel))
        except OSError as e:
            result = FileResult(rel, '')
            result.error = e.strerror
            results[rel] = result
            continue
        result = results[rel] = FileResult(rel, old, names.source(rel))
        if '\0' in old:
            result.failure = Failure('NUL bytes')
    live = {rel: r for rel, r in results.items() if not r.error and not r.failure}
    by_alias = {r.alias: r for r in live.values()}
    texts = {r.alias: r.old for r in live.values()}
    headers = {}
    for rel, text in local_headers(root, {rel: r.old for rel, r in live.items()}).items():
        alias = names.header(rel)
        if alias is not None:
            headers[alias] = text
    batch_tmp = tempfile.mkdtemp(prefix='batch', dir=tmp)
    try:
        env = spatch_env(batch_tmp)
        for rule in rules:
            wanted = {alias: text for alias, text in texts.items()
                      if by_alias[alias].failure is None and rule.wanted(text)}
            if not wanted:
                continue
            done, failures = run_rule(runner, rule, mode, wanted, headers, batch_tmp, env)
            for alias, failure in failures.items():
                # a file that fails is left untouched, whole
                result = by_alias[alias]
                result.failure = failure
                texts[alias] = result.old
                result.outputs = []
            for alias, value in done.items():
                if mode == 'patch':
                    texts[alias] = value
                else:
                    by_alias[alias].outputs.append(value)
        for alias, text in texts.items():
            by_alias[alias].new = lay_out_added(by_alias[alias].old, text)
    finally:
        shutil.rmtree(batch_tmp, ignore_errors=True)
    return [results[rel] for rel in rels]


def outside_result(root, rel):
    """The result of a symlink that leads out of the PATHs: never
    converted, never copied; its sites are accounted for all the same."""
    path = os.path.join(root, rel)
    try:
        text = read_source(path)
    except OSError:
        text = ''
    result = FileResult(rel, text)
    result.failure = Failure('symlink outside the tree', '-> ' + os.path.realpath(path))
    return result


def finish(runner, mode, handled, result, tmp, env):
    """The account of one file; spatch --parse-c tells a parse failure."""
    result.sites = account(result, mode, handled)
    if any(s['reason'] == 'unsupported shape' for s in result.sites):
        bad = parse_failures(runner, result.alias, result.old, tmp, env)
        if bad:
            result.bad_lines = bad
            for site in result.sites:
                if site['reason'] == 'unsupported shape' and site['line'] in bad:
                    site['reason'] = 'parse failure'


def batches(root, rels, jobs, per_job=2):
    """Split the files into about per_job batches per job, even by size."""
    count = max(1, min(len(rels), per_job * jobs))
    sized = []
    for rel in rels:
        try:
            size = os.path.getsize(os.path.join(root, rel))
        except OSError:
            size = 0
        sized.append((-size, rel))
    sized.sort()
    groups = [[0, []] for _ in range(count)]
    for size, rel in sized:
        group = min(groups, key=lambda g: g[0])
        group[0] -= size
        group[1].append(rel)
    return [sorted(g[1]) for g in groups if g[1]]


def reported_lines(output, mode, rel):
    lines = set()
    if mode == 'report':
        prefix = rel + ':'
        for line in output.splitlines():
            if line.startswith(prefix):
                m = re.match(r'(\d+):', line[len(prefix):])
                if m:
                    lines.add(int(m.group(1)))
    elif mode == 'org':
        for m in re.finditer(r'::linb=(\d+)::', output):
            lines.add(int(m.group(1)))
    else:
        old = None
        for line in output.splitlines():
            m = re.match(r'@@ -(\d+)', line)
            if m:
                old = int(m.group(1))
                continue
            if old is None or line.startswith(('---', '+++')):
                continue
            if line.startswith('-'):
                lines.add(old)
                old += 1
            elif line.startswith(' '):
                old += 1
    return lines


def sorted_report(outputs):
    """Report lines of all rules for one file, by line and column."""
    lines = ''.join(outputs).splitlines(True)

    def where(line):
        m = re.match(r'[^:]*:(\d+):(\d+)', line)
        return (int(m.group(1)), int(m.group(2))) if m else (0, 0)
    return sorted(lines, key=where)


def account(result, mode, handled):
    old_hits = scan(result.old)
    if mode == 'patch':
        if result.new != result.old:
            kept = match_hits(result.old, result.new, old_hits)
        else:
            kept = set(range(len(old_hits)))
        done = [i not in kept for i in range(len(old_hits))]
    else:
        reported = reported_lines(''.join(result.outputs), mode, result.alias)
        done = [h.line in reported and h.lexical != 'comment' for h in old_hits]
    sites = []
    for i, hit in enumerate(old_hits):
        site = {'file': result.rel, 'line': hit.line, 'api': hit.api,
                'status': 'left', 'reason': None, 'text': hit.text}
        if done[i]:
            site['status'] = 'converted' if mode == 'patch' else 'reported'
        elif result.failure and result.failure.reason in FILE_REASONS:
            site['reason'] = result.failure.reason
        elif hit.lexical:
            site['reason'] = hit.lexical
        elif result.failure:
            site['reason'] = result.failure.reason
        elif handled is not None and hit.api not in handled:
            site['reason'] = 'rule not selected'
        else:
            site['reason'] = 'unsupported shape'
        sites.append(site)
    return sites


def site_line(site):
    head = '%s:%d: %s: ' % (site['file'], site['line'], site['api'])
    if site['status'] != 'left':
        return head + site['status']
    if site['reason'] == 'unsupported shape':
        return head + 'left: unsupported shape: ' + site['text']
    return head + 'left: ' + site['reason']


def summary(sites, mode):
    files = len({s['file'] for s in sites})
    done = sum(1 for s in sites if s['status'] != 'left')
    left = [s for s in sites if s['status'] == 'left']
    counts = {}
    for s in left:
        counts[s['reason']] = counts.get(s['reason'], 0) + 1
    word = 'converted' if mode == 'patch' else 'reported'
    text = '%s: %d call site%s in %d file%s: %d %s, %d left' % (
        PROG, len(sites), '' if len(sites) == 1 else 's', files,
        '' if files == 1 else 's', done, word, len(left))
    if counts:
        text += ' (%s)' % ', '.join('%d %s' % (counts[r], r) for r in LEFT_REASONS
                                    if r in counts)
    return text, counts, done


def main(argv):
    parser = Parser(prog=PROG, description=__doc__,
                    formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--mode', choices=MODES, default='patch',
                        help='patch (a unified diff, the default), report, context or org')
    parser.add_argument('--in-place', action='store_true',
                        help='write each changed file, atomically (patch mode)')
    parser.add_argument('-j', '--jobs', type=int, default=cpu_count(),
                        metavar='N', help='files processed in parallel (default: CPUs)')
    parser.add_argument('--rules', metavar='NAME,...',
                        help='the rules to run (default: every cocci/*.cocci)')
    parser.add_argument('--json', metavar='FILE', help='write the account as JSON')
    parser.add_argument('--fail-on-leftover', action='store_true',
                        help='exit 1 when a call site was left')
    parser.add_argument('--timeout', type=int, default=DEFAULT_TIMEOUT,
                        metavar='SECONDS',
                        help="spatch's time limit for one rule on one file "
                        '(default: %d)' % DEFAULT_TIMEOUT)
    group = parser.add_argument_group(
        'a patch series (physcheck_tools/series.py, physcheck_tools/maintainers.py)')
    group.add_argument('--series', metavar='DIR',
                       help='write a git format-patch series into DIR: one patch per '
                       'MAINTAINERS area, and a cover letter (PATH: "." when none)')
    group.add_argument('--base', metavar='REV',
                       help='the commit the series applies to (default: HEAD)')
    group.add_argument('--only', metavar='AREA', action='append',
                       help='only the area AREA: its MAINTAINERS title, any case, '
                       'or that title with - for each run of other characters '
                       '("nvm-express-driver"), or "remaining"; may be given again')
    group.add_argument('--max-files', type=int, metavar='N',
                       help='at most N files in the series, the first in its order')
    group.add_argument('--dry-run', action='store_true',
                       help='print the plan (areas, files, sites); write nothing')
    group.add_argument('--signoff', action='store_true',
                       help='add Signed-off-by from git config user.name and user.email')
    parser.add_argument('paths', nargs='*', metavar='PATH')
    args = parser.parse_args(argv)
    args.argv = list(argv)
    check_series_args(args)
    if not args.paths:
        raise UsageError('no PATH given')
    if args.jobs < 1:
        raise UsageError('-j must be at least 1')
    if not args.timeout > 0:
        raise UsageError('--timeout must be positive')
    if args.in_place and args.mode != 'patch':
        raise UsageError('--in-place needs --mode patch')
    for path in args.paths:
        if not os.path.exists(path):
            raise UsageError('no such file or directory: %s' % path)
    rules = load_rules(args.rules)
    spatch = shutil.which(os.environ.get('SPATCH') or 'spatch')
    if not spatch:
        raise UsageError('spatch not found (install coccinelle, or set SPATCH)')
    json_file = None
    if args.json:
        try:
            json_file = open(args.json, 'w', encoding='utf-8')
        except OSError as e:
            raise UsageError('cannot write %s: %s' % (args.json, e.strerror))

    for signum in STOP_SIGNALS:
        signal.signal(signum, on_signal)
    rundir = None
    try:
        rundir = RunDir()
        for note in rundir.notes:
            sys.stderr.write('%s: %s\n' % (PROG, note))
        return convert(args, rules, spatch, json_file, rundir)
    except Interrupted as e:
        # a second signal must not stop the cleanup half-way
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
        sys.stderr.write('%s: interrupted\n' % PROG)
        return 128 + e.signum
    finally:
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
        if rundir is not None:
            if rundir.runner is not None:
                rundir.runner.stop()
            if rundir.pool is not None:
                rundir.pool.shutdown(wait=True, cancel_futures=True)
            rundir.close()


# On a terminal the progress line moves as batches end: there are more,
# smaller batches then (each costs a spatch start per rule).
PROGRESS_BATCHES = 8


def run_rules(args, rules, spatch, rundir, progress, select=None):
    """Every rule over the candidate files under the PATHs (those select
    keeps, when given): (root, rels, results by rel)."""
    paths = [os.path.realpath(p) for p in args.paths]
    root = common_root(paths)
    candidates, outside = find_candidates(paths, shutil.which('git') is not None)
    rels = [os.path.relpath(p, root) for p in sorted(candidates + outside)]
    if select is not None:
        rels = [rel for rel in rels if select(rel)]
    outside_rels = {os.path.relpath(p, root) for p in outside} & set(rels)
    tmp = rundir.path
    runner = rundir.runner = Runner(spatch, args.timeout, macro_builtins(spatch, tmp),
                                    rundir)
    results = {}
    handled = handled_apis(rules)
    pool = rundir.pool = concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs)
    inside_rels = [rel for rel in rels if rel not in outside_rels]
    per_job = PROGRESS_BATCHES if progress.on else 2
    futures = [pool.submit(process_batch, runner, rules, args.mode, root, batch, tmp)
               for batch in batches(root, inside_rels, args.jobs, per_job)]
    word = 'converted' if args.mode == 'patch' else 'reported'
    counts = [0, 0]     # files done, sites converted (or reported)

    def tell(results_done):
        for result in results_done:
            counts[0] += 1
            counts[1] += sum(1 for s in result.sites if s['status'] != 'left')
        progress.say('%d/%d files, %d site%s %s' % (counts[0], len(rels), counts[1],
                                                     '' if counts[1] == 1 else 's', word))

    tell([])
    for rel in sorted(outside_rels):
        results[rel] = outside_result(root, rel)
        finish(runner, args.mode, handled, results[rel], tmp, spatch_env(tmp))
        tell([results[rel]])
    # the account is made here, while the workers run spatch on
    pending = set(futures)
    while pending:
        done, pending = concurrent.futures.wait(
            pending, timeout=1 if progress.on else None,
            return_when=concurrent.futures.FIRST_COMPLETED)
        for future in sorted(done, key=futures.index):
            batch = future.result()
            for result in batch:
                results[result.rel] = result
                if not result.error:
                    finish(runner, args.mode, handled, result, tmp, spatch_env(tmp))
            tell(batch)
        if not done:
            progress.say()
    pool.shutdown()
    progress.done()
    return root, rels, results


def check_series_args(args):
    if args.series is None:
        for name in ('base', 'only', 'max_files'):
            if getattr(args, name) is not None:
                raise UsageError('--%s needs --series' % name.replace('_', '-'))
        for name in ('dry_run', 'signoff'):
            if getattr(args, name):
                raise UsageError('--%s needs --series' % name.replace('_', '-'))
        return
    if args.mode != 'patch':
        raise UsageError('--series needs --mode patch')
    if args.in_place:
        raise UsageError('--series and --in-place do not go together')
    if args.max_files is not None and args.max_files < 1:
        raise UsageError('--max-files must be at least 1')
    if not args.paths:
        args.paths = ['.']


def series_command(args):
    """The command line that made the series, as the cover letter says."""
    return ' '.join(shlex.quote(a) for a in [PROG] + args.argv)


def convert(args, rules, spatch, json_file, rundir):
    """The run proper, in rundir; main() cleans up however it ends."""
    progress = Progress(PROG)
    maint = select = None
    if args.series:
        root = common_root([os.path.realpath(p) for p in args.paths])
        series.check_tree(root)
        # a bad --base is told before the rules run
        series.base_commit(root, args.base or 'HEAD')
        maint = Maintainers.read(root)
        select = series.area_filter(maint, args.only)
    root, rels, results = run_rules(args, rules, spatch, rundir, progress, select)

    stdout = sys.stdout.buffer
    sites = []
    unreadable = []
    unwritten = []
    for rel in rels:
        result = results[rel]
        if result.error:
            unreadable.append('%s (%s)' % (rel, result.error))
            continue
        if args.series:
            pass
        elif args.mode == 'patch':
            if result.new != result.old:
                stdout.write(encode(unified_diff(rel, result.old, result.new)))
                if args.in_place:
                    try:
                        write_file(rundir, os.path.join(root, rel), result.new)
                    except OSError as e:
                        unwritten.append('%s (%s)' % (rel, e.strerror))
        else:
            out = ''.join(sorted_report(result.outputs) if args.mode == 'report'
                          else result.outputs)
            stdout.write(encode(unalias(out, result.alias, rel) if result.alias else out))
        sites.extend(result.sites)
    if args.series:
        written = series.write(args, root, maint, results, sites, sys.stdout,
                               series_command(args))
        for path in written:
            sys.stdout.write(path + '\n')
        sys.stdout.flush()
    stdout.flush()

    err = sys.stderr
    for site in sites:
        err.write(site_line(site) + '\n')
    listed = {'parse failure': [], 'timeout': [], 'spatch failure': [],
              'NUL bytes': [], 'symlink outside the tree': []}
    for rel in rels:
        result = results[rel]
        if result.failure:
            detail = (': ' + result.failure.detail) if result.failure.detail else ''
            listed[result.failure.reason].append(rel + detail)
        elif result.bad_lines and any(s['reason'] == 'parse failure'
                                      for s in result.sites):
            listed['parse failure'].append(rel)
    for reason, files in listed.items():
        for name in files:
            err.write('%s: %s: %s\n' % (PROG, reason, name))
    for name in unreadable:
        err.write('%s: cannot read: %s\n' % (PROG, name))
    for name in unwritten:
        err.write('%s: cannot write: %s\n' % (PROG, name))
    line, counts, done = summary(sites, args.mode)
    err.write(line + '\n')

    if json_file:
        data = {
            'mode': args.mode,
            'rules': [r.name for r in rules],
            'candidates': len(rels),
            'sites': sites,
            'files': listed,
            'unreadable': unreadable,
            'unwritten': unwritten,
            'summary': {'sites': len(sites),
                        'files': len({s['file'] for s in sites}),
                        ('converted' if args.mode == 'patch' else 'reported'): done,
                        'left': len(sites) - done,
                        'reasons': counts},
        }
        with json_file:
            json.dump(data, json_file, indent=1, sort_keys=True)
            json_file.write('\n')
    if unwritten:
        sys.stderr.write('%s: error: %d file%s could not be written\n'
                         % (PROG, len(unwritten), '' if len(unwritten) == 1 else 's'))
        return 2
    if args.fail_on_leftover and len(sites) > done:
        return 1
    return 0


def write_file(rundir, path, text):
    """Write one converted file, atomically, with SIGINT and SIGTERM held
    off until it is done: a file is either original or fully converted,
    and no temporary is left in the user's tree (after a SIGKILL, the
    journal names it for the next run, see rundir)."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        write_atomically(path, encode(text), rundir.tree_temp(path))
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def entry():
    # ^C is the stop signals' business here (on_signal)
    return run_entry(main, PROG, broken_pipe_status=1)

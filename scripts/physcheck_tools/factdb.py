# SPDX-License-Identifier: GPL-2.0
"""physcheck-db: merge the facts of a tree, solve its call graph, and
keep the result in an SQLite database the checkers read (--db FILE,
db=FILE); show the chain of calls behind a requirement; check the
model's hand-written lines against what the tree says.

    physcheck-db build DIR... -o FILE     facts files and objects under DIR
    physcheck-db chains FUNC --db FILE    each parameter's chain to its sink
    physcheck-db check-model --db FILE    the model's lines the tree confirms
                                          or contradicts
    physcheck-db annotate --db FILE --tree DIR
                                          a patch that marks each parameter
                                          that must always be kmappable
                                          __must_kmap (include/physcheck.h)

The schema (version 1; `meta` says which):

    meta(key, value)                      format = physcheck-db, version = 1
    units(id, path, source)               a translation unit, and the facts
                                          file or object its facts came from
    functions(id, name, unit, static, file, line, nr_params)
                                          a function defined in a unit
    requirements(function, param, unless_param, unless_flag, sink,
                 sink_arg, derived)       parameter `param` (1-based) must be
                                          kmappable unless parameter
                                          `unless_param` carries `unless_flag`
                                          (NULL: always); its path ends in
                                          a call of `sink`'s argument
                                          `sink_arg`; derived: through
                                          another function's facts
    hops(function, param, chain, seq, file, line, col, caller, callee, arg)
                                          its paths (chain 0 the first found,
                                          one more per call the function
                                          leaves by): each call, in order
    calls(id, caller, callee, file, line, col, unless_param)
    call_args(call, arg, params, claim)   the facts' calls that hand a
                                          parameter on: the caller's
                                          parameters (bit mask) in each
                                          argument, what it says as attrs

Exit status: 0; 1 for check-model when the tree contradicts the model;
2 for bad usage or input (a corrupt facts file or database: one line
that names it).
"""

import difflib
import os
import re
import sqlite3
import sys
import tempfile

from . import callgraph
from . import common
from . import facts as factsmod
from . import paths

PROG = 'physcheck-db'
VERSION = '1'

SCHEMA = '''
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
                    source TEXT NOT NULL);
CREATE TABLE functions (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
                        unit INTEGER NOT NULL REFERENCES units(id),
                        static INTEGER NOT NULL, file TEXT, line INTEGER,
                        nr_params INTEGER NOT NULL);
CREATE INDEX functions_name ON functions(name);
CREATE TABLE requirements (function INTEGER NOT NULL REFERENCES functions(id),
                           param INTEGER NOT NULL, unless_param INTEGER,
                           unless_flag TEXT, sink TEXT NOT NULL,
                           sink_arg INTEGER NOT NULL, derived INTEGER NOT NULL,
                           PRIMARY KEY (function, param));
CREATE TABLE hops (function INTEGER NOT NULL, param INTEGER NOT NULL,
                   chain INTEGER NOT NULL, seq INTEGER NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
                   col INTEGER NOT NULL, caller TEXT NOT NULL, callee TEXT NOT NULL, arg INTEGER NOT NULL,
                   PRIMARY KEY (function, param, chain, seq));
CREATE TABLE calls (id INTEGER PRIMARY KEY,
                    caller INTEGER NOT NULL REFERENCES functions(id),
                    callee TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
                    col INTEGER NOT NULL, unless_param INTEGER);
CREATE TABLE call_args (call INTEGER NOT NULL REFERENCES calls(id),
                        arg INTEGER NOT NULL, params INTEGER NOT NULL,
                        claim TEXT NOT NULL, PRIMARY KEY (call, arg));
'''


def store(db, graph):
    db.executescript(SCHEMA)
    db.executemany('INSERT INTO meta VALUES (?, ?)',
                   [('format', 'physcheck-db'), ('version', VERSION),
                    ('flags', ' '.join(sorted(graph.flags)))])
    flag = ' '.join(sorted(graph.flags)) or None
    unit_ids = {}
    for unit in graph.units:
        unit_ids[unit.path] = db.execute('INSERT INTO units (path, source) VALUES (?, ?)',
                                         (unit.path, unit.source)).lastrowid
    for node in sorted(graph.nodes.values(), key=lambda n: n.key):
        fid = db.execute('INSERT INTO functions (name, unit, static, file, line, nr_params) '
                         'VALUES (?, ?, ?, ?, ?, ?)',
                         (node.name, unit_ids[node.units[0]], int(node.static), node.file,
                          node.line, node.nr_params)).lastrowid
        for param, req in sorted(node.requires.items()):
            last = req.hops[-1] if req.hops else None
            db.execute('INSERT INTO requirements VALUES (?, ?, ?, ?, ?, ?, ?)',
                       (fid, param, req.unless or None, flag if req.unless else None,
                        last.callee if last else '?', last.arg if last else 0,
                        int(req.derived)))
            db.executemany('INSERT INTO hops VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                           [(fid, param, chain, seq, h.file, h.line, h.col, h.caller,
                             h.callee, h.arg)
                            for chain, hops in enumerate(req.chains)
                            for seq, h in enumerate(hops)])
        for p, _ in node.passes:
            cid = db.execute('INSERT INTO calls (caller, callee, file, line, col, '
                             'unless_param) VALUES (?, ?, ?, ?, ?, ?)',
                             (fid, p.callee, p.file, p.line, p.col,
                              p.unless or None)).lastrowid
            db.executemany('INSERT INTO call_args VALUES (?, ?, ?, ?)',
                           [(cid, arg, params, claim)
                            for arg, (params, claim) in sorted(p.args.items())])


def build(args):
    progress = common.Progress(PROG)
    progress.say('reading facts')

    def read_one(done, total):
        progress.say('%d/%d files of facts read' % (done, total), force=done == total)
    try:
        units = factsmod.collect(args.dirs, read_one)
    except factsmod.FactsError as e:
        raise common.UsageError(str(e))
    except OSError as e:
        raise common.UsageError('%s: %s' % (e.filename, e.strerror))
    progress.say('solving %d units' % len(units))
    graph = callgraph.CallGraph(units)
    steps = graph.solve()
    progress.say('writing %s' % args.output)
    directory = os.path.dirname(os.path.abspath(args.output))
    fd, tmp = tempfile.mkstemp(prefix='.physcheck-db.', suffix='.tmp', dir=directory)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)   # a file others read, as any build output
    try:
        db = sqlite3.connect(tmp)
        with db:
            store(db, graph)
        db.close()
        os.replace(tmp, args.output)
    except BaseException:
        os.unlink(tmp)
        raise
    progress.done()
    derived = sum(1 for n in graph.nodes.values() for r in n.requires.values() if r.derived)
    total = sum(len(n.requires) for n in graph.nodes.values())
    print('%s: %d units, %d functions, %d requirements (%d through other functions), '
          '%d solver steps' % (args.output, len(units), len(graph.nodes), total, derived, steps))
    return 0


def open_db(path):
    """A read-only connection to a physcheck database, or UsageError."""
    if not os.path.isfile(path):
        raise common.UsageError('%s: no such database' % path)
    try:
        db = sqlite3.connect('file:%s?mode=ro' % path, uri=True)
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.DatabaseError as e:
        raise common.UsageError('%s: not a physcheck database (%s)' % (path, e))
    if not row or row[0] != VERSION:
        raise common.UsageError('%s: not a physcheck database of version %s' % (path, VERSION))
    return db


def requirement_rows(db, name):
    return db.execute('SELECT f.id, f.name, f.static, f.file, f.line, r.param, '
                      '       r.unless_param, r.unless_flag, r.derived '
                      'FROM requirements r JOIN functions f ON f.id = r.function '
                      'WHERE f.name = ? ORDER BY f.id, r.param', (name,)).fetchall()


def chain_rows(db, fid, param):
    """[[(file, line, caller, callee, arg)]]: each path of a requirement."""
    chains = []
    for chain, file, line, caller, callee, arg in db.execute(
            'SELECT chain, file, line, caller, callee, arg FROM hops '
            'WHERE function = ? AND param = ? ORDER BY chain, seq', (fid, param)):
        if chain == len(chains):
            chains.append([])
        chains[-1].append((file, line, caller, callee, arg))
    return chains


def chains(args):
    db = open_db(args.db)
    if not db.execute('SELECT 1 FROM functions WHERE name = ?', (args.function,)).fetchone():
        raise common.UsageError('%s: no function %s in the database' % (args.db, args.function))
    rows = requirement_rows(db, args.function)
    if not rows:
        print('%s(): no parameter must be kmappable' % args.function)
    for fid, name, static, file, line, param, unless, flag, derived in rows:
        cond = 'always' if not unless else 'unless parameter %d carries %s' % (unless, flag)
        print('%s() %s:%d%s: parameter %d must be kmappable, %s' %
              (name, file, line, ' (static)' if static else '', param, cond))
        for chain in chain_rows(db, fid, param):
            print('  to %s():' % chain[-1][3])
            for hfile, hline, caller, callee, arg in chain:
                print('    %s:%d: %s() passes it to %s() (argument %d)' %
                      (hfile, hline, caller, callee, arg))
    return 0


def model_lines(path):
    """(directive, name, arg, words, line number) of the model's lines."""
    with open(path, encoding='utf-8') as f:
        for number, text in enumerate(f, 1):
            words = text.split('#', 1)[0].split()
            if len(words) >= 3 and words[2].isdigit():
                yield words[0], words[1], int(words[2]), words, number


def judge_line(db, directive, name, arg, words):
    """None when the tree's facts do not hold the function, else (verdict,
    why): `confirms`, `contradicts` (the facts require more, or on another
    condition, than the line says), `unconfirmed` (the line says more than
    the facts show: a path through memory, an indirect call, or code the
    configuration leaves out)."""
    if not db.execute('SELECT 1 FROM functions WHERE name = ? AND static = 0',
                      (name,)).fetchone():
        return None
    req = db.execute('SELECT r.unless_param FROM requirements r JOIN functions f '
                     'ON f.id = r.function WHERE f.name = ? AND f.static = 0 '
                     'AND r.param = ?', (name, arg)).fetchone()
    found = None if req is None else (
        'always' if not req[0] else 'unless parameter %d carries the flag' % req[0])
    if directive == 'sink':
        if req is None:
            return 'unconfirmed', 'no path from parameter %d to a sink in the facts' % arg
        return 'confirms', 'parameter %d must be kmappable, %s' % (arg, found)
    # param F N maybe ... attrs=M, attrs F N M: RAM unless parameter M carries it
    tied = [w[6:] for w in words if w.startswith('attrs=')] or words[3:4]
    tied = int(tied[0]) if tied and tied[0].isdigit() else None
    if req is None:
        return 'unconfirmed', 'parameter %d reaches no sink in the facts' % arg
    if tied and req[0] == tied:
        return 'confirms', 'parameter %d must be kmappable %s' % (arg, found)
    return 'contradicts', 'parameter %d must be kmappable %s, not only where parameter ' \
                          '%s lacks the flag' % (arg, found, tied)


def check_model(args):
    db = open_db(args.db)
    counts = {'confirms': 0, 'contradicts': 0, 'unconfirmed': 0}
    for directive, name, arg, words, number in model_lines(args.model):
        if directive not in ('sink', 'param', 'attrs'):
            continue
        judged = judge_line(db, directive, name, arg, words)
        if judged is None:
            continue
        verdict, why = judged
        counts[verdict] += 1
        print('%s:%d: %s: %s %s %d: %s' % (args.model, number, verdict, directive,
                                           name, arg, why))
    print('%d confirmed, %d contradicted, %d unconfirmed; the other lines name '
          'functions the facts do not define' % (counts['confirms'], counts['contradicts'],
                                                  counts['unconfirmed']))
    return 1 if counts['contradicts'] else 0


MARKER = '__must_kmap'
HEADER = 'linux/physcheck.h'


def parameter_spans(text, start):
    """[(begin, end)] offsets of the parameters of the first parameter list
    at or after offset @start, or None."""
    open_at = text.find('(', start)
    if open_at < 0:
        return None
    spans, depth, begin = [], 0, open_at + 1
    for i in range(open_at, len(text)):
        c = text[i]
        if c in '([':
            depth += 1
        elif c in ')]':
            depth -= 1
            if depth == 0:
                spans.append((begin, i))
                return spans
        elif c == ',' and depth == 1:
            spans.append((begin, i))
            begin = i + 1
    return None


# what a parameter that can hold a phys, a pfn or a struct page looks
# like; an offset or a length added to one shares its requirement in the
# analysis (a sum's origins are both sides'), but no marker belongs there
PHYS_LIKE = re.compile(r'\b(phys_addr_t|resource_size_t|struct\s+page\s*\*|\w*pfn\w*)\b')


def mark_parameter(text, line, name, param):
    """@text with parameter @param of function @name, defined at @line,
    marked; None when it cannot be found, is marked already or holds no
    phys, pfn or page."""
    offset = sum(len(l) + 1 for l in text.split('\n')[:line - 1])
    at = text.find(name + '(', offset)
    spans = parameter_spans(text, at) if at >= 0 else None
    if not spans or param > len(spans):
        return None
    begin, end = spans[param - 1]
    decl = text[begin:end]
    if MARKER in decl or not PHYS_LIKE.search(decl):
        return None
    ident = list(re.finditer(r'[A-Za-z_]\w*', decl))
    if len(ident) < 2:
        return None     # no name to put it before
    cut = begin + ident[-1].start()
    return text[:cut] + MARKER + ' ' + text[cut:]


def with_header(text):
    if '#include <%s>' % HEADER in text:
        return text
    includes = list(re.finditer(r'^#include <[^>]+>\n', text, re.M))
    cut = includes[-1].end() if includes else 0
    return text[:cut] + '#include <%s>\n' % HEADER + text[cut:]


def annotate(args):
    db = open_db(args.db)
    rows = db.execute('SELECT f.name, f.file, f.line, r.param FROM requirements r '
                      'JOIN functions f ON f.id = r.function WHERE f.static = 0 '
                      'AND r.unless_param IS NULL ORDER BY f.file, f.line, r.param').fetchall()
    edited, marked, missed = {}, 0, []
    for name, file, line, param in rows:
        path = os.path.join(args.tree, file)
        if file not in edited:
            try:
                edited[file] = [common.read_text(path)] * 2
            except OSError:
                missed.append('%s: %s() (no such file under %s)' % (file, name, args.tree))
                continue
        text = mark_parameter(edited[file][1], line, name, param)
        if text is None:
            missed.append('%s:%d: %s() parameter %d' % (file, line, name, param))
            continue
        edited[file][1] = text
        marked += 1
    patch = []
    for file, (old, new) in sorted(edited.items()):
        if old == new:
            continue
        new = with_header(new)
        patch.extend(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                          'a/' + file, 'b/' + file))
    sys.stdout.write(''.join(patch))
    sys.stderr.write('%s: %d parameters marked %s; %d left (conditional requirements '
                     'are not marked: a marker cannot say "unless")%s\n'
                     % (PROG, marked, MARKER, len(missed),
                        ''.join('\n  ' + m for m in missed[:20])))
    return 0


def parse_args(argv):
    parser = common.Parser(prog=PROG, description=__doc__.split('\n\n')[0],
                           formatter_class=common.argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='command', required=True)
    p = sub.add_parser('build', help='merge and solve the facts under DIR...')
    p.add_argument('dirs', nargs='+', metavar='DIR',
                   help='facts directories (--facts-dir) and object trees')
    p.add_argument('-o', '--output', required=True, metavar='FILE', help='the database')
    p.set_defaults(run=build)
    p = sub.add_parser('chains', help="each parameter's chain of calls to its sink")
    p.add_argument('function', metavar='FUNC')
    p.add_argument('--db', required=True, metavar='FILE')
    p.set_defaults(run=chains)
    p = sub.add_parser('check-model', help='the model lines the tree confirms or contradicts')
    p.add_argument('--db', required=True, metavar='FILE')
    p.add_argument('--model', default=paths.MODEL, metavar='FILE',
                   help='the model (default: the kernel model)')
    p.set_defaults(run=check_model)
    p = sub.add_parser('annotate', help='a patch marking every parameter that must '
                       'be kmappable (the call chain the seed asked for)')
    p.add_argument('--db', required=True, metavar='FILE')
    p.add_argument('--tree', default='.', metavar='DIR',
                   help='the tree the facts were made in (default: .)')
    p.set_defaults(run=annotate)
    return parser.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    try:
        return args.run(args)
    except sqlite3.DatabaseError as e:
        raise common.UsageError('%s: %s' % (getattr(args, 'db', None) or
                                           getattr(args, 'output', '?'), e))


def entry():
    return common.run_entry(main, PROG, 0, interrupted=True)

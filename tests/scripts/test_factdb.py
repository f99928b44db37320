# SPDX-License-Identifier: GPL-2.0
"""physcheck-db and the checkers' cross-file facts, on the small trees of
crossfile/: one fact-writing pass (the sparse client's --facts-dir, the
plugin's facts-dir= and the objects' section), one solve, then each
checker with the database finds what no single file shows."""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile

from script_run import ScriptRun, run_script

HERE = os.path.dirname(os.path.abspath(__file__))
TREE = os.path.join(HERE, 'crossfile')
PLUGIN_ARG = '-fplugin-arg-physcheck_plugin-'
FILES = ['chain_a.c', 'chain_b.c', 'chain_c.c', 'chain_d.c', 'rec_a.c', 'rec_b.c',
         'same_one.c', 'same_two.c']


class Tools:
    def __init__(self, env, work):
        self.env = None
        root = env['root']
        self.checker = os.path.join(root, 'sparse-plugin', 'physcheck')
        self.plugin = os.path.join(root, 'gcc-plugin', 'physcheck_plugin.so')
        self.db_tool = os.path.join(root, 'scripts', 'physcheck-db')
        self.flags = ['-std=gnu11', '-nostdinc', '-I' + os.path.join(root, 'include'),
                      '-I' + os.path.join(root, 'examples', 'include')]
        self.work = work

    def sparse(self, name, *extra):
        return subprocess.run([self.checker] + self.flags + list(extra) + [name],
                              cwd=self.work, capture_output=True, text=True, env=self.env)

    def gcc(self, name, *extra):
        obj = os.path.join('objs', name[:-2] + '.o')
        return subprocess.run(['gcc'] + self.flags + ['-O2', '-c', '-fplugin=' + self.plugin] +
                              list(extra) + [name, '-o', obj],
                              cwd=self.work, capture_output=True, text=True, env=self.env)

    def db(self, *args):
        return ScriptRun(run_script(self.db_tool, list(args), self.work))


def requirements(path):
    db = sqlite3.connect(path)
    rows = db.execute('SELECT f.name, f.static, f.file, r.param, r.unless_param, r.derived '
                      'FROM requirements r JOIN functions f ON f.id = r.function').fetchall()
    db.close()
    return {(name, file if static else ''): (param, unless, derived)
            for name, static, file, param, unless, derived in rows}


def hop_callees(path, function, param):
    db = sqlite3.connect(path)
    rows = db.execute('SELECT h.file, h.callee FROM hops h JOIN functions f '
                      'ON f.id = h.function WHERE f.name = ? AND h.param = ? '
                      'AND h.chain = 0 ORDER BY h.seq', (function, param)).fetchall()
    db.close()
    return rows


EXPECTED = {
    # chain_d reaches the sink itself; the others through other files
    ('chain_d', ''): (1, None, 0),
    ('chain_c', ''): (1, 2, 1),
    ('chain_b', ''): (1, None, 1),
    ('rec_b', ''): (1, None, 0),
    ('rec_a', ''): (1, None, 1),
    ('use_one', ''): (1, None, 0),
    ('helper', 'same_one.c'): (1, None, 0),
}
CHAIN = [('chain_b.c', 'chain_c'), ('chain_c.c', 'chain_d'), ('chain_d.c', 'phys_to_virt')]
FINDING = re.compile(r'^chain_a\.c:12:\d+: warning: argument 1 of chain_b\(\) is MMIO, '
                     r'but chain_b\(\) needs it to be RAM \[-Wphys-requires\]$', re.M)
NOTES = [re.compile(r'chain_b\.c:12:\d+: (note: )?chain_b\(\) passes it to chain_c\(\)'),
         re.compile(r'chain_c\.c:12:\d+: (note: )?chain_c\(\) passes it to chain_d\(\)'),
         re.compile(r'chain_d\.c:9:\d+: (note: )?chain_d\(\) passes it to phys_to_virt\(\)')]


def check_database(out, name, path, build):
    mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0
    out.result(build.status == 0 and '8 units' in build.out and mode & 0o044 == 0o044,
               '%s: physcheck-db build merges the 8 units into a database others can read'
               % name, '%s\nmode %o' % (build.details(), mode))
    got = requirements(path)
    out.result(got == EXPECTED, '%s: the solve derives the chain, the recursion and '
               'each static helper() apart' % name,
               'got %r\nexpected %r' % (sorted(got.items()), sorted(EXPECTED.items())))
    out.result(hop_callees(path, 'chain_b', 1) == CHAIN,
               '%s: the chain of chain_b() has each step to the sink' % name,
               repr(hop_callees(path, 'chain_b', 1)))


def check_finding(out, name, proc):
    text = proc.stdout + proc.stderr
    ok = FINDING.search(text) and all(n.search(text) for n in NOTES)
    out.result(bool(ok), '%s: with the database, the BAR passed to chain_b() is a finding '
               'with each step of the chain in notes' % name, text)


def sparse_tests(out, tools):
    os.makedirs(os.path.join(tools.work, 'objs'))
    for name in FILES:
        proc = tools.sparse(name, '--facts-dir', 'facts')
        if proc.returncode:
            out.result(False, 'crossfile sparse: writing facts for %s' % name, proc.stderr)
            return
    check_database(out, 'crossfile sparse', os.path.join(tools.work, 's.db'),
                   tools.db('build', 'facts', '-o', 's.db'))
    alone = tools.sparse('chain_a.c')
    out.result('Wphys-requires' not in alone.stderr,
               'crossfile sparse: without a database chain_a.c shows nothing', alone.stderr)
    check_finding(out, 'crossfile sparse', tools.sparse('chain_a.c', '--db', 's.db'))
    chains = tools.db('chains', 'chain_c', '--db', 's.db')
    out.result(chains.status == 0 and 'parameter 1 must be kmappable, unless parameter 2 '
               'carries DMA_ATTR_MMIO' in chains.out and 'phys_to_virt()' in chains.out,
               'crossfile sparse: physcheck-db chains prints the condition and the chain',
               chains.details())
    mmio = tools.sparse('chain_b.c', '--db', 's.db')
    out.result('Wphys-requires' not in mmio.stderr,
               'crossfile sparse: DMA_ATTR_MMIO lifts chain_c()\'s requirement', mmio.stderr)


def annotate(out, tools):
    """The marked call chain as a patch: unconditional requirements only."""
    proc = tools.db('annotate', '--db', 's.db', '--tree', '.')
    marked = sorted(set(re.findall(r'^\+\S.*?(\w+)\(phys_addr_t __must_kmap p', proc.out, re.M)))
    applies = subprocess.run(['git', 'apply', '--check', '-'], input=proc.out,
                             cwd=tools.work, capture_output=True, text=True)
    out.result(proc.status == 0 and applies.returncode == 0 and
               marked == ['chain_b', 'chain_d', 'rec_a', 'rec_b', 'use_one'],
               'crossfile: physcheck-db annotate marks each unconditional requirement, '
               'as a patch that applies', 'marked %r\n%s\n%s' % (marked, proc.details(),
                                                                  applies.stderr))


def gate(out, tools, env):
    """physcheck-gate --db: a call into another file's helper is judged by
    the helper's summary (a kbuild stand-in, as examples/ has)."""
    shutil.copy(os.path.join(env['root'], 'examples', 'Makefile'), tools.work)
    flags = ['--make-arg', 'FLAGS=' + ' '.join(tools.flags)]
    script = os.path.join(env['root'], 'scripts', 'physcheck-gate')
    runs = {}
    for name, extra in (('plain', []), ('db', ['--db', 's.db'])):
        runs[name] = ScriptRun(run_script(script, ['--kernel', '.', '--no-convert'] + flags +
                                          extra + ['chain_a.c'], tools.work))
    ok = (runs['plain'].status == 0 and 'chain_b()' not in runs['plain'].out and
          runs['db'].status == 1 and 'chain_b() needs it to be RAM' in runs['db'].out)
    out.result(ok, 'crossfile: physcheck-gate --db judges a call by the database\'s summary',
               '\n'.join(r.details() for r in runs.values()))
    bad = ScriptRun(run_script(script, ['--kernel', '.', '--db', 'bad.db', 'chain_a.c'],
                               tools.work))
    out.result(bad.status == 2 and 'bad.db' in bad.err and bad.err.count('\n') == 1,
               'crossfile: physcheck-gate refuses a corrupt database in one line',
               bad.details())


def outside_paths(out, tools):
    """A source named ../tree/x.c (an O= build's) keeps its facts inside
    the directory."""
    proc = tools.sparse('../tree/chain_d.c', '--facts-dir', 'facts2')
    inside = os.path.join(tools.work, 'facts2', 'tree', 'chain_d.c.facts')
    out.result(proc.returncode == 0 and os.path.exists(inside) and
               not os.path.exists(os.path.join(tools.work, 'chain_d.c.facts')),
               'crossfile sparse: facts of a ../ source stay inside --facts-dir',
               proc.stderr)


def incremental(out, tools):
    """Checking one file again rewrites its facts and no other file's."""
    facts = os.path.join(tools.work, 'facts')
    before = {n: os.stat(os.path.join(facts, n + '.facts')).st_mtime_ns for n in FILES}
    with open(os.path.join(tools.work, 'chain_c.c'), 'a') as f:
        f.write('\nvoid chain_c_more(phys_addr_t p);\n'
                'void chain_c_more(phys_addr_t p)\n{\n\tchain_d(p);\n}\n')
    proc = tools.sparse('chain_c.c', '--facts-dir', 'facts')
    after = {n: os.stat(os.path.join(facts, n + '.facts')).st_mtime_ns for n in FILES}
    changed = sorted(n for n in FILES if before[n] != after[n])
    with open(os.path.join(facts, 'chain_c.c.facts')) as f:
        text = f.read()
    out.result(proc.returncode == 0 and changed == ['chain_c.c'] and 'chain_c_more' in text,
               'crossfile sparse: a changed file rewrites only its own facts',
               'changed %r\n%s' % (changed, proc.stderr))


def plugin_tests(out, tools):
    for name in FILES:
        proc = tools.gcc(name, PLUGIN_ARG + 'facts-dir=gfacts')
        if proc.returncode:
            out.result(False, 'crossfile gcc: writing facts for %s' % name, proc.stderr)
            return
    # the objects alone: what a distcc node's compile brings back
    shutil.rmtree(os.path.join(tools.work, 'gfacts'))
    check_database(out, 'crossfile gcc', os.path.join(tools.work, 'g.db'),
                   tools.db('build', 'objs', '-o', 'g.db'))
    check_finding(out, 'crossfile gcc', tools.gcc('chain_a.c', PLUGIN_ARG + 'db=g.db'))


def bad_input(out, tools):
    cut = os.path.join(tools.work, 'cut')
    os.makedirs(cut)
    with open(os.path.join(tools.work, 'facts', 'chain_d.c.facts')) as f:
        text = f.read()
    with open(os.path.join(cut, 'chain_d.c.facts'), 'w') as f:
        f.write(text[:len(text) // 2])
    proc = tools.db('build', 'cut', '-o', 'cut.db')
    lines = proc.err.strip().split('\n')
    out.result(proc.status == 2 and len(lines) == 1 and 'chain_d.c.facts' in lines[0] and
               not os.path.exists(os.path.join(tools.work, 'cut.db')),
               'crossfile: a truncated facts file is refused with its name', proc.details())
    with open(os.path.join(tools.work, 'objs', 'junk.o'), 'wb') as f:
        f.write(b'\x7fELF\x02\x01\x01' + b'\xff' * 40)
    proc = tools.db('build', 'objs', '-o', 'junk.db')
    out.result(proc.status == 2 and 'junk.o' in proc.err and 'Traceback' not in proc.err,
               'crossfile: a corrupt object is refused with its name', proc.details())
    bad = os.path.join(tools.work, 'bad.db')
    with open(bad, 'wb') as f:
        f.write(b'SQLite format 3\0' + b'\x13' * 200)
    proc = tools.sparse('chain_a.c', '--db', 'bad.db')
    out.result(proc.returncode == 2 and proc.stderr.count('\n') == 1 and 'bad.db' in proc.stderr,
               'crossfile sparse: a corrupt database is refused in one line, exit 2',
               proc.stderr)
    proc = tools.gcc('chain_a.c', PLUGIN_ARG + 'db=bad.db')
    out.result(proc.returncode != 0 and 'bad.db' in proc.stderr,
               'crossfile gcc: a corrupt database stops the compile', proc.stderr)
    proc = tools.db('chains', 'chain_b', '--db', 'bad.db')
    out.result(proc.status == 2 and 'bad.db' in proc.err and 'Traceback' not in proc.err,
               'crossfile: physcheck-db refuses a corrupt database', proc.details())


def loaded_sqlite(proc):
    """Whether the dynamic loader's LD_DEBUG=libs report names SQLite."""
    return re.search(r'calling init: \S*libsqlite3', proc.stderr) is not None


def sqlite_on_demand(out, tools):
    """SQLite is loaded only to read a database: its relocations would
    cost every run more than sparse spends on a small file.  A SQLite
    that cannot be loaded stops a run with --db in one line."""
    tools.env = dict(os.environ, LD_DEBUG='libs')
    try:
        alone = tools.sparse('chain_a.c')
        with_db = tools.sparse('chain_a.c', '--db', 's.db')
        fake = os.path.join(tools.work, 'fakelib')
        os.makedirs(fake)
        with open(os.path.join(fake, 'empty.c'), 'w') as f:
            f.write('int physcheck_not_sqlite;\n')
        built = subprocess.run(['gcc', '-shared', '-fPIC', '-o',
                                os.path.join(fake, 'libsqlite3.so.0'),
                                os.path.join(fake, 'empty.c')], capture_output=True, text=True)
        tools.env = dict(os.environ, LD_LIBRARY_PATH=fake)
        broken = tools.sparse('chain_a.c', '--db', 's.db')
        tools.env = dict(os.environ, LD_DEBUG='libs')
        plugin_alone = tools.gcc('chain_a.c')
        plugin_db = tools.gcc('chain_a.c', PLUGIN_ARG + 'db=s.db')
    finally:
        tools.env = None
    out.result(alone.returncode == 0 and not loaded_sqlite(alone),
               'crossfile sparse: a run without --db does not load SQLite', alone.stderr[-2000:])
    out.result(loaded_sqlite(with_db) and 'Wphys-requires' in with_db.stderr,
               'crossfile sparse: --db loads SQLite and reads the database',
               with_db.stderr[-2000:])
    out.result(built.returncode == 0 and broken.returncode == 2 and
               broken.stderr.count('\n') == 1 and 's.db' in broken.stderr and
               'sqlite3_open_v2' in broken.stderr,
               'crossfile sparse: a SQLite that cannot be loaded stops --db in one line',
               built.stderr + broken.stderr)
    out.result(plugin_alone.returncode == 0 and not loaded_sqlite(plugin_alone),
               'crossfile gcc: a compile without db= does not load SQLite into cc1',
               plugin_alone.stderr[-2000:])
    out.result(loaded_sqlite(plugin_db) and 'Wphys-requires' in plugin_db.stderr,
               'crossfile gcc: db= loads SQLite and reads the database',
               plugin_db.stderr[-2000:])


def tests(out, env):
    for tool in ('sparse-plugin/physcheck', 'gcc-plugin/physcheck_plugin.so'):
        if not os.path.exists(os.path.join(env['root'], tool)):
            out.result(False, 'crossfile: %s is built' % tool, 'run make')
            return
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, 'tree')
        shutil.copytree(TREE, work)
        tools = Tools(env, work)
        sparse_tests(out, tools)
        sqlite_on_demand(out, tools)
        plugin_tests(out, tools)
        bad_input(out, tools)
        annotate(out, tools)
        gate(out, tools, env)
        outside_paths(out, tools)
        incremental(out, tools)

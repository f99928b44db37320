# SPDX-License-Identifier: GPL-2.0
"""Running spatch, safely.

spatch (1.1.1) hands the names of the files it works on to a shell in
some modes: a file named `$(touch X).c` runs the command.  The tree is
untrusted input (a patch under review, a CI workspace), so spatch never
sees a name the tree chose.  It works on private copies whose names
physcheck chooses (Names): a directory or header name made only of
letters, digits, '_', '.', '+' and '-', not starting with '.' or '-',
is kept (headers must keep their names for #include "..." to find
them); any other is replaced by one with a ',' (a character no kept
name has, so the two never collide), and every .c file whose name is
not such a name gets "pc,N.c".  What spatch prints is mapped back to
the real names before anyone sees it.
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading

from .common import UsageError, encode, read_bounded, read_text

DEFAULT_TIMEOUT = 200       # seconds per file, as the kernel's .cocciconfig
GRACE = 2.0                 # seconds spatch gets past its own timeout
SAFE_NAME_RE = re.compile(r'[A-Za-z0-9_][A-Za-z0-9_.+-]*\Z')


class Names:
    """The names spatch sees for the files of one batch: {rel: alias}."""

    def __init__(self):
        self.dirs = {'': ''}
        self.aliases = {}
        self.count = 0

    def directory(self, rel_dir):
        parts = [p for p in rel_dir.split(os.sep) if p] if rel_dir else []
        done = ''
        for k, part in enumerate(parts):
            key = os.sep.join(parts[:k + 1])
            if key not in self.dirs:
                self.count += 1
                name = part if SAFE_NAME_RE.match(part) else 'pc,d%d' % self.count
                self.dirs[key] = os.path.join(done, name) if done else name
            done = self.dirs[key]
        return done

    def source(self, rel):
        """The name of the .c file rel, kept when it is safe."""
        if rel not in self.aliases:
            base = os.path.basename(rel)
            if not SAFE_NAME_RE.match(base) or not base.endswith('.c'):
                self.count += 1
                base = 'pc,%d.c' % self.count
            directory = self.directory(os.path.dirname(rel))
            self.aliases[rel] = os.path.join(directory, base) if directory else base
        return self.aliases[rel]

    def header(self, rel):
        """The name of the header rel, or None: a header must keep its
        name to be found, so one whose name is not safe is left out."""
        base = os.path.basename(rel)
        if not SAFE_NAME_RE.match(base):
            return None
        directory = self.directory(os.path.dirname(rel))
        return os.path.join(directory, base) if directory else base


def unalias(text, alias, rel):
    """text, as spatch wrote it about alias, with rel for alias."""
    if alias == rel:
        return text
    pattern = r'(?<![\w/.,])(?:\./)?' + re.escape(alias) + r'(?![\w.])'
    return re.sub(pattern, lambda m: rel, text)


class Failure(Exception):
    def __init__(self, reason, detail='', stderr=''):
        super().__init__(reason)
        self.reason = reason    # 'timeout' or 'spatch failure'
        self.detail = detail
        self.stderr = stderr


class Runner:
    """Runs spatch; an interrupt kills every spatch still running."""

    def __init__(self, spatch, timeout, macros, rundir=None):
        self.spatch = spatch
        self.rundir = rundir        # journals each spatch's pid (rundir.py)
        self.macro_args = ['--macro-file-builtins', macros]
        self.timeout = timeout
        self.lock = threading.Lock()
        self.running = set()
        self.stopping = False
        self.checked = {}           # rule name: why spatch rejects it, or None

    def run(self, args, cwd, env, limit):
        """spatch's stdout and stderr; Failure when it fails or overruns."""
        cmd = [self.spatch] + self.macro_args + args
        with self.lock:
            if self.stopping:
                raise Failure('spatch failure', 'interrupted')
            try:
                proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        start_new_session=True)
            except OSError as e:
                raise Failure('spatch failure', '%s: %s' % (self.spatch, e.strerror))
            self.running.add(proc)
            if self.rundir is not None:
                self.rundir.record('pid', proc.pid)
        try:
            out, err = proc.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            self.kill(proc)
            proc.communicate()
            raise Failure('timeout')
        finally:
            with self.lock:
                self.running.discard(proc)
        out = out.decode('utf-8', 'surrogateescape')
        err = err.decode('utf-8', 'surrogateescape')
        if proc.returncode != 0:
            if re.search(r'^timeout|\bTimeout\b', err, re.M):
                raise Failure('timeout')
            lines = [ln for ln in err.splitlines() if ln.strip()]
            raise Failure('spatch failure', lines[-1] if lines else
                          'exit status %d' % proc.returncode, err)
        return out, err

    def check_rule(self, rule, mode, cwd, env):
        """Raise UsageError when spatch cannot parse the rule itself."""
        with self.lock:
            if rule.name in self.checked:
                error = self.checked[rule.name]
            else:
                error = None
        if rule.name not in self.checked:
            try:
                self.run(['-D', mode, '--parse-cocci', rule.path], cwd, env, 120)
            except Failure as failure:
                error = failure.detail or failure.reason
                where = re.search(r'line (\d+), column (\d+)', failure.stderr)
                if where:
                    error = 'line %s, column %s: %s' % (where.group(1), where.group(2),
                                                        error.strip())
            with self.lock:
                self.checked[rule.name] = error
        if error:
            raise UsageError('rule %s: spatch cannot use it: %s' % (rule.name, error))

    @staticmethod
    def kill(proc):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except OSError:
            pass

    def stop(self):
        with self.lock:
            self.stopping = True
            for proc in list(self.running):
                self.kill(proc)


def spatch_env(tmp):
    env = dict(os.environ, TMPDIR=tmp)
    env.pop('PYTHONPATH', None)
    return env


# a header is read only when it is a regular file, and to this bound: a
# FIFO named by an #include would hang the run, /dev/zero would fill it
HEADER_LIMIT = 64 << 20


def read_header(path):
    return read_bounded(path, HEADER_LIMIT, regular_only=True).decode(
        'utf-8', 'surrogateescape')


INCLUDE_RE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"\n]+\.h)"[^\n]*$', re.M)


def quoted_include(root, rel, name):
    """The path, relative to root, of the header that rel includes as
    "name": taken relative to rel's directory, as the preprocessor first
    looks for it; None outside root."""
    path = os.path.normpath(os.path.join(os.path.dirname(rel), name))
    if os.path.isabs(path) or path.split(os.sep)[0] == '..':
        return None
    return path


def flattened(root, rel, text, seen):
    """text, of the header rel, with each quoted include that resolves to a
    file replaced by that file's text, flattened too; each header once."""
    def inline(m):
        path = quoted_include(root, rel, m.group(1))
        if path is None or path in seen:
            return m.group(0)
        try:
            header = read_header(os.path.join(root, path))
        except OSError:
            return m.group(0)
        seen.add(path)
        return flattened(root, path, header, seen)

    return INCLUDE_RE.sub(inline, text)


def local_headers(root, texts):
    """The headers that the files of texts include with quotes, and the
    headers those include, by path relative to root: {rel: text}.

    spatch (1.1.1) reads them for types, recursively, and parses each one
    once per run.  But a header it reaches through a name with "..", such
    as "../ring.h", does not give it the types of the headers that one
    includes when an earlier file of the same run included them: such a
    header is given with the headers it includes written into it.  A
    header outside root, or missing, is left out.
    """
    found = {}
    upward = set()
    todo = list(texts.items())
    while todo:
        rel, text = todo.pop()
        for name in INCLUDE_RE.findall(text):
            path = quoted_include(root, rel, name)
            if path is None:
                continue
            if '..' in name.split('/'):
                upward.add(path)
            if path in found:
                continue
            try:
                found[path] = read_header(os.path.join(root, path))
            except OSError:
                continue
            todo.append((path, found[path]))
    for path in upward & set(found):
        try:
            found[path] = flattened(root, path, found[path], {path})
        except RecursionError:
            pass            # thousands of nested includes: given as it is
    return found


def populate(directory, texts, headers=None):
    """Write the files of texts and headers ({name: text}, names chosen
    by Names) under directory, which is created."""
    os.mkdir(directory)
    for rel, text in list((headers or {}).items()) + list(texts.items()):
        path = os.path.normpath(os.path.join(directory, rel))
        if not path.startswith(directory + os.sep):
            # Names never gives such a name; nothing is written outside
            raise ValueError('%r is outside the temporary directory' % rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(encode(text))


EXN_RE = re.compile(r'^EXN: (.*) in (?:\./)?(.+)$')


def run_rule(runner, rule, mode, texts, headers, tmp, env):
    """Run one rule over the files of texts, each on its own, in one spatch.

    The headers ({rel: text}) are laid beside the files, for their types.

    Returns ({rel: new text} in patch mode or {rel: output} otherwise,
    {rel: Failure}).  spatch --dir handles each file apart and goes on
    past a file that fails; when spatch itself fails, every file is run
    again alone, so that the failure is pinned on its file.
    """
    run_dir = tempfile.mkdtemp(prefix='run', dir=tmp)
    os.rmdir(run_dir)
    populate(run_dir, texts, headers if rule.typed else None)
    args = ['-D', mode, '--very-quiet'] + rule.driver_options + \
        ['--cocci-file', rule.path, '--timeout', str(runner.timeout)]
    if mode == 'patch':
        args += ['--in-place', '--no-show-diff']
    elif mode in ('report', 'org'):
        args.append('--no-show-diff')
    limit = runner.timeout * len(texts) + GRACE
    try:
        out, err = runner.run(args + ['--dir', '.'], run_dir, env, limit)
    except Failure as failure:
        shutil.rmtree(run_dir, ignore_errors=True)
        if failure.reason == 'spatch failure':
            runner.check_rule(rule, mode, tmp, env)
        if len(texts) == 1:
            return {}, {rel: failure for rel in texts}
        results, failures = {}, {}
        for rel in sorted(texts):
            one, bad = run_rule(runner, rule, mode, {rel: texts[rel]}, headers,
                                tmp, env)
            results.update(one)
            failures.update(bad)
        return results, failures
    failures = {}
    for line in err.splitlines():
        m = EXN_RE.match(line)
        if m and m.group(2) in texts:
            if 'Timeout' in m.group(1):
                failures[m.group(2)] = Failure('timeout')
            else:
                failures[m.group(2)] = Failure('spatch failure', m.group(1))
    results = {}
    if mode == 'patch':
        for rel in texts:
            if rel not in failures:
                results[rel] = read_text(os.path.join(run_dir, rel))
    else:
        results = split_output(out, texts)
    shutil.rmtree(run_dir, ignore_errors=True)
    return results, failures


def split_output(out, texts):
    """spatch's output for several files, split by file, headers cleaned."""
    by_file = {}
    current = None
    lines = out.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    for i, line in enumerate(lines):
        name = None
        if line.startswith('--- '):
            name = line[4:].split('\t')[0]
        elif line.startswith('+++ ') and current is not None and i and \
                lines[i - 1].startswith('--- '):
            line = '+++ ' + current
        else:
            m = re.match(r'(?:\./)?([^:\s]+):\d+:', line)
            if m and m.group(1) in texts:
                name = m.group(1)
            m = re.search(r'\[\[view:(?:\./)?([^:\]]+)::', line)
            if m and m.group(1) in texts:
                name = m.group(1)
        if name is not None:
            if name.startswith('./'):
                name = name[2:]
            if name in texts:
                current = name
                line = line.replace('./' + name, name, 1)
        if current is not None:
            by_file.setdefault(current, []).append(line + '\n')
    return {rel: ''.join(v) for rel, v in by_file.items()}


def parse_failures(runner, rel, text, tmp, env):
    """Line numbers of the code spatch could not parse, from --parse-c."""
    parse_dir = tempfile.mkdtemp(prefix='parse', dir=tmp)
    os.rmdir(parse_dir)
    populate(parse_dir, {rel: text})
    try:
        _, err = runner.run(['--parse-c', rel, '--timeout', str(runner.timeout)],
                            parse_dir, env, runner.timeout + GRACE)
    except Failure:
        return None
    finally:
        shutil.rmtree(parse_dir, ignore_errors=True)
    bad = set()
    error_line = None
    block = []

    def flush():
        if error_line is not None and block:
            at = block.index(True) if True in block else 0
            first = error_line - at
            bad.update(range(first, first + len(block)))

    for line in err.splitlines():
        m = re.match(r'\s*= File ".*", line (\d+), column', line)
        if m:
            flush()
            error_line = int(m.group(1))
            block = []
        elif line.startswith('BAD:!!!!!'):
            block.append(True)
        elif line.startswith('bad:'):
            block.append(False)
        elif block:
            flush()
            error_line = None
            block = []
    flush()
    return bad

# SPDX-License-Identifier: GPL-2.0
"""Cross-file facts beyond one machine: the crossfile/ tree built through
distcc, with a distccd on 127.0.0.1 that has its own temporary directory
and, where a mount namespace can be made, a tmpfs of its own over the
client's facts directory.  The facts come back only inside the objects;
physcheck-db build of those objects must equal a local build's database.

distccd (3.3 on) refuses any compile whose arguments hold -fplugin=, even
with --enable-tcp-insecure, so the plugin is part of the compiler as the
node has it installed: a `physcheck-gcc` that runs gcc -fplugin=..., on
the client's and the node's PATH alike.  The plugin's own arguments
(facts-dir=) cross the wire as they are.  The node compiles the client's
preprocessed unit, which keeps the macro definitions the plugin reads the
model's flags from (DMA_ATTR_MMIO) only when made with -fdirectives-only:
without it no requirement would keep its condition, and the plugin warns."""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time

from test_factdb import FILES, PLUGIN_ARG, TREE, Tools, check_database

NAME = 'crossfile distcc'
NOBODY = 65534
def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def readable_by_nobody(paths):
    """Whether distccd, dropping root for nobody, can read paths."""
    if os.geteuid() != 0:
        return True
    proc = subprocess.run(['setpriv', '--reuid=%d' % NOBODY, '--regid=%d' % NOBODY,
                           '--clear-groups', 'sh', '-c', 'for f; do test -r "$f" || exit 1; '
                           'done', 'sh'] + paths, cwd='/', capture_output=True, timeout=30)
    return proc.returncode == 0


def install_node(tools, tmp):
    """The toolchain as every node has it: physcheck-gcc on PATH.  Where
    nobody cannot reach the checkout (root's home is 0700), the plugin
    and its model are copied where it can, and both builds use the copy."""
    plugin = tools.plugin
    model = os.path.join(os.path.dirname(plugin), '..', 'model', 'kernel.model')
    note = 'the plugin of the tree'
    if not readable_by_nobody([plugin, model]):
        node = os.path.join(tmp, 'node')
        for sub, src in (('gcc-plugin', plugin), ('model', model)):
            os.makedirs(os.path.join(node, sub))
            shutil.copy(src, os.path.join(node, sub))
        plugin = os.path.join(node, 'gcc-plugin', os.path.basename(plugin))
        note = 'a copy of the plugin: distccd\'s user cannot read the tree'
    tools.plugin = plugin
    bindir = os.path.join(tmp, 'bin')
    os.mkdir(bindir)
    wrapper = os.path.join(bindir, 'physcheck-gcc')
    with open(wrapper, 'w') as f:
        f.write('#!/bin/sh\nexec gcc -fplugin=%s "$@"\n' % plugin)
    os.chmod(wrapper, 0o755)
    return bindir, note


def why_no_namespace(tmp):
    """Why a mount namespace with a tmpfs cannot be made, or None."""
    probe = os.path.join(tmp, 'probe')
    os.mkdir(probe)
    try:
        proc = subprocess.run(['unshare', '--mount', '--propagation', 'private', 'mount',
                               '-t', 'tmpfs', 'physcheck-probe', probe],
                              capture_output=True, text=True, timeout=30)
    except OSError as e:
        return str(e)
    return None if proc.returncode == 0 else (proc.stderr.strip() or 'unshare failed')


class Node:
    """distccd on 127.0.0.1, in its own directory and, with hide set, its
    own mount namespace where a tmpfs covers hide."""

    def __init__(self, tmp, bindir, hide):
        self.dir = os.path.join(tmp, 'node-tmp')
        os.mkdir(self.dir)
        os.chmod(self.dir, 0o1777)    # distccd drops root for nobody
        self.log = os.path.join(self.dir, 'distccd.log')
        self.port = free_port()
        self.hide = hide
        # --enable-tcp-insecure: run physcheck-gcc, which is in no
        # allowlist; it listens on 127.0.0.1 and serves only 127.0.0.1
        daemon = ['distccd', '--daemon', '--no-detach', '--enable-tcp-insecure',
                  '--listen', '127.0.0.1', '--allow', '127.0.0.1', '--port', str(self.port),
                  '--log-file', self.log, '--log-level', 'info', '--jobs', '2']
        if os.geteuid() == 0:
            daemon += ['--user', 'nobody']
        if hide:
            cmd = ['unshare', '--mount', '--propagation', 'private', 'sh', '-c',
                   'mount -t tmpfs -o mode=1777 physcheck-node "$0" && exec "$@"',
                   hide] + daemon
        else:
            cmd = daemon
        env = dict(os.environ, TMPDIR=self.dir, PATH=bindir + ':' + os.environ['PATH'])
        self.out = os.path.join(self.dir, 'daemon.out')
        with open(self.out, 'w') as f:
            self.proc = subprocess.Popen(cmd, cwd=self.dir, env=env, start_new_session=True,
                                         stdin=subprocess.DEVNULL, stdout=f,
                                         stderr=subprocess.STDOUT)

    def wait_ready(self):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                socket.create_connection(('127.0.0.1', self.port), timeout=1).close()
                return True
            except OSError:
                time.sleep(0.05)
        return False

    def hidden_files(self):
        """What the node wrote in its view of the hidden directory."""
        if self.hide:
            view = '/proc/%d/root%s' % (self.proc.pid, self.hide)
        else:
            view = os.path.join(self.dir, 'facts')
        try:
            return sorted(os.listdir(view))
        except OSError as e:
            return [str(e)]

    def log_text(self, name=None):
        try:
            with open(name or self.log, errors='replace') as f:
                return f.read()
        except OSError as e:
            return str(e)

    def stop(self):
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        except ProcessLookupError:
            pass


def rows(path):
    """Every requirement with its condition and sink, every chain's hops.
    A hop's column is left out: a -fdirectives-only unit counts a line's
    leading tabs as one column each, the source as eight."""
    db = sqlite3.connect(path)
    reqs = db.execute('SELECT f.name, f.static, f.file, r.param, r.unless_param, '
                      'r.unless_flag, r.sink, r.sink_arg, r.derived FROM requirements r '
                      'JOIN functions f ON f.id = r.function ORDER BY 1, 2, 3, 4').fetchall()
    hops = db.execute('SELECT f.name, f.static, f.file, h.param, h.chain, h.seq, h.file, '
                      'h.line, h.caller, h.callee, h.arg FROM hops h JOIN functions f '
                      'ON f.id = h.function ORDER BY 1, 2, 3, 4, 5, 6').fetchall()
    units = sorted(r[0] for r in db.execute('SELECT source FROM units'))
    db.close()
    return reqs, hops, units


def client_env(tmp, bindir, port):
    os.mkdir(os.path.join(tmp, 'client-state'))
    env = {k: v for k, v in os.environ.items() if not k.startswith('DISTCC_')}
    env.update(PATH=bindir + ':' + os.environ['PATH'], DISTCC_HOSTS='127.0.0.1:%d' % port,
               DISTCC_DIR=os.path.join(tmp, 'client-state'), DISTCC_VERBOSE='1',
               DISTCC_FALLBACK='0', DISTCC_SKIP_LOCAL_RETRY='1')
    return env


def distcc(args, cwd, env):
    try:
        return subprocess.run(['distcc'] + args, cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=30)
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode(errors='replace') if e.stderr else ''
        return subprocess.CompletedProcess(e.cmd, -1, '', err + '\ntimed out')


def tail(text, lines=40):
    """The client's lines that matter, without DISTCC_VERBOSE's trace."""
    return '\n'.join([x for x in text.splitlines() if '(dcc_' not in x][-lines:])


def refused_plugin(out, tools, env, node):
    """The reason for physcheck-gcc: -fplugin= on the command line."""
    obj = os.path.join(tools.work, 'objs', 'refused.o')
    proc = distcc(['gcc'] + tools.flags +
                  ['-O2', '-c', '-fplugin=' + tools.plugin, 'chain_d.c', '-o', obj],
                  tools.work, env)
    remote = proc.returncode == 0 and 'compiled on 127.0.0.1' in proc.stderr
    refused = (proc.returncode != 0 and not os.path.exists(obj) and
               'fplugin' in node.log_text())
    out.result(remote or refused,
               '%s: -fplugin= on distcc\'s command line is refused by distccd or compiled '
               'there, never silently compiled locally (DISTCC_FALLBACK=0)' % NAME,
               'exit %d\n%s\n-- distccd:\n%s' % (proc.returncode, tail(proc.stderr, 8),
                                                 tail(node.log_text(), 8)))
    if os.path.exists(obj):
        os.unlink(obj)


def remote_build(out, tools, env, facts, node):
    """Each file through distcc; False when the rest cannot be checked."""
    for name in FILES:
        proc = distcc(['physcheck-gcc'] + tools.flags +
                      ['-O2', '-c', '-fdirectives-only', PLUGIN_ARG + 'facts-dir=' + facts, name,
                       '-o', os.path.join('objs', name[:-2] + '.o')], tools.work, env)
        if proc.returncode or 'without its macro definitions' in proc.stderr:
            details = 'exit %d\n%s\n-- distccd:\n%s' % (proc.returncode, tail(proc.stderr),
                                                      tail(node.log_text(), 20))
            out.result(False, '%s: the node compiles %s with the plugin, its flags known'
                       % (NAME, name), details)
            return False
    # a job's summary line may follow the answer to the client
    deadline = time.monotonic() + 5
    while True:
        log = node.log_text()
        done = sum(1 for x in log.splitlines() if 'COMPILE_OK' in x and 'physcheck-gcc' in x)
        if done >= len(FILES) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    out.result(done == len(FILES), '%s: distccd compiled each of the %d files' %
               (NAME, len(FILES)), 'COMPILE_OK %d\n%s' % (done, tail(log)))
    return True


def compare(out, local, remote):
    lreq, lhops, lunits = rows(local)
    rreq, rhops, runits = rows(remote)
    out.result(bool(rreq) and rreq == lreq, '%s: the same requirements, with their '
               'conditions and sinks, as a local build' % NAME,
               'remote %r\nlocal %r' % (rreq, lreq))
    out.result(bool(rhops) and rhops == lhops, '%s: the same hops of every chain as a '
               'local build' % NAME, 'remote %r\nlocal %r' % (rhops, lhops))
    out.result(runits == lunits and len(runits) == len(FILES),
               '%s: each unit named by its source, not by distccd\'s temporary' % NAME,
               'remote %r\nlocal %r' % (runits, lunits))


def run(out, env, tmp):
    os.chmod(tmp, 0o755)
    local = Tools(env, os.path.join(tmp, 'local'))
    tools = Tools(env, os.path.join(tmp, 'remote'))
    bindir, plugin_note = install_node(tools, tmp)
    local.plugin = tools.plugin
    for t in (local, tools):
        shutil.copytree(TREE, t.work)
        os.makedirs(os.path.join(t.work, 'objs'))
    for name in FILES:
        proc = local.gcc(name, PLUGIN_ARG + 'facts-dir=lfacts')
        if proc.returncode:
            out.result(False, '%s: the local build of %s' % (NAME, name), proc.stderr)
            return
    check_database(out, NAME + ' local', os.path.join(local.work, 'local.db'),
                   local.db('build', 'objs', '-o', 'local.db'))

    facts = os.path.join(tools.work, 'facts')
    os.mkdir(facts)
    why = why_no_namespace(tmp)
    # without a namespace, a relative facts-dir sends the node's facts to
    # its own directory, and the client's stays as empty
    node = Node(tmp, bindir, None if why else facts)
    facts_arg = 'facts' if why else facts
    where = ('in its own mount namespace' if not why else
             '(no mount namespace: %s; a relative facts-dir)' % why)
    try:
        if not out.result(node.wait_ready(), '%s: distccd listens on 127.0.0.1 %s'
                          % (NAME, where), node.log_text(node.out) + node.log_text()):
            return
        cenv = client_env(tmp, bindir, node.port)
        if not remote_build(out, tools, cenv, facts_arg, node):
            return
        written = node.hidden_files()
        # last: distcc backs off from a node that refused a compile
        refused_plugin(out, tools, cenv, node)
    finally:
        node.stop()
    left = os.listdir(facts)
    out.result(not left and len(written) == len(FILES),
               '%s: the client\'s facts directory stays empty, the node\'s facts stay with it %s'
               % (NAME, where), 'client %r\nnode %r\n%s' % (left, written, plugin_note))
    remote_db = os.path.join(tools.work, 'remote.db')
    check_database(out, NAME, remote_db, tools.db('build', 'objs', '-o', 'remote.db'))
    compare(out, os.path.join(local.work, 'local.db'), remote_db)


def tests(out, env):
    missing = [t for t in ('distcc', 'distccd') if not shutil.which(t)]
    if missing:
        out.skip('%s: the tree built through distcc, facts back in the objects' % NAME,
                 '%s not found (scripts/setup-deps tests installs distcc)' % ' and '.join(missing))
        return
    if not os.path.exists(os.path.join(env['root'], 'gcc-plugin', 'physcheck_plugin.so')):
        out.result(False, '%s: gcc-plugin/physcheck_plugin.so is built' % NAME, 'run make')
        return
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='physcheck-distcc-') as tmp:
        run(out, env, tmp)
    out.diag('%s: %.1f s' % (NAME, time.monotonic() - start))

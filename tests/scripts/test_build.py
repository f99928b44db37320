# SPDX-License-Identifier: GPL-2.0
"""The Makefile's guard on the sparse functions the client wraps at link
time (-Wl,--wrap): a sparse that no longer defines and calls one stops
the build with one line, rather than linking a client that silently
analyses nothing."""

import os
import subprocess
import tempfile


def wraps_check(root, build, stamp, wrapped):
    cmd = ['make', '-s', '-C', root, 'BUILD=' + build, 'SPARSE_WRAPS=' + stamp,
           'SPARSE_WRAPPED=' + wrapped, stamp]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def tests(out, env):
    root, build = env['root'], env['build']
    lib = os.path.join(build, 'sparse', 'src', 'libsparse.a')
    if not os.path.exists(lib):
        out.result(False, 'build: the wrap guard: no %s (run make)' % lib)
        return
    with tempfile.TemporaryDirectory(prefix='physcheck-build-') as tmp:
        stamp = os.path.join(tmp, 'wraps-ok')
        proc = wraps_check(root, build, stamp, 'optimize ssa_convert sparse_error '
                           'expression_error')
        out.result(proc.returncode == 0 and os.path.exists(stamp),
                   'build: the functions the client wraps are defined and called in '
                   'libsparse.a', proc.stdout + proc.stderr)
        stamp = os.path.join(tmp, 'wraps-bad')
        proc = wraps_check(root, build, stamp, 'optimize no_such_sparse_function')
        errors = [x for x in proc.stderr.splitlines() if x.startswith('physcheck:')]
        out.result(proc.returncode != 0 and not os.path.exists(stamp) and len(errors) == 1 and
                   'no longer defines and calls no_such_sparse_function()' in errors[0],
                   'build: a wrapped function sparse no longer has stops the build with '
                   'one line', proc.stdout + proc.stderr)

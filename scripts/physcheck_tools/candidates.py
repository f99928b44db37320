# SPDX-License-Identifier: GPL-2.0
"""The files worth a spatch run: the .c files under the PATHs that hold
one of the scanned tokens (git grep inside a git work tree, a walk
elsewhere)."""

import os
import re
import subprocess

from .sites import SCAN_TOKENS


def git_toplevel(path):
    directory = path if os.path.isdir(path) else os.path.dirname(path) or '.'
    try:
        proc = subprocess.run(['git', '-C', directory, 'rev-parse', '--show-toplevel'],
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0 or not proc.stdout.strip():
        return None
    top = os.path.realpath(proc.stdout.strip())
    if ignored_by(top, os.path.realpath(path)):
        return None
    return top


def ignored_by(top, path):
    """True when the work tree at top ignores path and tracks nothing in it.

    Such a PATH (a kernel tree extracted under a project's ignored build/
    directory) is no part of that work tree: it is walked, and its paths
    are relative to itself.
    """
    rel = os.path.relpath(path, top)
    if rel == '.':
        return False
    try:
        ignored = subprocess.run(['git', '-C', top, 'check-ignore', '-q', '--', rel],
                                 capture_output=True, timeout=60)
        if ignored.returncode != 0:
            return False
        tracked = subprocess.run(['git', '-C', top, 'ls-files', '--error-unmatch',
                                  '--', rel], capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError):
        return False
    return tracked.returncode != 0


def git_candidates(top, path):
    """.c files under path holding a token, or None when git fails.

    git grep searches the tracked files (their work tree text); untracked
    files that are not ignored are scanned here (git grep --untracked would
    also drop tracked files that an ignore pattern matches).
    """
    rel = os.path.relpath(path, top)
    spec = ['--', rel] if rel != '.' else ['--']
    cmd = ['git', '-C', top, 'grep', '-I', '-l', '-w', '-z']
    for tok in SCAN_TOKENS:
        cmd += ['-e', tok]
    try:
        grep = subprocess.run(cmd + spec, capture_output=True, timeout=600)
        others = subprocess.run(['git', '-C', top, 'ls-files', '-z', '--others',
                                 '--exclude-standard'] + spec,
                                capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError):
        return None
    if grep.returncode not in (0, 1) or others.returncode != 0:
        return None
    found = [os.path.join(top, name) for name in
             grep.stdout.decode('utf-8', 'surrogateescape').split('\0')
             if name.endswith('.c')]
    untracked = [os.path.join(top, name) for name in
                 others.stdout.decode('utf-8', 'surrogateescape').split('\0')
                 if name.endswith('.c')]
    return found + scan_files(untracked)


SCAN_BYTES_RE = re.compile(rb'\b(?:%s)\b' % b'|'.join(t.encode() for t in SCAN_TOKENS))


def walk_candidates(path):
    if os.path.isfile(path):
        files = [path]
    else:
        files = []
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if d != '.git')
            files.extend(os.path.join(dirpath, f) for f in filenames)
    return scan_files(files)


def scan_files(files):
    found = []
    for name in files:
        if not name.endswith('.c') or not os.path.isfile(name):
            continue
        try:
            with open(name, 'rb') as f:
                data = f.read()
        except OSError:
            continue
        if SCAN_BYTES_RE.search(data):
            found.append(name)
    return found


def inside(path, tops):
    """True when path is one of tops or under one of them."""
    return any(path == top or path.startswith(top.rstrip(os.sep) + os.sep) for top in tops)


def find_candidates(paths, use_git):
    """(files, outside): the real paths of the candidate files inside the
    PATHs, and the candidates that are symlinks to a file outside them.

    A symlink is followed, and its target converted, only when the target
    is inside a PATH (then it is converted once, under its own name); one
    that leads out of the PATHs is never converted, nor copied: the tool
    writes nothing outside the PATHs and its own temporary directory.
    """
    found = set()
    outside = set()
    for path in paths:
        files = None
        if os.path.isdir(path) and use_git:
            top = git_toplevel(path)
            if top:
                files = git_candidates(top, os.path.realpath(path))
        if files is None:
            files = walk_candidates(path)
        for f in files:
            real = os.path.realpath(f)
            if inside(real, paths):
                found.add(real)
            else:
                outside.add(os.path.join(os.path.realpath(os.path.dirname(f)),
                                         os.path.basename(f)))
    return sorted(found), sorted(outside)


def common_root(paths):
    tops = {git_toplevel(p) for p in paths}
    if len(tops) == 1 and None not in tops:
        return tops.pop()
    dirs = [p if os.path.isdir(p) else os.path.dirname(p) for p in paths]
    return os.path.commonpath(dirs)

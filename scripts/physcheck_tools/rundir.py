# SPDX-License-Identifier: GPL-2.0
"""The temporary directory of one physcheck-convert run, and the debris
of a run that was killed.

Everything a run writes, but the converted files themselves, is under
one directory, TMPDIR/physcheck-convert-PID-XXXXXXXX: the copies spatch
works on, spatch's own temporary files (spatch gets it as TMPDIR) and a
journal.  The run holds an flock on that directory for as long as it
lives.  The journal names, before they exist, what the run leaves
elsewhere: the pid of each spatch it starts (spatch runs in a session of
its own, so it outlives a killed parent) and each temporary file it
creates in the user's tree while writing a converted file.

SIGINT and SIGTERM end a run cleanly (see convert.main).  A run killed
by SIGKILL cannot clean up; the next run does, in the same TMPDIR.  It
recognises a killed run's directory by its name, its owner (this user),
a pid in the name that no longer runs, and an flock it can take (the
lock died with its holder).  It then kills each spatch of the journal
whose working directory is still inside that directory (a pid alone
could have been reused), removes each temporary of the journal that is
still there, still a regular file and still named as this tool names
them, and removes the directory.
"""

import errno
import fcntl
import os
import re
import shutil
import signal
import stat
import tempfile
import threading

PREFIX = 'physcheck-convert-'
DIR_RE = re.compile(r'^physcheck-convert-(\d+)-[A-Za-z0-9_]{8}$')
# how the temporaries written beside a converted file are named
TREE_TEMP_RE = re.compile(r'^\..+\.physcheck-convert-\d+-\d+\.tmp$', re.S)
JOURNAL = 'journal'


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def take_lock(path):
    """An fd of the directory path with an exclusive flock, or None when
    another process holds it."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC | os.O_NOFOLLOW)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as e:
        os.close(fd)
        if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return None
        raise
    return fd


def cwd_inside(pid, directory):
    try:
        cwd = os.readlink('/proc/%d/cwd' % pid)
    except OSError:
        return False
    cwd = cwd[:-len(' (deleted)')] if cwd.endswith(' (deleted)') else cwd
    return cwd == directory or cwd.startswith(directory + os.sep)


def clean_one(path):
    """Remove what the killed run of directory path left: (spatch
    processes killed, temporaries removed)."""
    killed = removed = 0
    try:
        with open(os.path.join(path, JOURNAL), encoding='utf-8',
                  errors='surrogateescape') as f:
            entries = f.read().split('\0')
    except OSError:
        entries = []
    for entry in entries:
        kind, _, value = entry.partition(' ')
        if kind == 'pid' and value.isdigit():
            pid = int(value)
            if cwd_inside(pid, path):
                try:
                    os.killpg(pid, signal.SIGKILL)
                    killed += 1
                except OSError:
                    pass
        elif kind == 'tmp' and TREE_TEMP_RE.match(os.path.basename(value)):
            try:
                if stat.S_ISREG(os.lstat(value).st_mode):
                    os.unlink(value)
                    removed += 1
            except OSError:
                pass
    shutil.rmtree(path, ignore_errors=True)
    return killed, removed


def clean_stale(base):
    """Clean up after every killed run in base; one line for each."""
    notes = []
    try:
        names = os.listdir(base)
    except OSError:
        return notes
    for name in sorted(names):
        m = DIR_RE.match(name)
        if not m or alive(int(m.group(1))):
            continue
        path = os.path.join(base, name)
        try:
            st = os.lstat(path)
            if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
                continue
            fd = take_lock(path)
        except OSError:
            continue
        if fd is None:
            continue
        try:
            killed, removed = clean_one(path)
        finally:
            os.close(fd)
        notes.append('removed %s, left by a killed run (pid %s): %d spatch process%s '
                     'stopped, %d temporary file%s removed'
                     % (path, m.group(1), killed, '' if killed == 1 else 'es',
                        removed, '' if removed == 1 else 's'))
    return notes


class RunDir:
    """This run's directory, locked, with its journal."""

    def __init__(self):
        base = tempfile.gettempdir()
        self.notes = clean_stale(base)
        self.path = tempfile.mkdtemp(prefix='%s%d-' % (PREFIX, os.getpid()), dir=base)
        self.lock_fd = take_lock(self.path)
        self.lock = threading.Lock()
        self.journal = open(os.path.join(self.path, JOURNAL), 'a', encoding='utf-8',
                            errors='surrogateescape')
        self.count = 0
        # what main() stops and waits for when the run ends early
        self.runner = None
        self.pool = None

    def record(self, kind, value):
        # '\0' ends an entry: a file name may hold a newline, never a NUL.
        # Flushed at once: a SIGKILL loses what is in this process's
        # buffer, never what the kernel has.
        with self.lock:
            self.journal.write('%s %s\0' % (kind, value))
            self.journal.flush()

    def tree_temp(self, path):
        """The name of the temporary that replaces path, recorded before
        it is created."""
        with self.lock:
            self.count += 1
            count = self.count
        name = os.path.join(os.path.dirname(path), '.%s.physcheck-convert-%d-%d.tmp'
                            % (os.path.basename(path), os.getpid(), count))
        self.record('tmp', name)
        return name

    def close(self):
        self.journal.close()
        shutil.rmtree(self.path, ignore_errors=True)
        os.close(self.lock_fd)

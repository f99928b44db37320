# SPDX-License-Identifier: GPL-2.0
"""What both tools share: the one-line error, text helpers, inputs read
with a bound, and files written atomically."""

import argparse
import fcntl
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time


class UsageError(Exception):
    """Bad usage, a setup problem or a bad input: exit 2, one line."""


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


class Terminated(Exception):
    """SIGTERM arrived (stop_on_sigterm()): stop, and take the children."""


def stop_on_sigterm():
    """Make SIGTERM an exception, so that what is running unwinds: a
    command run by run_group() is stopped with its whole group."""
    def on_sigterm(signum, frame):
        raise Terminated()
    signal.signal(signal.SIGTERM, on_sigterm)


def stop_group(proc):
    """SIGTERM, then SIGKILL, to @proc's process group."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(proc.pid, sig)
        except (ProcessLookupError, PermissionError):
            break
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            continue
    try:
        os.killpg(proc.pid, signal.SIGKILL)     # make's jobs, if any are left
    except (ProcessLookupError, PermissionError):
        pass


def run_group(cmd, **kwargs):
    """subprocess.run() for a command that starts others (make and its
    jobs): it runs in a session of its own, and when this tool stops (^C,
    SIGTERM, any error) the whole group stops with it instead of running
    on, orphaned."""
    proc = subprocess.Popen(cmd, start_new_session=True, **kwargs)
    try:
        out, err = proc.communicate()
    except BaseException:
        stop_group(proc)
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def run_entry(main, prog, broken_pipe_status, interrupted=False):
    """main(argv)'s exit status, a UsageError as one line and 2.  A reader
    that went away (`| head`) gets nothing more on the closed pipe; with
    @interrupted, ^C is one line and 2 too, and SIGTERM (stop_on_sigterm())
    one line and 128 + 15."""
    try:
        return main(sys.argv[1:])
    except UsageError as e:
        sys.stderr.write('%s: error: %s\n' % (prog, e))
        return 2
    except Terminated:
        sys.stderr.write('%s: terminated\n' % prog)
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        if not interrupted:
            raise
        sys.stderr.write('%s: interrupted\n' % prog)
        return 2
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return broken_pipe_status


def encode(text):
    return text.encode('utf-8', 'surrogateescape')


def read_text(path):
    with open(path, 'rb') as f:
        return f.read().decode('utf-8', 'surrogateescape')


def cpu_count():
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):
        return os.cpu_count() or 1


class TooLarge(OSError):
    """An input longer than its bound (/dev/zero given as a file)."""


def read_bounded(path, limit, regular_only=False):
    """The bytes of path, at most limit of them, or TooLarge.

    The file is opened with O_NONBLOCK, so that a FIFO without a writer
    does not hang the open (its read then ends at once, empty), and
    fstat()ed before anything is read.  With regular_only, anything but a
    regular file (a FIFO, a device, a directory) raises OSError.  A pipe
    with a writer (--log <(make ...)) is read to its end as usual.
    """
    flags = (os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK |
             getattr(os, 'O_NOCTTY', 0))
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, 'Is a directory', path)
        if regular_only and not stat.S_ISREG(st.st_mode):
            raise OSError(0, 'not a regular file', path)
        # blocking reads from here on: a pipe's writer may be slow
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        chunks = []
        size = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise TooLarge(0, 'longer than %d MiB' % (limit >> 20), path)
        return b''.join(chunks)
    finally:
        os.close(fd)


def write_atomically(path, data, tmp_name=None, default_mode=0o644):
    """Replace path with data (bytes): a fresh temporary in the same
    directory, written, fsynced and renamed over path, so that a reader
    (or a crash) sees the old file or the new one, never a part.

    The temporary is created with O_EXCL (mkstemp, or tmp_name when the
    caller must know its name before it exists, see rundir): a name
    planted beforehand, a symlink included, makes it fail, and nothing is
    written through it.  The file keeps path's mode, or gets
    default_mode less the umask when path is new.
    """
    directory = os.path.dirname(path) or '.'
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = default_mode & ~umask
    if tmp_name is None:
        fd, tmp = tempfile.mkstemp(prefix='.' + os.path.basename(path) + '.',
                                   suffix='.tmp', dir=directory)
    else:
        tmp = tmp_name
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC |
                     getattr(os, 'O_NOFOLLOW', 0), 0o600)
    try:
        with os.fdopen(fd, 'wb') as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


class Progress:
    """One line on stderr, rewritten in place, while a long run works,
    when stderr is a terminal; nothing at all when it is not (a CI log).
    say() rewrites it (at most every tenth of a second but when forced);
    done() clears it."""

    def __init__(self, prog, stream=None):
        self.prog = prog
        self.stream = stream or sys.stderr
        try:
            self.on = self.stream.isatty()
        except (AttributeError, ValueError):
            self.on = False
        self.start = time.monotonic()
        self.last = None
        self.text = ''

    def elapsed(self):
        return time.monotonic() - self.start

    def say(self, text=None, force=True):
        if not self.on:
            return
        if text is not None:
            self.text = text
        now = time.monotonic()
        if not force and self.last is not None and now - self.last < 0.1:
            return
        self.last = now
        self.stream.write('\r%s: %s (%d s)\033[K' % (self.prog, self.text,
                                                     self.elapsed()))
        self.stream.flush()

    def done(self):
        if self.on and self.last is not None:
            self.stream.write('\r\033[K')
            self.stream.flush()

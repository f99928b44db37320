# SPDX-License-Identifier: GPL-2.0
"""The sparse that physcheck's client is compared with.

The client must print what sparse prints and end a run as sparse ends it,
so the comparison is with sparse built from the very source the client is
built on (the Makefile's SPARSE_REF), never with another version.
"""

import os


def sparse_binary(build):
    """Path of the reference sparse under the build directory build."""
    return os.path.join(build, 'sparse', 'src', 'sparse')


def sparse_source(build):
    """The unpacked sparse source the client and the reference are built from."""
    return os.path.join(build, 'sparse', 'src')


def sparse_version(build):
    """"sparse 0.6.5~rc1-2 sid", as the fetch recorded it, or None."""
    try:
        with open(os.path.join(build, 'sparse', 'VERSION'), encoding='utf-8') as f:
            return f.read().strip()
    except OSError:
        return None

# SPDX-License-Identifier: GPL-2.0
"""tests/sarif.py: the fetched schema is taken only with its pinned SHA-256."""

import io
import os
import tarfile
import tempfile

import sarif


def make_tarball(path, member, data):
    with tarfile.open(path, 'w:gz') as tar:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def tests(out, env):
    with tempfile.TemporaryDirectory(prefix='physcheck-sarif-') as tmp:
        forged = os.path.join(tmp, 'forged.tgz')
        make_tarball(forged, sarif.MEMBER, b'{"type": "object"}')
        try:
            sarif._schema_from_tarball(forged)
            why = 'a schema with another SHA-256 was taken'
        except sarif.FetchError as e:
            why = None if 'SHA-256' in str(e) else str(e)
        out.result(why is None, 'sarif: a schema whose SHA-256 is not the pinned one is refused',
                   why or '')
        empty = os.path.join(tmp, 'empty.tgz')
        make_tarball(empty, 'package/README.md', b'nothing\n')
        try:
            sarif._schema_from_tarball(empty)
            why = 'a package without the schema was taken'
        except sarif.FetchError as e:
            why = None if sarif.MEMBER in str(e) else str(e)
        out.result(why is None, 'sarif: a package without the schema file is refused', why or '')
        # the schema make check fetched passes the same check
        with open(sarif.SCHEMA, 'rb') as f:
            data = f.read()
        again = os.path.join(tmp, 'again.tgz')
        make_tarball(again, sarif.MEMBER, data)
        out.result(sarif._schema_from_tarball(again) == data,
                   'sarif: the fetched schema matches its pin')

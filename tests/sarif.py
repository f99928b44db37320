# SPDX-License-Identifier: GPL-2.0
"""Validating SARIF in tests, against the SARIF 2.1.0 JSON schema.

The schema is not kept in this repository: it is fetched once per build
(`make check` runs `python3 tests/sarif.py --fetch`) from the npm package
@microsoft/jest-sarif, which ships SARIF 2.1.0's schema as the
schemastore publishes it (lib/schemas/sarif-2.1.0-rtm.5.json), with npm's
own `npm pack` and checked against a pinned SHA-256, into build/sarif/.
The validator is the jsonschema module (Debian's python3-jsonschema,
`scripts/setup-deps tests`), run by the first python that has it.
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.environ.get('PHYSCHECK_BUILD') or os.path.join(HERE, '..', 'build')
SCHEMA = os.path.join(BUILD, 'sarif', 'sarif-schema-2.1.0.json')
NPM_PACKAGE = '@microsoft/jest-sarif@1.0.0-beta.0'
MEMBER = 'package/lib/schemas/sarif-2.1.0-rtm.5.json'
SHA256 = '2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8'

_CODE = '''import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
data = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
for e in cls(schema).iter_errors(data):
    print("%s: %s" % ("/".join(map(str, e.path)), e.message[:300]))
'''


class FetchError(Exception):
    pass


def _schema_from_tarball(tarball):
    with tarfile.open(tarball) as tar:
        try:
            data = tar.extractfile(MEMBER).read()
        except (KeyError, AttributeError):
            raise FetchError('%s has no %s' % (NPM_PACKAGE, MEMBER)) from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != SHA256:
        raise FetchError('%s: schema SHA-256 %s, want %s' % (NPM_PACKAGE, digest, SHA256))
    return data


def fetch():
    """Put the schema at SCHEMA, unless it is there already."""
    if os.path.exists(SCHEMA):
        return
    os.makedirs(os.path.dirname(SCHEMA), exist_ok=True)
    with tempfile.TemporaryDirectory(dir=os.path.dirname(SCHEMA)) as tmp:
        # A cache of its own: npm must not write into the user's home.
        # The pinned SHA-256 is what makes the schema trusted, not TLS: a
        # CI machine behind an intercepting proxy may lack its CA in the
        # store node reads, and one member of the tarball is read, never
        # unpacked or run.
        cmd = ['npm', 'pack', '--loglevel=error', '--strict-ssl=false',
               '--cache', os.path.join(tmp, 'cache'), '--pack-destination', tmp,
               NPM_PACKAGE]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
        except FileNotFoundError:
            raise FetchError('npm not found: run scripts/setup-deps tests') from None
        tarballs = [f for f in os.listdir(tmp) if f.endswith('.tgz')]
        if proc.returncode or len(tarballs) != 1:
            raise FetchError('npm pack %s failed: %s' % (NPM_PACKAGE, proc.stderr.strip()[-300:]))
        data = _schema_from_tarball(os.path.join(tmp, tarballs[0]))
        with open(SCHEMA + '.new', 'wb') as f:
            f.write(data)
        os.replace(SCHEMA + '.new', SCHEMA)


def validate(path):
    """The schema's complaints about the SARIF file at path ([] if none)."""
    if not os.path.exists(SCHEMA):
        return ['no SARIF schema at %s: run python3 tests/sarif.py --fetch '
                '(make check does)' % SCHEMA]
    for python in (sys.executable, '/usr/bin/python3'):
        if not os.path.exists(python):
            continue
        proc = subprocess.run([python, '-c', _CODE, SCHEMA, path], capture_output=True,
                              text=True, timeout=300)
        if 'ModuleNotFoundError' in proc.stderr:
            continue
        if proc.returncode:
            return ['validator failed: ' + proc.stderr[-500:]]
        return proc.stdout.splitlines()
    return ['no python with jsonschema: install python3-jsonschema (scripts/setup-deps tests)']


def main():
    parser = argparse.ArgumentParser(description='Fetch the SARIF 2.1.0 schema the tests use.')
    parser.add_argument('--fetch', action='store_true', help='fetch it into build/sarif/')
    args = parser.parse_args()
    if not args.fetch:
        parser.error('nothing to do: give --fetch')
    try:
        fetch()
    except (FetchError, OSError, subprocess.SubprocessError) as e:
        print('physcheck: cannot fetch the SARIF schema: %s' % e, file=sys.stderr)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main())

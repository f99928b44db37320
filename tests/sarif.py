# SPDX-License-Identifier: GPL-2.0
"""Validating SARIF in tests, against the SARIF 2.1.0 JSON schema.

sarif-schema-2.1.0.json beside this file is the schema that the npm
package @microsoft/jest-sarif 1.0.0-beta.0 ships as
lib/schemas/sarif-2.1.0-rtm.5.json (MIT): SARIF 2.1.0's schema as the
schemastore publishes it.  The validator is the jsonschema module
(Debian's python3-jsonschema, which `make deps` installs), run by the
first python that has it.
"""

import os
import subprocess
import sys

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sarif-schema-2.1.0.json')

_CODE = '''import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
data = json.load(open(sys.argv[2]))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
for e in cls(schema).iter_errors(data):
    print("%s: %s" % ("/".join(map(str, e.path)), e.message[:300]))
'''


def validate(path):
    """The schema's complaints about the SARIF file at path ([] if none)."""
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
    return ['no python with jsonschema: install python3-jsonschema (make deps)']

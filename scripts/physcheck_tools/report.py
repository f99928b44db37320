# SPDX-License-Identifier: GPL-2.0
"""The gate's output: 0-day style text, JSON and SARIF 2.1.0."""

import hashlib
import json
import os
import re
import subprocess

from . import common, paths
from .gatelog import TOOLS

PROG = 'physcheck-gate'
# the schema's identity as the standard publishes it (OASIS, errata 01)
SARIF_SCHEMA_URI = ('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/'
                    'schemas/sarif-schema-2.1.0.json')

def check_registry(checker=None):
    """{name: (help, explain)} of the checks physcheck registers, from its
    own `--list-checks --json`: the gate keeps no copy of their words."""
    checker = checker or paths.CHECKER
    try:
        out = subprocess.run([checker, '--list-checks', '--json'], check=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True).stdout
        checks = json.loads(out)['checks']
    except (OSError, subprocess.CalledProcessError, ValueError, KeyError) as e:
        raise common.UsageError('cannot list the checks with %s --list-checks --json: %s'
                           % (checker, e))
    return {c['name']: (c['help'], c['explain']) for c in checks}


def sentence(text):
    return text[:1].upper() + text[1:].rstrip('.') + '.'


def rule_help(check, registry):
    """(short, full) help of a check (the registry's) or of a conversion
    rule (its .cocci file's /// lines)."""
    if check in registry:
        short, full = registry[check]
        return sentence(short), full
    if not check.startswith('convert-'):
        raise common.UsageError('%s: not a check physcheck registers (%s) nor a conversion rule'
                           % (check, ', '.join(sorted(registry))))
    rule = check[len('convert-'):]
    lines = []
    try:
        with open(os.path.join(paths.COCCI, rule + '.cocci'), encoding='utf-8') as f:
            for line in f:
                if line.startswith('///'):
                    lines.append(line[3:].strip())
    except OSError:
        pass
    text = ' '.join(' '.join(lines).split())
    short = text.split('. ')[0].rstrip('.') + '.' if text else 'Conversion rule %s.' % rule
    return short, text or short


def text_finding(f, prefix):
    word = TOOLS[f.tool][1]
    out = ['%s%s:%d:%d: %s: %s [%s]'
           % (prefix, f.file, f.line, f.col, word, f.message, f.check)]
    for nf, nl, nc, nm in f.notes:
        out.append('   %s:%d:%d: note: %s' % (nf, nl, nc, nm))
    return out


def fixed_line(key, count):
    tool, file, function, check, message = key
    return '%s%s: %s: %s [%s]%s' % (
        file, ' (%s)' % function if function else '', TOOLS.get(tool, (tool, tool))[1],
        message, check, ' (x%d)' % count if count > 1 else '')


def write_text(out, new, fixed, unchanged, incomplete, show_all, against):
    if new:
        out.write('physcheck findings (new ones prefixed by >>)%s:\n'
                  % (' against %s' % against if against else ''))
        shown = sorted(new + (unchanged if show_all else []),
                       key=lambda f: (f.file, f.line, f.col))
        newset = set(id(f) for f in new)
        for f in shown:
            for line in text_finding(f, '>> ' if id(f) in newset else '   '):
                out.write(line + '\n')
    elif show_all and unchanged:
        for f in unchanged:
            for line in text_finding(f, '   '):
                out.write(line + '\n')
    for key, count in fixed:
        out.write('fixed: %s\n' % fixed_line(key, count))
    for item in incomplete:
        out.write('not fully analysed: %s: %s\n' % (item['file'], item['message']))
    out.write('%s: %d new, %d fixed, %d unchanged\n'
              % (PROG, len(new), sum(n for _, n in fixed), len(unchanged)))


def fingerprint(key):
    return hashlib.sha256('\0'.join(key).encode('utf-8', 'surrogateescape')).hexdigest()[:32]


def sarif_location(file, line, col, message=None, function=None):
    loc = {'physicalLocation': {
        'artifactLocation': {'uri': uri(file), 'uriBaseId': 'SRCROOT'},
        # SARIF wants both from 1; a log may say 0
        'region': {'startLine': max(line, 1), 'startColumn': max(col, 1)}}}
    if message:
        loc['message'] = {'text': message}
    if function:
        loc['logicalLocations'] = [{'name': function, 'kind': 'function'}]
    return loc


def uri(path):
    return '/'.join(quote_part(p) for p in path.split(os.sep))


def quote_part(part):
    return re.sub(r'[^A-Za-z0-9._~!$&\'()*+,;=:@-]',
                  lambda m: ''.join('%%%02X' % b for b in m.group().encode()), part)


def code_flow(f):
    """Source to sink: the notes that say where the value comes from, the
    finding's own place, then the notes that follow it into callees."""
    sources = [n for n in f.notes if n[3].startswith('it comes from')]
    rest = [n for n in f.notes if not n[3].startswith('it comes from')]
    steps = [sarif_location(*n) for n in sources]
    steps.append(sarif_location(f.file, f.line, f.col, f.message, f.function))
    steps += [sarif_location(*n) for n in rest]
    return {'threadFlows': [{'locations': [{'location': s} for s in steps]}]}


def write_sarif(path, root, tools_run, results):
    """results: [(finding, 'new' | 'unchanged')]."""
    runs = []
    for tool in sorted(tools_run):
        mine = [(f, state) for f, state in results if f.tool == tool]
        checks = sorted({f.check for f, _ in mine})
        rules = []
        registry = check_registry() if any(c.startswith('phys-') for c in checks) else {}
        for check in checks:
            short, full = rule_help(check, registry)
            rules.append({'id': check, 'name': check,
                          'shortDescription': {'text': short},
                          'fullDescription': {'text': full},
                          'help': {'text': full},
                          'defaultConfiguration': {'level': 'warning'}})
        out = []
        for f, state in mine:
            result = {'ruleId': f.check, 'ruleIndex': checks.index(f.check),
                      'level': 'warning', 'message': {'text': f.message},
                      'locations': [sarif_location(f.file, f.line, f.col,
                                                   function=f.function)],
                      'partialFingerprints': {'physcheckGateKey/v1': fingerprint(f.key())},
                      'baselineState': state}
            if f.notes:
                result['codeFlows'] = [code_flow(f)]
                result['relatedLocations'] = [
                    dict(sarif_location(*n), id=i + 1) for i, n in enumerate(f.notes)]
            out.append(result)
        runs.append({
            'tool': {'driver': {'name': TOOLS[tool][0], 'rules': rules}},
            'originalUriBaseIds': {'SRCROOT': {'uri': 'file://' + uri(os.path.abspath(root))
                                               .rstrip('/') + '/'}},
            'columnKind': 'utf16CodeUnits',
            'results': out})
    data = {'$schema': SARIF_SCHEMA_URI, 'version': '2.1.0', 'runs': runs}
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f, indent=1)
        f.write('\n')


def write_json(path, new, fixed, unchanged, incomplete, unchecked, scope, status):
    data = {'status': status,
            'new': [f.as_json() for f in new],
            'fixed': [{'tool': k[0], 'file': k[1], 'function': k[2], 'check': k[3],
                       'message': k[4], 'count': n} for k, n in fixed],
            'unchanged': [f.as_json() for f in unchanged],
            'incomplete': incomplete,
            'unchecked': unchecked,
            'checked': ([{'tool': t, 'file': f} for t, f in sorted(scope)]
                        if scope is not None else None),
            'summary': {'new': len(new), 'fixed': sum(n for _, n in fixed),
                        'unchanged': len(unchanged)}}
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write('\n')

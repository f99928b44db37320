#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A bounded fuzzer for physcheck-gate's two readers of untrusted input:
the log reader (gatelog.parse_log, then the enclosing-function lexer and
the text report) and the baseline reader (baseline.load).

Standard library only (atheris is not available): inputs are the seed
corpus (tests/fuzz/corpus/gate-log/, tests/fuzz/corpus/gate-baseline/)
and mutations of it (bit flips, byte and chunk edits, splices, tokens of
the formats, deep nesting), plus random bytes.  The only exception an
input may raise is the documented input error, UsageError (exit 2, one
line); any other exception, or an input that takes longer than
--hang-seconds, is a finding: it is written under --artifacts and the
fuzzer exits 1.  A log is read against a source root that holds what a
hostile log names: a FIFO with no writer, a symlink to /dev/zero, names
with ':' and digits and with a newline.

  fuzz_gate_inputs.py --replay           # the corpus only, a few seconds
  fuzz_gate_inputs.py --seconds 600      # fuzz for ten minutes
  fuzz_gate_inputs.py --build-corpus     # (re)write the seeds from the repo's tests

Exit status: 0 nothing found, 1 a finding, 2 bad usage.
"""

import argparse
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, '..', '..'))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(ROOT, 'scripts'))
from physcheck_tools import baseline, gatelog, report  # noqa: E402
from physcheck_tools.clex import Sources  # noqa: E402
from physcheck_tools.common import UsageError  # noqa: E402

CORPUS = os.path.join(HERE, 'corpus')
TARGETS = ('gate-log', 'gate-baseline')
TOKENS = {
    'gate-log': [b': warning: ', b': note: ', b' [-Wphys-mmio]', b' [-Wphys-incomplete]',
                 b' [-Wphys-kmap]', b'\n', b'\r\n', b':1:2', b':0:0', b':99999999999:1',
                 b'  CHECK   ', b'    5 | ', b'In file included from ', b': In function ',
                 b'-7: WARNING: ', b'colon:1:2.c', b'nl\nname.c', b'fifo.c', b'zero.c',
                 b'src.c', b'/dev/zero', b'../', b'{', b'}', b'\x00', b'\xff', b'\t',
                 b':' + b'9' * 5000 + b':', b'\x0c', b'\x0b', b'\x1c', b'\u2028'.decode(
                     'unicode_escape').encode(),
                 b'it comes from ', b'%s', b'\\'],
    'gate-baseline': [b'{', b'}', b'[', b']', b'"version": 1', b'"version": true',
                      b'"findings"', b'"count": -1', b'"count": 1e400', b'"count": 0',
                      b'NaN', b'Infinity', b'null', b'"tool"', b'"file"', b'"function"',
                      b'"check"', b'"message"', b'\\ud800', b'\\u0000', b',', b':',
                      b'9' * 5000, b'"\xff"', b'[' * 100000, b'{"a":' * 50000],
}

# a finding's whole path through the gate, for the seeds
SEED_SOURCE = b'''static void *peek(struct pci_dev *pdev)
{
\treturn phys_to_virt(pci_resource_start(pdev, 0));
}
'''


def make_root(base):
    """The source root a fuzzed log is read against."""
    root = os.path.join(base, 'root')
    os.makedirs(root)
    for name in ('src.c', 'colon:1:2.c', 'nl\nname.c'):
        with open(os.path.join(root, name), 'wb') as f:
            f.write(SEED_SOURCE)
    os.mkfifo(os.path.join(root, 'fifo.c'))
    os.symlink('/dev/zero', os.path.join(root, 'zero.c'))
    return root


def run_log(data, root):
    text = data.decode('utf-8', 'replace')
    for tool in (None, 'checker', 'plugin', 'convert'):
        findings, incomplete, _ = gatelog.parse_log(text, tool, root)
        findings = gatelog.finish(findings, Sources(root))
        new, fixed, unchanged = baseline.compare(findings, {}, None)
        report.write_text(io.StringIO(), new, fixed, unchanged, incomplete, True, None)
        for f in findings:
            json.dumps(f.as_json())
            report.code_flow(f)


def run_baseline(data, work):
    path = os.path.join(work, 'baseline.json')
    with open(path, 'wb') as f:
        f.write(data)
    try:
        counts = baseline.load(path)
    except UsageError as e:
        if '\n' in str(e):
            raise AssertionError('a UsageError of more than one line: %r' % str(e)[:200])
        return
    # what was read is written back the same way
    again = baseline.from_json(path, json.loads(baseline.dumps(counts)))
    if again != counts:
        raise AssertionError('the baseline does not read back as written')


class Hang(Exception):
    pass


def on_alarm(signum, frame):
    raise Hang('took longer than the hang limit')


def execute(target, data, ctx):
    """None, or the text of a finding."""
    signal.setitimer(signal.ITIMER_REAL, ctx['hang'])
    try:
        if target == 'gate-log':
            run_log(data, ctx['root'])
        else:
            run_baseline(data, ctx['work'])
    except UsageError:
        pass
    except (Exception, Hang) as e:      # noqa: B902 - every other exception is a finding
        import traceback
        return ''.join(traceback.format_exception(type(e), e, e.__traceback__))[-3000:]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return None


def mutate(rng, data, corpus, tokens):
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(10)
        pos = rng.randint(0, len(data))
        if op == 0 and data:
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            data[pos:pos] = bytes([rng.randrange(256)])
        elif op == 2 and data:
            del data[pos:pos + rng.randint(1, 16)]
        elif op == 3:
            data[pos:pos] = rng.choice(tokens)
        elif op == 4 and data:
            a = rng.randrange(len(data))
            chunk = data[a:a + rng.randint(1, 64)]
            data[pos:pos] = chunk * rng.randint(1, 8)
        elif op == 5 and corpus:
            other = rng.choice(corpus)
            if other:
                a = rng.randrange(len(other))
                data[pos:] = other[a:]
        elif op == 6 and data:
            i = rng.randrange(len(data))
            data[i] = rng.choice(b'0123456789:\n -[]{}"')
        elif op == 7:
            depth = rng.choice((10, 1000, 100000))
            data[pos:pos] = rng.choice((b'[', b'{"x":', b'(', b'{')) * depth
        elif op == 8 and data:
            lines = bytes(data).split(b'\n')
            rng.shuffle(lines)
            data = bytearray(b'\n'.join(lines))
        elif op == 9:
            # a number (a line, a column, a count) made huge, zero or negative
            runs = list(re.finditer(rb'\d+', bytes(data)))
            if runs:
                m = rng.choice(runs)
                data[m.start():m.end()] = rng.choice(
                    (b'0', b'-1', b'9' * rng.choice((10, 20, 4301, 6000)), b'1e999'))
    return bytes(data)


def load_corpus(target):
    directory = os.path.join(CORPUS, target)
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    out = []
    for name in names:
        with open(os.path.join(directory, name), 'rb') as f:
            out.append((name, f.read()))
    return out


def save(directory, target, data, finding):
    os.makedirs(directory, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()[:16]
    path = os.path.join(directory, '%s-%s' % (target, digest))
    with open(path, 'wb') as f:
        f.write(data)
    with open(path + '.txt', 'w', encoding='utf-8') as f:
        f.write(finding)
    return path


def build_corpus():
    """Seeds from the repo's own test inputs: the logs of the scripts
    tier's gate tests, the examples' baseline, and baselines that go to
    the edges of what the reader takes."""
    sys.path.insert(0, os.path.join(ROOT, 'tests', 'scripts'))
    sys.path.insert(0, os.path.join(ROOT, 'tests'))
    import test_gate
    seeds = {'gate-log': {}, 'gate-baseline': {}}
    for name in dir(test_gate):
        value = getattr(test_gate, name)
        if name.endswith('_LOG') and isinstance(value, str):
            try:
                value = value % {'mmio': test_gate.MMIO, 'kmap': test_gate.KMAP,
                                 'incomplete': test_gate.INCOMPLETE}
            except (KeyError, TypeError, ValueError):
                pass
            seeds['gate-log'][name.lower() + '.log'] = value.encode()
    seeds['gate-log']['odd-names.log'] = (
        'colon:1:2.c:3:9: warning: MMIO phys reaches phys_to_virt(): x [-Wphys-mmio]\n'
        'nl\nname.c:3:9: warning: MMIO phys reaches phys_to_virt(): x [-Wphys-mmio]\n'
        'src.c:3:9: note: it comes from pci_dev.resource.start, which is MMIO\n'
        'fifo.c:1:1: warning: m [-Wphys-kmap]\nzero.c:1:1: warning: m [-Wphys-kmap]\n'
        'src.c:3:9-20: WARNING: use dma_map_phys() instead of dma_map_page()\n').encode()
    with open(os.path.join(ROOT, 'examples', 'physcheck-gate-baseline.json'), 'rb') as f:
        seeds['gate-baseline']['examples.json'] = f.read()
    seeds['gate-baseline']['empty.json'] = b'{"version": 1, "findings": []}\n'
    seeds['gate-baseline']['counts.json'] = baseline.dumps(
        {('checker', 'a.c', 'f', 'phys-mmio', 'm'): 3,
         ('convert', 'colon:1:2.c', '', 'convert-dma_map_page', 'n'): 1}).encode()
    for target, files in seeds.items():
        directory = os.path.join(CORPUS, target)
        os.makedirs(directory, exist_ok=True)
        for name, data in files.items():
            with open(os.path.join(directory, name), 'wb') as f:
                f.write(data)
        print('%s: %d seeds in %s' % (target, len(files), os.path.relpath(directory, ROOT)))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--seconds', type=float, default=60.0,
                        help='how long to fuzz (default: 60)')
    parser.add_argument('--replay', action='store_true',
                        help='run the corpus only, unmutated')
    parser.add_argument('--build-corpus', action='store_true',
                        help="write the seed corpus from the repo's test inputs")
    parser.add_argument('--target', choices=TARGETS, action='append',
                        help='fuzz this reader only (default: both)')
    parser.add_argument('--seed', type=int, help='random seed (default: from the clock)')
    parser.add_argument('--hang-seconds', type=float, default=20.0,
                        help='an input that takes longer is a finding (default: 20)')
    parser.add_argument('--memory-mb', type=int, default=2048,
                        help='address space limit, so that unbounded reads show '
                        '(default: 2048; 0: none)')
    parser.add_argument('--artifacts', default=os.path.join(ROOT, 'build', 'fuzz'),
                        help='where findings are written (default: build/fuzz)')
    args = parser.parse_args()
    if args.build_corpus:
        build_corpus()
        return 0
    if args.memory_mb:
        limit = args.memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, on_alarm)
    seed = args.seed if args.seed is not None else int(time.time())
    rng = random.Random(seed)
    targets = args.target or list(TARGETS)
    work = tempfile.mkdtemp(prefix='physcheck-fuzz-')
    try:
        ctx = {'root': make_root(work), 'work': work, 'hang': args.hang_seconds}
        return fuzz(args, rng, seed, targets, ctx)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fuzz(args, rng, seed, targets, ctx):
    found = 0
    execs = {t: 0 for t in targets}
    corpora = {t: load_corpus(t) for t in targets}
    for target in targets:
        if not corpora[target]:
            print('fuzz: %s: no corpus in %s' % (target, os.path.join(CORPUS, target)))
            return 2
        for name, data in corpora[target]:
            finding = execute(target, data, ctx)
            execs[target] += 1
            if finding:
                found += 1
                print('fuzz: %s: corpus file %s: %s' % (target, name, finding))
    if not args.replay:
        deadline = time.monotonic() + args.seconds
        datas = {t: [d for _, d in corpora[t]] for t in targets}
        while time.monotonic() < deadline:
            target = rng.choice(targets)
            if rng.random() < 0.05:
                data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 512)))
            else:
                data = mutate(rng, rng.choice(datas[target]), datas[target],
                              TOKENS[target])
            finding = execute(target, data, ctx)
            execs[target] += 1
            if finding:
                found += 1
                path = save(args.artifacts, target, data, finding)
                print('fuzz: %s: finding, input saved as %s\n%s' % (target, path, finding))
                if found >= 20:
                    break
    print('fuzz: seed %d, %s, %d finding%s' % (
        seed, ', '.join('%s %d executions' % (t, n) for t, n in execs.items()),
        found, '' if found == 1 else 's'))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())

# SPDX-License-Identifier: GPL-2.0
"""physcheck-convert --series: the conversion as a patch series, one
patch per MAINTAINERS area, on a small git tree with a MAINTAINERS file
and some history; and the progress line of physcheck-convert and
physcheck-db build on a terminal (a pty), absent off one.

The tree's areas, and why each file lands where it does:

- drivers/dma/fast/a.c, b.c: DMA FAST DRIVER (F: drivers/dma/fast/), more
  specific than DMA ENGINE's drivers/dma/; their history names the prefix
  "dmafast";
- drivers/dma/slow.c: DMA ENGINE; drivers/dma/fast/legacy.c too, since
  DMA FAST DRIVER excludes it (X:);
- net/core/page_pool.c: NETWORKING, prefix from the path "net: page_pool";
- drivers/soc/vendorx.c: SOC VENDORX, through its N: regex only;
- lib/orphan.c: no entry but THE REST's catch-all: the "remaining" patch,
  addressed to THE REST.
"""

import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile

from script_run import ScriptRun, run_script
from test_convert import CONV_C, CONV_EXPECTED, write_tree

MAINTAINERS = '''List of maintainers
===================

	M: *Mail* patches to: FullName <address@domain>
	F: *Files* and directories wildcard patterns

DMA ENGINE
M:	DMA Maintainer <dma-maint@example.org>
R:	DMA Reviewer <dma-review@example.org>
L:	dma-list@example.org
S:	Maintained
F:	drivers/dma/

DMA FAST DRIVER
M:	Fast Maintainer <fast-maint@example.org>
L:	fast-list@example.org (moderated for non-subscribers)
S:	Supported
F:	drivers/dma/fast/
X:	drivers/dma/fast/legacy.c

NETWORKING
M:	Net Maintainer <net-maint@example.org>
L:	net-list@example.org
S:	Maintained
F:	net/
F:	include/net/

SOC VENDORX
M:	Soc Maintainer <soc-maint@example.org>
S:	Maintained
N:	vendorx

THE REST
M:	Top Maintainer <top-maint@example.org>
L:	top-list@example.org
S:	Buried alive in reporters
F:	*
F:	*/
'''

# a comment names an API: a site left, with its reason
COMMENTED_C = CONV_C.replace('#include <linux/dma-mapping.h>\n',
                             '#include <linux/dma-mapping.h>\n/* was dma_map_page() */\n')
FILES = {
    'MAINTAINERS': MAINTAINERS,
    'drivers/dma/fast/a.c': CONV_C,
    'drivers/dma/fast/b.c': CONV_C.replace('map_one', 'map_b'),
    'drivers/dma/fast/legacy.c': CONV_C.replace('map_one', 'map_legacy'),
    'drivers/dma/slow.c': COMMENTED_C,
    'net/core/page_pool.c': CONV_C.replace('map_one', 'pp_map'),
    'drivers/soc/vendorx.c': CONV_C.replace('map_one', 'vx_map'),
    'lib/orphan.c': CONV_C.replace('map_one', 'orphan_map'),
    'lib/nothing.c': 'int nothing;\n',
}
# file: (area, subject prefix)
AREAS = {
    'drivers/dma/fast/a.c': 'DMA FAST DRIVER',
    'drivers/dma/fast/b.c': 'DMA FAST DRIVER',
    'drivers/dma/fast/legacy.c': 'DMA ENGINE',
    'drivers/dma/slow.c': 'DMA ENGINE',
    'net/core/page_pool.c': 'NETWORKING',
    'drivers/soc/vendorx.c': 'SOC VENDORX',
    'lib/orphan.c': 'remaining',
}
# (area, subject, To, Cc) in the series' order: areas by name, remaining last
SUBJECT_TAIL = 'convert to dma_map_phys() and dma_unmap_phys()'
PATCHES = [
    ('DMA ENGINE', 'dma: ' + SUBJECT_TAIL, ['DMA Maintainer <dma-maint@example.org>'],
     ['DMA Reviewer <dma-review@example.org>', 'dma-list@example.org']),
    ('DMA FAST DRIVER', 'dmafast: ' + SUBJECT_TAIL,
     ['Fast Maintainer <fast-maint@example.org>'], ['fast-list@example.org']),
    ('NETWORKING', 'net: page_pool: ' + SUBJECT_TAIL,
     ['Net Maintainer <net-maint@example.org>'], ['net-list@example.org']),
    ('SOC VENDORX', 'soc: vendorx: ' + SUBJECT_TAIL,
     ['Soc Maintainer <soc-maint@example.org>'], []),
    ('remaining', 'lib: orphan: ' + SUBJECT_TAIL,
     ['Top Maintainer <top-maint@example.org>'], ['top-list@example.org']),
]
SITES_PER_FILE = 3
IDENT = {'GIT_AUTHOR_NAME': 'Series Author', 'GIT_AUTHOR_EMAIL': 'series-author@example.org',
         'GIT_COMMITTER_NAME': 'Series Author',
         'GIT_COMMITTER_EMAIL': 'series-author@example.org',
         'GIT_AUTHOR_DATE': '1700000000 +0000', 'GIT_COMMITTER_DATE': '1700000000 +0000'}
PROGRESS_RE = re.compile(r'\r(physcheck-convert: (\d+)/(\d+) files, (\d+) sites? converted '
                         r'\(\d+ s\))\x1b\[K')


def git(tree, *args, env=None):
    return subprocess.run(['git', '-C', tree, '-c', 'init.defaultBranch=main'] + list(args),
                          capture_output=True, text=True, env=env)


def git_env(extra=None):
    env = dict(os.environ, **IDENT)
    # the tests' own identity, whatever the machine's git config says
    env['GIT_CONFIG_GLOBAL'] = os.devnull
    env['GIT_CONFIG_NOSYSTEM'] = '1'
    env.update(extra or {})
    return env


def make_tree(tmp):
    tree = os.path.join(tmp, 'kernel')
    env = git_env()
    write_tree(tree, {'drivers/dma/fast/a.c': 'int a;\n', 'README': 'a tree\n'})
    git(tree, 'init', '-q', env=env)
    git(tree, 'add', '.', env=env)
    git(tree, 'commit', '-q', '-m', 'dmafast: add the driver', env=env)
    write_tree(tree, {'drivers/dma/fast/a.c': 'int a, b;\n'})
    git(tree, 'commit', '-q', '-am', 'dmafast: one more variable', env=env)
    write_tree(tree, {'drivers/dma/fast/a.c': 'int a, c;\n'})
    git(tree, 'commit', '-q', '-am', 'treewide: rename b to c', env=env)
    write_tree(tree, FILES)
    git(tree, 'add', '.', env=env)
    proc = git(tree, 'commit', '-q', '-m', 'Import the drivers', env=env)
    if proc.returncode:
        raise RuntimeError('git commit: %s' % proc.stderr)
    return tree


def convert(script, args, cwd, env=None):
    return ScriptRun(run_script(script, args, cwd, env or git_env()))


def read_patches(directory):
    names = sorted(os.listdir(directory))
    texts = {}
    for name in names:
        with open(os.path.join(directory, name), encoding='utf-8') as f:
            texts[name] = f.read()
    return names, texts


def header(text, name):
    """A mail header's value, its continuation lines joined."""
    m = re.search(r'^%s: (.*(?:\n[ \t].*)*)' % name, text.split('\n\n', 1)[0], re.M)
    return ' '.join(m.group(1).split()) if m else None


def addresses(text, name):
    value = header(text, name)
    return [a.strip() for a in value.split(',')] if value else []


def files_of(text):
    return re.findall(r'^diff --git a/(\S+) b/', text, re.M)


def test_plan(out, script, tree):
    r = convert(script, ['--series', 'series-dry', '--dry-run'], tree)
    plan = {}
    area = None
    for line in r.out.splitlines():
        m = re.match(r'^\s+area: (.*?); ', line)
        if m:
            area = m.group(1)
            continue
        m = re.match(r'^\s+(\S+\.c) \(\d+ sites?\)$', line)
        if m:
            plan[m.group(1)] = area
    ok = (r.status == 0 and plan == AREAS and
          not os.path.exists(os.path.join(tree, 'series-dry')) and
          r.out.splitlines()[-1].startswith('5 patches, 21 sites converted in 7 files, 1 left'))
    out.result(ok, 'series: --dry-run prints the plan (the area of each file: most specific '
               'F: wins, X: excludes, N: matches, no entry goes to "remaining") and writes '
               'nothing', 'got %s\n%s' % (plan, r.details()))
    r = convert(script, ['--series', 'series-dry', '--dry-run', '--only', 'dma fast driver',
                         '--only', 'remaining'], tree)
    files = re.findall(r'^\s+(\S+\.c) \(', r.out, re.M)
    out.result(r.status == 0 and files == ['drivers/dma/fast/a.c', 'drivers/dma/fast/b.c',
                                           'lib/orphan.c'] and
               sorted(set(re.findall(r'^(\S+\.c):\d+: ', r.err, re.M))) ==
               ['drivers/dma/fast/a.c', 'drivers/dma/fast/b.c', 'lib/orphan.c'],
               'series: --only AREA (a title in any case, or "remaining") keeps those areas, '
               'and only their files are converted', r.details())


def test_series(out, script, tree, tmp):
    r = convert(script, ['--series', 'out'], tree)
    directory = os.path.join(tree, 'out')
    names, texts = read_patches(directory) if os.path.isdir(directory) else ([], {})
    ok = (r.status == 0 and len(names) == len(PATCHES) + 1 and
          names[0] == '0000-cover-letter.patch' and
          r.out.splitlines() == [os.path.join('out', n) for n in names] and
          all(re.match(r'^%04d-[\w.-]+\.patch$' % i, n) for i, n in enumerate(names)))
    out.result(ok, 'series: a cover letter and one patch per area, named as git '
               'format-patch names them, listed on stdout', '%s\n%s' % (names, r.details()))
    if not ok:
        return
    patches = [texts[n] for n in names[1:]]
    got = [(header(t, 'Subject'), addresses(t, 'To'), addresses(t, 'Cc')) for t in patches]
    want = [('[PATCH %d/%d] %s' % (i, len(PATCHES), subject), to, cc)
            for i, (_, subject, to, cc) in enumerate(PATCHES, 1)]
    out.result(got == want, 'series: subjects take the prefix of the files\' history '
               '("dmafast:", not "treewide:") or their path ("net: page_pool:"); To: is '
               'M:, Cc: R: and L:; the remaining patch goes to THE REST',
               'got  %s\nwant %s' % (got, want))
    want_files = [sorted(f for f, a in AREAS.items() if a == area) for area, *_ in PATCHES]
    out.result([files_of(t) for t in patches] == want_files,
               'series: each patch holds its area\'s files',
               '%s' % [files_of(t) for t in patches])
    out.result(not any('Signed-off-by:' in t for t in texts.values()) and
               all(header(t, 'From') == 'Series Author <series-author@example.org>'
                   for t in texts.values()),
               'series: no Signed-off-by without --signoff; From: is git\'s author', '')
    body = patches[0].split('\n\n', 1)[1]
    out.result('dma_map_phys()' in body and '6.18' in body and 'DMA_ATTR_MMIO' in body and
               'Left as they are: 1 in comment.' in body and
               all(len(line) <= 75 for line in body.split('\n---\n')[0].splitlines()),
               'series: the message says what changed and why (6.18, DMA_ATTR_MMIO for the '
               'resource), what was left, in lines of 75 columns at most', body[:3000])

    cover = texts['0000-cover-letter.patch']
    rows = re.findall(r'^\s+(\d+)/(\d+)\s+(\d+) sites?\s+(\d+) files?\s+(.*) \((.*)\)$',
                      cover, re.M)
    total = re.search(r'^\s+total\s+(\d+) sites\s+(\d+) files$', cover, re.M)
    per_patch = [len(files_of(t)) * SITES_PER_FILE for t in patches]
    summary = re.search(r'(\d+) converted, (\d+) left', r.err.splitlines()[-1])
    ok = (len(rows) == len(PATCHES) and total is not None and summary is not None and
          [int(row[2]) for row in rows] == per_patch and
          int(total.group(1)) == sum(per_patch) == int(summary.group(1)) and
          [row[5] for row in rows] == [p[0] for p in PATCHES] and
          'drivers/dma/slow.c:2: dma_map_page: comment' in cover and
          'base-commit: ' in cover and 'physcheck-convert --series out' in cover)
    out.result(ok, 'series: the cover letter\'s sites per patch are each patch\'s, and sum to '
               'the total the account converted; it lists the site left and its reason, '
               'the base and the command', cover)

    clone = os.path.join(tmp, 'clone')
    proc = subprocess.run(['git', 'clone', '-q', tree, clone], capture_output=True, text=True)
    env = git_env()
    applied = []
    for name in names[1:]:
        am = git(clone, 'am', '-q', os.path.join(directory, name), env=env)
        applied.append(am.returncode)
    log = git(clone, 'log', '--format=%s', '-n', str(len(PATCHES)), env=env).stdout
    texts_ok = True
    for rel in AREAS:
        with open(os.path.join(clone, rel), encoding='utf-8') as f:
            text = f.read()
        texts_ok = (texts_ok and text.count('dma_map_phys(') == 1 and
                    text.count('DMA_ATTR_MMIO') == 1 and
                    not re.search(r'dma_unmap_(page|resource)\(', text))
    out.result(proc.returncode == 0 and applied == [0] * len(PATCHES) and texts_ok and
               log.splitlines() == [p[1] for p in reversed(PATCHES)],
               'series: every patch applies with git am, in order, on a fresh clone; the '
               'commits carry the subjects', 'am: %s\n%s%s' % (applied, proc.stderr, log))
    with open(os.path.join(clone, 'drivers/dma/fast/a.c'), encoding='utf-8') as f:
        out.result(f.read() == CONV_EXPECTED,
                   'series: a file applied from the series is the converted text', '')


def test_cut(out, script, tree):
    r = convert(script, ['--series', 'cut', '--max-files', '2'], tree)
    names, texts = read_patches(os.path.join(tree, 'cut')) if r.status == 0 else ([], {})
    files = [f for n in names[1:] for f in files_of(texts[n])]
    cover = texts.get('0000-cover-letter.patch', '')
    out.result(r.status == 0 and files == ['drivers/dma/fast/legacy.c', 'drivers/dma/slow.c']
               and len(names) == 2 and 'Left out by --max-files' in cover and
               'lib/orphan.c' in cover and '[PATCH 1/1]' in texts[names[1]],
               'series: --max-files N keeps the first N files of the series, and the cover '
               'letter lists those left out', '%s %s\n%s' % (names, files, r.details()))

    env = git_env()
    git(tree, 'config', 'user.name', 'Series Signer', env=env)
    git(tree, 'config', 'user.email', 'series-signer@example.org', env=env)
    r = convert(script, ['--series', 'signed', '--signoff', '--only', 'networking'], tree)
    names, texts = read_patches(os.path.join(tree, 'signed')) if r.status == 0 else ([], {})
    signed = [n for n in names[1:]
              if texts[n].count('\nSigned-off-by: Series Signer '
                                '<series-signer@example.org>\n---\n') == 1]
    out.result(r.status == 0 and len(names) == 2 and signed == names[1:] and
               'Signed-off-by' not in texts[names[0]],
               'series: --signoff adds Signed-off-by from git config user.name and '
               'user.email to each patch, not to the cover letter', r.details())
    git(tree, 'config', '--unset', 'user.name', env=env)
    r = convert(script, ['--series', 'signed2', '--signoff'], tree)
    out.result(r.status == 2 and r.err.strip().splitlines()[-1] ==
               'physcheck-convert: error: --signoff needs git config user.name and '
               'user.email', 'series: --signoff without user.name: exit 2, one line',
               r.details())


def test_errors(out, script, tree, tmp):
    plain = os.path.join(tmp, 'plain')
    write_tree(plain, {'a.c': CONV_C})
    cases = [
        (['--series', 'x'], plain, 'needs a git work tree'),
        (['--only', 'net', '.'], tree, '--only needs --series'),
        (['--dry-run', '.'], tree, '--dry-run needs --series'),
        (['--series', 'x', '--mode', 'report'], tree, '--series needs --mode patch'),
        (['--series', 'x', '--max-files', '0'], tree, '--max-files must be at least 1'),
        (['--series', 'x', '--base', 'no-such-rev'], tree, 'not a commit'),
    ]
    for args, cwd, fragment in cases:
        r = convert(script, args, cwd)
        lines = r.err.strip().splitlines()
        out.result(r.status == 2 and lines and fragment in lines[-1] and
                   'Traceback' not in r.err,
                   'series: %s: exit 2, one line' % ' '.join(args), r.details())
    with open(os.path.join(tree, 'lib', 'orphan.c'), 'a', encoding='utf-8') as f:
        f.write('/* changed after the commit */\n')
    r = convert(script, ['--series', 'dirty'], tree)
    out.result(r.status == 2 and 'lib/orphan.c differs from' in r.err and
               not os.path.exists(os.path.join(tree, 'dirty')),
               'series: a file that differs from --base: exit 2, nothing written', r.details())
    r = convert(script, ['--series', 'based', '--base', 'HEAD', '--only', 'networking'],
                tree)
    out.result(r.status == 0, 'series: --base REV with a change elsewhere in the tree',
               r.details())
    git(tree, 'checkout', '-q', '--', 'lib/orphan.c')


def run_on_pty(cmd, cwd, env=None):
    """(status, stdout, what the terminal got on stderr) of cmd whose
    stderr is a pty."""
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as stdout:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=stdout, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:     # EIO: the last writer closed the pty
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        status = proc.wait()
        stdout.seek(0)
        return status, stdout.read().decode(), b''.join(chunks).decode('utf-8', 'replace')


def test_progress(out, script, tree):
    cmd = [sys.executable, script, '-j', '2', 'drivers', 'lib', 'net']
    status, stdout, term = run_on_pty(cmd, tree, git_env())
    lines = PROGRESS_RE.findall(term)
    last = lines[-1] if lines else None
    plain = convert(script, ['-j', '2', 'drivers', 'lib', 'net'], tree)
    ok = (status == 0 and last is not None and last[1] == last[2] == '7' and
          int(last[3]) == 21 and
          term.rstrip().split('\n')[-1].startswith('physcheck-convert: 22 call sites') and
          '\r\x1b[K' in term and stdout == plain.out)
    out.result(ok, 'progress: on a terminal physcheck-convert rewrites one stderr line '
               '(files done of all, sites converted, seconds) and clears it; stdout is the '
               'same', repr(term[-1500:]))
    out.result(plain.status == 0 and '\r' not in plain.err and '\x1b' not in plain.err and
               'files,' not in plain.err,
               'progress: off a terminal physcheck-convert writes no progress', plain.details())


def test_db_progress(out, env, tmp):
    checker = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
    db_tool = os.path.join(env['root'], 'scripts', 'physcheck-db')
    if not os.access(checker, os.X_OK):
        out.result(False, 'progress: physcheck-db build (the checker is built)',
                   'run make')
        return
    work = os.path.join(tmp, 'facts-tree')
    shutil.copytree(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'crossfile'),
                    work)
    flags = ['-std=gnu11', '-nostdinc', '-I' + os.path.join(env['root'], 'include'),
             '-I' + os.path.join(env['root'], 'examples', 'include')]
    sources = sorted(n for n in os.listdir(work) if n.endswith('.c'))
    for name in sources:
        subprocess.run([checker] + flags + ['--facts-dir', 'facts', name], cwd=work,
                       capture_output=True)
    status, stdout, term = run_on_pty([sys.executable, db_tool, 'build', 'facts', '-o',
                                       'a.db'], work)
    counts = re.findall(r'\rphyscheck-db: (\d+)/(\d+) files of facts read \(\d+ s\)\x1b\[K',
                        term)
    out.result(status == 0 and counts and counts[-1] == (str(len(sources)),) * 2 and
               '\rphyscheck-db: solving' in term and term.endswith('\r\x1b[K'),
               'progress: on a terminal physcheck-db build shows the facts files read of '
               'all, then its steps, on one line it clears', repr(term[-1500:]))
    r = ScriptRun(run_script(db_tool, ['build', 'facts', '-o', 'b.db'], work))
    out.result(r.status == 0 and r.err == '' and r.out.startswith('b.db: %d units'
                                                                    % len(sources)),
               'progress: off a terminal physcheck-db build writes no progress', r.details())


def tests(out, env):
    script = os.path.join(env['root'], 'scripts', 'physcheck-convert')
    with tempfile.TemporaryDirectory(prefix='physcheck-series-test-') as tmp:
        test_db_progress(out, env, tmp)
        if not shutil.which('spatch') or not shutil.which('git'):
            out.skip('series: patch series', 'spatch or git is not installed')
            return
        tree = make_tree(tmp)
        test_plan(out, script, tree)
        test_series(out, script, tree, tmp)
        test_cut(out, script, tree)
        test_errors(out, script, tree, tmp)
        test_progress(out, script, tree)

# SPDX-License-Identifier: GPL-2.0
"""The series issue's acceptance on Debian's whole kernel tree, bounded:
physcheck-convert --series over the tree, and every patch applied in
order with git am on a fresh clone.

The shared tree is never written.  A throwaway git repository has its
git dir under build/kernel/series/ and the tree as its work tree; it
tracks the tree's MAINTAINERS and the .c files that name one of the APIs
(the files the conversion reads; the local headers it reads for types
are read from the work tree, tracked or not), committed as the tarball
has them.  The series goes to build/kernel/series/<tree>.patches/, the
clone to build/kernel/series/<tree>.clone/.  The checks: the run exits
0; the cover letter's sites per patch sum to its total, which is the
account's converted count; every patch but the cover letter applies
with git am, in order; each file a patch touches is in that patch only
and changed in the clone; the shared tree's files are as they were.  checkpatch and the
allmodconfig compiles of each patch are recorded by hand in README.md:
they take far longer than this tier should.
"""

import json
import os
import re
import shutil
import subprocess
import time

import test_convert_tree

KERNELS = ['linux-source-7.3']
IDENT = {'GIT_AUTHOR_NAME': 'Series Tester', 'GIT_AUTHOR_EMAIL': 'series-tester@example.org',
         'GIT_COMMITTER_NAME': 'Series Tester',
         'GIT_COMMITTER_EMAIL': 'series-tester@example.org',
         'GIT_CONFIG_GLOBAL': os.devnull, 'GIT_CONFIG_NOSYSTEM': '1'}


def run(cmd, cwd, env, timeout=1800):
    start = time.monotonic()
    proc = subprocess.run(['nice'] + cmd, cwd=cwd, env=env, capture_output=True,
                          timeout=timeout)
    return (proc.returncode, proc.stdout.decode('utf-8', 'replace'),
            proc.stderr.decode('utf-8', 'replace'), time.monotonic() - start)


def tests(out, env):
    tree = env['tree']
    name = os.path.basename(os.path.normpath(tree))
    work = os.path.join(env['build'], 'kernel', 'series')
    gitdir = os.path.join(work, name + '.git')
    patches = os.path.join(work, name + '.patches')
    clone = os.path.join(work, name + '.clone')
    account_file = os.path.join(work, name + '.account.json')
    for path in (gitdir, patches, clone):
        if os.path.exists(path):
            shutil.rmtree(path)
    os.makedirs(work, exist_ok=True)
    script = os.path.join(env['root'], 'scripts', 'physcheck-convert')
    gitenv = dict(os.environ, GIT_DIR=gitdir, GIT_WORK_TREE=tree, **IDENT)
    start = time.monotonic()

    originals = test_convert_tree.candidates(tree)
    listing = os.path.join(work, name + '.files')
    with open(listing, 'wb') as f:
        f.write(b'\0'.join(os.fsencode(rel) for rel in ['MAINTAINERS'] + sorted(originals)))
    steps = [['git', 'init', '-q'],
             ['git', 'add', '-f', '--pathspec-from-file=' + listing,
              '--pathspec-file-nul'],
             ['git', 'commit', '-q', '-m', 'Import %s' % name]]
    status, err = 0, ''
    for cmd in steps:
        if status == 0:
            status, _, err, _ = run(cmd, tree, gitenv)
    if not out.result(status == 0, 'kernel: series: a git repository of the tree\'s '
                      'MAINTAINERS and its %d candidate files' % len(originals),
                      err[-3000:]):
        return

    status, stdout, err, secs = run([script, '--series', patches, '-j',
                                     str(test_convert_tree.jobs()), '--json', account_file,
                                     '.'], tree, gitenv)
    names = sorted(os.listdir(patches)) if os.path.isdir(patches) else []
    try:
        with open(account_file, encoding='utf-8') as f:
            account = json.load(f)
    except (OSError, ValueError):
        account = {}
    converted = account.get('summary', {}).get('converted')
    cover = ''
    if names and names[0] == '0000-cover-letter.patch':
        with open(os.path.join(patches, names[0]), encoding='utf-8') as f:
            cover = f.read()
    rows = [int(n) for n in re.findall(r'^\s+\d+/\d+\s+(\d+) sites?\s', cover, re.M)]
    total = re.search(r'^\s+total\s+(\d+) sites\s+(\d+) files$', cover, re.M)
    areas = len(names) - 1
    ok = (status == 0 and areas > 1 and len(rows) == areas and total is not None and
          sum(rows) == int(total.group(1)) == converted)
    out.result(ok, 'kernel: series: physcheck-convert --series over the tree: %d patches, '
               '%d sites, the cover letter\'s sites per patch sum to the account\'s '
               'converted (%.0fs)' % (areas, converted or 0, secs),
               'status %d, rows %s, total %s, converted %s\n%s'
               % (status, rows, total and total.group(0), converted, err[-3000:]))
    if status != 0 or areas < 1:
        return

    cenv = dict(os.environ, **IDENT)
    status, _, err, _ = run(['git', 'clone', '-q', gitdir, clone], work, cenv)
    failed = []
    am_start = time.monotonic()
    for patch in names[1:]:
        s, _, e, _ = run(['git', 'am', '-q', os.path.join(patches, patch)], clone, cenv)
        if s:
            failed.append('%s: %s' % (patch, e.strip()[-500:]))
            run(['git', 'am', '--abort'], clone, cenv)
    out.result(status == 0 and not failed,
               'kernel: series: every patch applies with git am, in order, on a fresh '
               'clone (%d patches, %.0fs)' % (areas, time.monotonic() - am_start),
               err + '\n'.join(failed))

    changed = []
    for patch in names[1:]:
        with open(os.path.join(patches, patch), encoding='utf-8', errors='replace') as f:
            changed += re.findall(r'^diff --git a/(\S+) b/', f.read(), re.M)
    altered = []
    for rel in originals:
        with open(os.path.join(tree, rel), 'rb') as f:
            if f.read() != originals[rel]:
                altered.append(rel)
    differ = [rel for rel in changed if rel not in originals or
              open(os.path.join(clone, rel), 'rb').read() == originals[rel]]
    out.result(not altered and not differ and len(set(changed)) == len(changed),
               'kernel: series: each converted file is in one patch and changed in the '
               'clone; the shared tree is as it was (%d files, %.0fs in all)'
               % (len(changed), time.monotonic() - start),
               'changed in the shared tree: %s\nunchanged by the series: %s'
               % (', '.join(altered), ', '.join(differ)))

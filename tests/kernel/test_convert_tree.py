# SPDX-License-Identifier: GPL-2.0
"""The conversion issue's acceptance on Debian's whole kernel tree.

The shared tree is copied with hard links (cp -al) under
build/kernel/convert/, cleaned with `make mrproper`, and only the copy is
converted: physcheck-convert --in-place writes each file anew, so the
shared tree's files stay as they were, which is checked.  In order:

1. `make coccicheck MODE=report M=drivers/net/ethernet/intel` with each
   rule exits 0 and reports what physcheck-convert reports there;
2. physcheck-convert over the whole copy accounts for every call site of
   the six APIs outside kernel/dma/ and include/: converted, or left in a
   comment, a macro body or a definition, and at least 98% converted;
3. a second run over the converted copy gives an empty diff;
4. every converted file that x86_64 allmodconfig builds compiles (in
   O=build/kernel/convert/<tree>.allmodconfig; in make check every third
   of the plain ones and every dma_map_ops one, all with
   PHYSCHECK_CONVERT_COMPILE=all), against the tree's own
   headers where they have the phys API (6.18 on: 7.3), else with
   tests/kernel/compat-phys.h force-included through KCFLAGS (6.12).
   allmodconfig has CONFIG_WERROR, so a warning fails the compile; a file
   that fails, or warns, is compiled again as it was before the
   conversion, and only what the original does not do counts;
5. the dma_map_ops implementations compile silently against a tree whose
   struct dma_map_ops has .map_phys.  6.12's has none, so there their
   files are compiled with -Dmap_phys=map_page,
   -Dunmap_phys=unmap_page and -Wno-error=incompatible-pointer-types.
   .unmap_phys has the type of .unmap_page and must compile silently;
   each .map_phys initialiser must draw exactly one warning, whose source
   type is 6.18's .map_phys type, and nothing else may warn.
"""

import glob
import json
import os
import re
import shutil
import subprocess
import time

KERNELS = ['linux-source-7.3']

APIS = ('dma_map_page', 'dma_map_page_attrs', 'dma_unmap_page',
        'dma_unmap_page_attrs', 'dma_map_resource', 'dma_unmap_resource')
OPS_TOKENS = ('map_page', 'unmap_page', 'map_resource', 'unmap_resource')
OUT_OF_SCOPE = ('kernel/dma/', 'include/')
KNOWN_REASONS = ('comment', 'macro body', 'definition')
MIN_CONVERTED = 0.98
COCCICHECK_DIR = 'drivers/net/ethernet/intel'
ARCH = 'x86'

# 6.18's struct dma_map_ops .map_phys, as gcc spells a pointer to it
MAP_PHYS_TYPE = ('dma_addr_t (*)(struct device *, phys_addr_t, size_t, '
                 'enum dma_data_direction, long unsigned int)')
OPS_INIT_RE = re.compile(r'^\s*\.\s*(map_phys|unmap_phys)\s*=', re.M)
OLD_OPS_INIT_RE = re.compile(rb'^\s*\.\s*(map_page|unmap_page)\s*=', re.M)
OPS_STRUCT_RE = re.compile(rb'\bstruct\s+dma_map_ops\b')
DIAG_RE = re.compile(r'^(\S+?\.[ch]):(\d+):\d+: (warning|error): (.*)$', re.M)
SOURCE_TYPE_RE = re.compile(r"from incompatible pointer type '([^']*)'")
# kbuild unexports LC_ALL: the C locale, for gcc's plain quotes, takes these
C_LOCALE = {'LC_ALL': 'C', 'LANG': 'C', 'LC_CTYPE': 'C', 'LC_MESSAGES': 'C'}
FAILED_RE = re.compile(r'\*\*\* \[[^\]\n]*?: (\S+\.o)\] Error', re.M)
# make check compiles every COMPILE_EVERY-th converted plain file (path
# order) and every dma_map_ops one, to keep CI's budget;
# PHYSCHECK_CONVERT_COMPILE=all compiles them all (run by hand, recorded in
# tests/kernel/README.md)
COMPILE_EVERY = 3
# Converted files known to break, each with why: reported as TODO, not
# hidden; a listed file that compiles fails the run until it is removed.
KNOWN_DEFECTS = {}
TOKEN_RE = re.compile(rb'\b(?:%s)\b' % b'|'.join(t.encode() for t in APIS + OPS_TOKENS))


def jobs():
    return max(1, min(2, len(os.sched_getaffinity(0))))


def run(cmd, cwd, timeout=3600):
    """Run cmd niced, in the C locale (gcc's plain quotes): status, out, err, secs."""
    start = time.monotonic()
    proc = subprocess.run(['nice'] + cmd, cwd=cwd, capture_output=True, timeout=timeout,
                          env=dict(os.environ, **C_LOCALE))
    return (proc.returncode, proc.stdout.decode('utf-8', 'replace'),
            proc.stderr.decode('utf-8', 'replace'), time.monotonic() - start)


def candidates(src):
    """{rel: bytes} of every .c file that names an API or an ops member."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = [d for d in dirnames if d != '.git']
        for name in filenames:
            if not name.endswith('.c'):
                continue
            path = os.path.join(dirpath, name)
            with open(path, 'rb') as f:
                data = f.read()
            if TOKEN_RE.search(data):
                found[os.path.relpath(path, src)] = data
    return found


def write_new(path, data):
    """Write a new file in place of path, so that a hard link keeps its text."""
    tmp = path + '.physcheck-tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


def fresh_copy(tree, src):
    if os.path.exists(src):
        shutil.rmtree(src)
    subprocess.run(['cp', '-al', tree, src], check=True)
    # an O= build wants a clean source tree; mrproper unlinks, it never
    # writes, so the shared tree keeps its configuration and objects
    status, out, err, _ = run(['make', '-s', 'mrproper'], src)
    if status:
        raise RuntimeError('make mrproper failed in the copy:\n%s%s' % (out, err))


def prepare_allmodconfig(src, objdir):
    """allmodconfig and make prepare in objdir, once (stamped)."""
    stamp = os.path.join(objdir, '.physcheck-prepared')
    if os.path.exists(stamp):
        return 0, ''
    os.makedirs(objdir, exist_ok=True)
    text = ''
    for target in (['allmodconfig'], ['-j%d' % jobs(), 'prepare']):
        status, out, err, _ = run(['make', '-s', '-C', src, 'O=' + objdir,
                                   'ARCH=x86_64'] + target, src)
        text += out + err
        if status:
            return status, text
    with open(stamp, 'w', encoding='utf-8'):
        pass
    return 0, text


def report_lines(text, prefix=''):
    return sorted(prefix + line for line in text.splitlines()
                  if re.match(r'\S+\.[ch]:\d+:\d+-\d+: ', line))


def coccicheck_path(line):
    """A report line of coccicheck with M=DIR names its file as the tree
    does: kbuild from 6.13 on names it relative to DIR ("./e1000/...")."""
    if line.startswith('./'):
        return COCCICHECK_DIR + '/' + line[2:]
    return line


def test_coccicheck(out, env, src):
    script = os.path.join(env['root'], 'scripts', 'physcheck-convert')
    for rule in sorted(glob.glob(os.path.join(env['root'], 'cocci', '*.cocci'))):
        name = os.path.basename(rule)[:-len('.cocci')]
        # the kernel's .cocciconfig asks for git grep, and Debian's source
        # is no git tree: spatch's own token scan picks the files instead
        status, text, err, secs = run(['make', 'coccicheck', 'COCCI=' + rule,
                                       'MODE=report', 'M=' + COCCICHECK_DIR,
                                       'J=%d' % jobs(), 'SPFLAGS=--use-coccigrep'], src)
        got = sorted(coccicheck_path(line) for line in report_lines(text))
        s2, text2, err2, _ = run([script, '--mode', 'report', '--rules', name,
                                  '-j', str(jobs()), COCCICHECK_DIR], src)
        want = report_lines(text2, COCCICHECK_DIR + '/')
        ok = status == 0 and s2 == 0 and got == want
        out.result(ok, 'kernel: convert: make coccicheck COCCI=%s.cocci MODE=report M=%s '
                   'reports what physcheck-convert does (%d lines, %.0fs)'
                   % (name, COCCICHECK_DIR, len(got), secs),
                   '' if ok else 'coccicheck: status %d\n%s\n%s\n'
                   'physcheck-convert: status %d\n%s\n%s'
                   % (status, '\n'.join(got), err[-3000:], s2, '\n'.join(want),
                      err2[-3000:]))


def test_account(out, account, status, err, secs):
    sites = [s for s in account['sites'] if not s['file'].startswith(OUT_OF_SCOPE)]
    converted = [s for s in sites if s['status'] == 'converted']
    left = [s for s in sites if s['status'] != 'converted']
    unknown = [s for s in left if s['reason'] not in KNOWN_REASONS]
    ok = status == 0 and bool(sites) and not unknown
    out.result(ok, 'kernel: convert: every call site outside kernel/dma/ and include/ is '
               'converted or left in a %s (%d sites, %d left, %.0fs)'
               % (', '.join(KNOWN_REASONS), len(sites), len(left), secs),
               '' if ok else 'status %d\n' % status + '\n'.join(
                   '%s:%d: %s: %s' % (s['file'], s['line'], s['api'], s['reason'])
                   for s in unknown) + '\n' + err[-3000:])
    # a comment that names an API is no call: the share is of the code's
    # sites (on 7.3, where most drivers are converted, comments are a tenth)
    comments = [s for s in left if s['reason'] == 'comment']
    code = len(sites) - len(comments)
    share = len(converted) / code if code else 0
    out.result(share >= MIN_CONVERTED,
               'kernel: convert: %d of the %d call sites in code converted (%.1f%%, at '
               'least %d%%; %d more in comments)'
               % (len(converted), code, 100 * share, 100 * MIN_CONVERTED, len(comments)),
               '\n'.join('%s:%d: %s: left: %s' % (s['file'], s['line'], s['api'], s['reason'])
                         for s in left))


def diagnostics(text, objdir, src):
    """{rel: [(kind, message)]} of gcc's warnings and errors, by source."""
    found = {}
    # in case a locale still slipped through: gcc's typographic quotes
    text = text.replace('\u2018', "'").replace('\u2019', "'")
    for m in DIAG_RE.finditer(text):
        path = os.path.normpath(os.path.join(objdir, m.group(1)))
        rel = os.path.relpath(path, src)
        found.setdefault(rel, []).append((int(m.group(2)), m.group(3), m.group(4)))
    return found


def remove_objs(objdir, rels):
    for rel in rels:
        try:
            os.unlink(os.path.join(objdir, rel[:-2] + '.o'))
        except FileNotFoundError:
            pass


def configured(src, objdir, rels):
    """The rels whose objects allmodconfig builds, and the dry run's status.

    kbuild compiles a single target even where the configuration never
    descends (with the flags of the directory above), so `make dir/file.o`
    cannot tell.  A dry run (make -n) of the directories does: it prints
    the compile command of every object of the configuration that is out
    of date, and the objects of rels are removed first.  The directories
    are the first two levels of each path, which hold the Makefiles that
    name their objects (amdkfd's are in amdgpu's).
    """
    remove_objs(objdir, rels)
    dirs = sorted({'/'.join(rel.split('/')[:2 if rel.count('/') > 1 else 1]) + '/'
                   for rel in rels})
    wanted = {rel[:-2] + '.o': rel for rel in rels}
    found = set()
    count = 0
    compile_re = re.compile(r' -c -o (\S+\.o) ')
    proc = subprocess.Popen(['nice', 'make', '-k', '-n', '-C', src, 'O=' + objdir,
                             'ARCH=x86_64'] + dirs, cwd=src, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=dict(os.environ, **C_LOCALE))
    for line in proc.stdout:
        for m in compile_re.finditer(line.decode('utf-8', 'replace')):
            count += 1
            if m.group(1) in wanted:
                found.add(wanted[m.group(1)])
    status = proc.wait()
    return found, status, count


def compile_objs(src, objdir, rels, kcflags):
    """make -k the objects of rels: {rel: 'ok'|'failed'|'no object'}, diags, text."""
    if not rels:
        return {}, {}, ''
    objs = [rel[:-2] + '.o' for rel in rels]
    remove_objs(objdir, rels)
    _, text, err, _ = run(['make', '-k', '-j%d' % jobs(), '-C', src, 'O=' + objdir,
                           'ARCH=x86_64', 'KCFLAGS=' + ' '.join(kcflags)] + objs, src,
                          timeout=7200)
    text += err
    failed = set(FAILED_RE.findall(text))
    states = {}
    for rel, obj in zip(rels, objs):
        if obj in failed:
            states[rel] = 'failed'
        elif os.path.exists(os.path.join(objdir, obj)):
            states[rel] = 'ok'
        else:
            states[rel] = 'no object'
    return states, diagnostics(text, objdir, src), text


def messages(diags, ignore=()):
    """The messages of a file's diagnostics, without their lines."""
    return sorted('%s: %s' % (kind, msg) for line, kind, msg in diags
                  if (line, kind, msg) not in ignore)


def ops_expected(text):
    """The lines of the .map_phys initialisers of a converted file."""
    return [text[:m.start()].count('\n') + 1 for m in OPS_INIT_RE.finditer(text)
            if m.group(1) == 'map_phys']


def phys_api(tree):
    """Whether the tree's own headers have the phys API: dma_map_phys()
    and struct dma_map_ops' .map_phys (6.18 on)."""
    def has(rel, pattern):
        try:
            with open(os.path.join(tree, rel), encoding='utf-8', errors='replace') as f:
                return re.search(pattern, f.read()) is not None
        except OSError:
            return False
    return (has('include/linux/dma-mapping.h', r'\bdma_map_phys\s*\(') and
            has('include/linux/dma-map-ops.h', r'\(\s*\*\s*map_phys\s*\)'))


def ops_diags_ok(text, diags, native):
    """(ok, the diagnostics that are 6.18's .map_phys type) of an ops file;
    against a tree that has .map_phys, ok only when there are none."""
    if native:
        return not diags, set()
    lines = set(ops_expected(text))
    expected = set()
    for line, kind, msg in diags:
        m = SOURCE_TYPE_RE.search(msg)
        if (kind == 'warning' and line in lines and m and
                msg.endswith('[-Wincompatible-pointer-types]') and
                ' '.join(m.group(1).split()) == MAP_PHYS_TYPE):
            expected.add((line, kind, msg))
    seen = {line for line, _, _ in expected}
    return seen == lines and len(expected) == len(lines), expected


def test_compile(out, env, src, objdir, originals, converted):
    compat = os.path.join(env['root'], 'tests', 'kernel', 'compat-phys.h')
    native = phys_api(src)
    status, text = prepare_allmodconfig(src, objdir)
    if not out.result(status == 0, 'kernel: convert: allmodconfig and make prepare in %s'
                      % os.path.relpath(objdir, env['build']), text[-3000:]):
        return
    changed = sorted(rel for rel in originals if converted[rel] != originals[rel])
    other_arch = [rel for rel in changed
                  if rel.startswith('arch/') and not rel.startswith('arch/%s/' % ARCH)]
    texts = {rel: converted[rel].decode('utf-8', 'replace') for rel in changed}
    start = time.monotonic()
    built, status, count = configured(src, objdir, [r for r in changed if r not in other_arch])
    if not out.result(count > 1000, 'kernel: convert: a dry run of allmodconfig names %d '
                      'of the %d converted files among %d objects (%.0fs)'
                      % (len(built), len(changed), count, time.monotonic() - start),
                      'make -n exit status %d' % status):
        return
    not_built = [rel for rel in changed if rel not in other_arch and rel not in built]
    ops = [rel for rel in changed if rel in built and OPS_INIT_RE.search(texts[rel])]
    plain = [rel for rel in changed if rel in built and rel not in ops]
    every = os.environ.get('PHYSCHECK_CONVERT_COMPILE') != 'all'
    sampled = '' if not every else ', every %d%s of %d plain ones (all: ' \
        'PHYSCHECK_CONVERT_COMPILE=all)' % (COMPILE_EVERY, 'rd' if COMPILE_EVERY == 3
                                             else 'th', len(plain))
    if every:
        plain = plain[::COMPILE_EVERY]
    if native:
        base = ops_flags = []
    else:
        base = ['-include', compat]
        ops_flags = base + ['-Dmap_phys=map_page', '-Dunmap_phys=unmap_page',
                            '-Wno-error=incompatible-pointer-types']

    start = time.monotonic()
    states, diags, log = compile_objs(src, objdir, plain, base)
    ops_states, ops_diags, ops_log = compile_objs(src, objdir, ops, ops_flags)
    states.update(ops_states)
    diags.update(ops_diags)
    ops_allowed, ops_ok = {}, {}
    for rel in ops:
        ok, allowed = ops_diags_ok(texts[rel], diags.get(rel, []), native)
        ops_allowed[rel] = allowed if ok else set()
        ops_ok[rel] = ok
    # a file that failed or said anything else is compiled as it was
    suspects = [rel for rel in plain + ops
                if states[rel] != 'ok' or messages(diags.get(rel, []), ops_allowed[rel]
                                                       if rel in ops_allowed else ())]
    for rel in suspects:
        write_new(os.path.join(src, rel), originals[rel])
    try:
        orig_states, orig_diags, orig_log = compile_objs(
            src, objdir, [r for r in suspects if r in plain], base)
        o2, d2, l2 = compile_objs(src, objdir, [r for r in suspects if r in ops], ops_flags)
        orig_states.update(o2)
        orig_diags.update(d2)
        orig_log += l2
    finally:
        for rel in suspects:
            write_new(os.path.join(src, rel), converted[rel])
    secs = time.monotonic() - start

    new, old, known = [], [], []
    for rel in suspects:
        ours = messages(diags.get(rel, []), ops_allowed.get(rel, ()))
        theirs = messages(orig_diags.get(rel, []))
        extra = [m for m in ours if m not in theirs]
        if (states[rel] != 'ok' and orig_states[rel] == 'ok' or extra) and \
                rel in KNOWN_DEFECTS:
            known.append(rel)
        elif states[rel] != 'ok' and orig_states[rel] == 'ok' or extra:
            new.append('%s: %s (original: %s)\n  %s' % (rel, states[rel], orig_states[rel],
                                                        '\n  '.join(extra)))
        else:
            old.append('%s: %s, as the original' % (rel, states[rel]))
    built = plain + ops
    detail = ('new problems:\n%s\n\nold ones (the original fails too):\n%s\n\n'
              'not built by x86_64 allmodconfig:\n%s\n%s\n'
              % ('\n'.join(new), '\n'.join(old), '\n'.join(not_built), '\n'.join(other_arch)))
    if new:
        # an error in a header the converted code reaches names the header
        errors = [line for line in (log + ops_log).splitlines()
                  if ': error: ' in line and line not in orig_log]
        detail += '\n--- errors of the converted files only\n%s\n' % '\n'.join(
            errors[:40])
    out.result(bool(built) and not new,
               'kernel: convert: %d converted files that x86_64 allmodconfig builds '
               'compile with no new error or warning against %s (%d known defects, '
               '%d old failures, %d not built, %d other arches%s, %.0fs)'
               % (len(built) - len(known),
                  'the tree\'s own phys API' if native else 'compat-phys.h',
                  len(known), len(old), len(not_built), len(other_arch), sampled, secs),
               detail)
    for rel, why in sorted(KNOWN_DEFECTS.items()):
        name = 'kernel: convert: %s compiles after conversion' % rel
        if rel in known:
            out.todo(name, why)
        else:
            out.result(False, name + ' (listed as a known defect: remove it from '
                       'KNOWN_DEFECTS)' if rel in built else
                       name + ' (listed as a known defect, but not built)', why)

    ops_built = ops
    if native and not ops:
        # 6.18 converted every dma_map_ops in the tree to .map_phys
        left = sorted(rel for rel, text in originals.items()
                      if OPS_STRUCT_RE.search(text) and OLD_OPS_INIT_RE.search(text))
        out.result(not left, 'kernel: convert: no dma_map_ops implementation with '
                   '.map_page is left in this tree for the ops rule to convert',
                   'left: %s' % ', '.join(left))
        return
    bad = ['%s: %s, diagnostics:\n  %s' % (rel, states[rel], '\n  '.join(
        '%d: %s: %s' % d for d in diags.get(rel, [])))
        for rel in ops_built if states[rel] != 'ok' or not ops_ok[rel] or
        messages(diags.get(rel, []), ops_allowed[rel])]
    out.result(bool(ops_built) and not bad,
               'kernel: convert: the %d dma_map_ops implementations x86_64 allmodconfig '
               'builds compile, %s (%s)'
               % (len(ops_built), 'silently, against the tree\'s own .map_phys' if native
                  else 'each .map_phys of 6.18\'s type', ', '.join(ops_built)),
               '\n'.join(bad) + '\n\nnot built: %s\nother arches: %s'
               % (', '.join(rel for rel in not_built if OPS_INIT_RE.search(texts[rel])),
                  ', '.join(rel for rel in other_arch
                            if OPS_INIT_RE.search(texts[rel]))))


def tests(out, env):
    tree = env['tree']
    work = os.path.join(env['build'], 'kernel', 'convert')
    src = os.path.join(work, os.path.basename(os.path.normpath(tree)))
    objdir = src + '.allmodconfig'
    script = os.path.join(env['root'], 'scripts', 'physcheck-convert')
    os.makedirs(work, exist_ok=True)
    start = time.monotonic()
    # what mrproper removes from the copy must stay in the shared tree
    kept = [name for name in ('.config', 'include/config', 'include/generated')
            if os.path.exists(os.path.join(tree, name))]
    try:
        fresh_copy(tree, src)
    except (OSError, subprocess.SubprocessError, RuntimeError) as e:
        out.result(False, 'kernel: convert: a hard-linked copy of the tree', str(e))
        return
    originals = candidates(src)
    test_coccicheck(out, env, src)

    account_file = os.path.join(work, 'account.json')
    status, diff, err, secs = run([script, '-j', str(jobs()), '--in-place',
                                   '--json', account_file, '.'], src)
    try:
        with open(account_file, encoding='utf-8') as f:
            account = json.load(f)
    except (OSError, ValueError) as e:
        out.result(False, 'kernel: convert: physcheck-convert over the tree',
                   'status %d: %s\n%s' % (status, e, err[-3000:]))
        return
    test_account(out, account, status, err, secs)

    converted = {}
    for rel in originals:
        with open(os.path.join(src, rel), 'rb') as f:
            converted[rel] = f.read()
    changed = [rel for rel in originals if converted[rel] != originals[rel]]
    altered = []
    for rel in changed:
        with open(os.path.join(tree, rel), 'rb') as f:
            if f.read() != originals[rel]:
                altered.append(rel)
    gone = [name for name in kept if not os.path.exists(os.path.join(tree, name))]
    out.result(bool(changed) and not altered and not gone,
               'kernel: convert: --in-place on the hard-linked copy leaves the shared '
               'tree as it was (%d files converted)' % len(changed),
               'changed in the shared tree: %s\ngone from it: %s'
               % (', '.join(altered), ', '.join(gone)))

    status, again, err, secs2 = run([script, '-j', str(jobs()), '.'], src)
    out.result(status == 0 and again == '',
               'kernel: convert: a second run over the converted tree gives an empty '
               'diff (%.0fs)' % secs2, again[-6000:] + err[-2000:])

    test_compile(out, env, src, objdir, originals, converted)
    out.diag('convert tree tests: %.0fs' % (time.monotonic() - start))

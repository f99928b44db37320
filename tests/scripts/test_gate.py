# SPDX-License-Identifier: GPL-2.0
"""scripts/physcheck-gate: the CI lint gate, on a git repository of its own.

The repository is a copy of examples/ (whose Makefile stands in for
kbuild) made under build/, with one branch per kind of change: one that
adds a finding of the checker and a dma_map_page() call, one that only
moves code, one that fixes a finding.  Each is gated against a baseline
made on the base commit.  Then: logs as make -j and gcc write them, the
SARIF output against the SARIF 2.1.0 schema (tests/sarif.py), the usage
errors, and examples/ against its committed baseline.
"""

import json
import os
import re
import shutil
import subprocess

import sarif
from script_run import ScriptRun, run_script

NEW_LINE = re.compile(r'^>> (\S+):(\d+):(\d+): physcheck(?:-plugin)?: (.*) \[([\w-]+)\]$')
SUMMARY = re.compile(r'^physcheck-gate: (\d+) new, (\d+) fixed, (\d+) unchanged$')

ADDED_PEEK = '''
/* BUG, added by the change under test: a second peek through the linear map */
static u32 tgpu_vram_peek2(struct tgpu *gpu)
{
	phys_addr_t bar = pci_resource_start(gpu->pdev, TGPU_VRAM_BAR);
	const u32 *va = phys_to_virt(bar + 4);

	return *va;
}
'''
ADDED_MAP = '''
dma_addr_t tnic_map_extra(struct device *dev, struct page *page)
{
	return dma_map_page(dev, page, 0, PAGE_SIZE, DMA_TO_DEVICE);
}
'''
BROKEN_C = 'int broken(void)\n{\n\treturn undeclared_thing;\n}\n'
# a driver's own header, included with quotes, and its user; the change
# under test edits the header only
REGS_H = '''/* register windows of tiny_gpu_p2p.c */
static inline u32 tgpu_window_read(phys_addr_t window)
{
	return (u32)window;
}
'''
REGS_H_BAD = REGS_H.replace('''	return (u32)window;''', '''	const u32 *va = phys_to_virt(window);

	return *va;''')
REGS_USER = '''
u32 tgpu_window_status(struct tgpu *gpu)
{
	return tgpu_window_read(pci_resource_start(gpu->pdev, TGPU_VRAM_BAR));
}
'''
VERIFY_OLD = '''	u8 *va = kmap_local_page(sg_page(dst)); /* expect: phys-kmap */
	bool ok = va[dst->offset] == first;
'''
VERIFY_FIXED = '''	struct page *page = sg_page(dst);
	u8 *va;
	bool ok;

	if (is_pci_p2pdma_page(page))
		return false;
	va = kmap_local_page(page);
	ok = va[dst->offset] == first;
'''

# a log of make -j2 C=2: two checkers' lines interleaved, a header's
# finding said twice, a file sparse could not analyse fully
MMIO = 'MMIO phys reaches phys_to_virt(): a CPU access to device memory through a kernel mapping [-Wphys-mmio]'
KMAP = 'page that may be MMIO reaches %s(), which maps it cacheable [-Wphys-kmap]'
INCOMPLETE = ('not analysed in full: sparse reported an error in a header it includes; '
              'physcheck may have missed findings after it')
INTERLEAVED_LOG = '''  CHECK   drivers/a.c
  CHECK   drivers/b.c
drivers/a.c:10:5: warning: %(mmio)s
drivers/b.c:20:7: warning: %(kmap_local)s
drivers/a.c:9:3: note: it comes from pci_dev.resource.start, which is MMIO
include/linux/x.h:4:1: note: it comes from sg_page(), which may be MMIO
include/linux/y.h:3:3: warning: %(kmap)s
include/linux/y.h:3:3: warning: %(kmap)s
drivers/c.c:1:1: warning: %(incomplete)s [-Wphys-incomplete]
include/linux/z.h:2:3: note: sparse's first error is here
''' % {'mmio': MMIO, 'kmap_local': KMAP % 'kmap_local_page', 'kmap': KMAP % 'kmap',
       'incomplete': INCOMPLETE}
A_C = 'static void *a_peek(void)\n{\n\t/* { */\n\tconst char *s = "}";\n\n' \
      '\tphys_addr_t bar = 0;\n\n\n\treturn phys_to_virt(bar);\n}\n'
B_C = '#if 1\nint b_first(int x) {\n#else\nint b_first(int x, int y) {\n#endif\n' \
      '\treturn x;\n}\n\nstatic int __attribute__((unused)) b_second(void)\n{\n' + \
      '\tint v;\n' * 8 + '\treturn kmap_local_page(0) != 0;\n}\n'
# definitions the function lexer must name: a syscall, an array, an ops
C_C = ('static int tbl[4] = {\n\t1, 2,\n};\n'
       'SYSCALL_DEFINE2(peek, int, a, int, b)\n{\n\treturn phys_to_virt(a);\n}\n'
       'static const struct ops o = {\n\t.map_page = m,\n};\n')
C_LOG = '''drivers/c.c:2:1: warning: %(mmio)s
drivers/c.c:7:9: warning: %(mmio)s
drivers/c.c:9:2: warning: %(mmio)s
''' % {'mmio': MMIO}
# gcc with the plugin: carets, an include trail, an "In function" line
PLUGIN_LOG = '''drivers/a.c: In function 'a_peek':
drivers/a.c:10:5: warning: %s
   10 |         return phys_to_virt(bar);
      |                ^
In file included from drivers/a.c:1:
include/linux/pci.h:9:3: note: it comes from pci_dev.resource.start, which is MMIO
    9 |   x
cc1: note: physcheck_plugin: 74 model entries loaded
''' % MMIO


class Run(ScriptRun):
    def new(self):
        return [NEW_LINE.match(line).groups() for line in self.out.splitlines()
                if NEW_LINE.match(line)]

    def summary(self):
        for line in self.out.splitlines():
            m = SUMMARY.match(line)
            if m:
                return tuple(int(x) for x in m.groups())
        return None


def gate(env, args, cwd=None):
    script = os.path.join(env['root'], 'scripts', 'physcheck-gate')
    return Run(run_script(script, args, cwd or env['root'], timeout=900))


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def git(repo, *args):
    subprocess.run(['git', '-C', repo, '-c', 'user.name=physcheck tests',
                    '-c', 'user.email=tests@physcheck.invalid', '-c', 'commit.gpgsign=false']
                   + list(args), check=True, capture_output=True, text=True)


def edit(path, old, new):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if old not in text:
        raise RuntimeError('%s: text to replace not found' % path)
    write(path, text.replace(old, new, 1))


def append(path, text):
    with open(path, 'a', encoding='utf-8') as f:
        f.write(text)


def move_functions(path):
    """Move tgpu_vram_peek() and tgpu_vram_poison() to the top of the file,
    and push everything down with a comment: every line number changes."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    start = text.index('/* BUG: peeks at VRAM')
    end = text.index('/* the correct way to touch VRAM')
    block, text = text[start:end], text[:start] + text[end:]
    at = text.index('/* export a VRAM window')
    text = text[:at] + block + text[at:]
    text = text.replace('#include <linux/kernel.h>',
                        '/*\n * moved around\n */\n#include <linux/kernel.h>', 1)
    write(path, text)


def make_repo(env, work):
    repo = os.path.join(work, 'repo')
    shutil.copytree(os.path.join(env['root'], 'examples'), repo)
    git(repo, 'init', '-q', '-b', 'base')
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'base')
    gpu = os.path.join(repo, 'drivers', 'gpu', 'tiny_gpu_p2p.c')
    git(repo, 'checkout', '-q', '-b', 'add', 'base')
    append(gpu, ADDED_PEEK)
    append(os.path.join(repo, 'drivers', 'net', 'tiny_nic.c'), ADDED_MAP)
    git(repo, 'commit', '-q', '-a', '-m', 'add a bad path and a dma_map_page() call')
    git(repo, 'checkout', '-q', '-b', 'move', 'base')
    move_functions(gpu)
    git(repo, 'commit', '-q', '-a', '-m', 'move code around')
    git(repo, 'checkout', '-q', '-b', 'fix', 'base')
    edit(os.path.join(repo, 'drivers', 'dma', 'tiny_dmaengine.c'), VERIFY_OLD, VERIFY_FIXED)
    git(repo, 'commit', '-q', '-a', '-m', 'fix tdma_verify()')
    git(repo, 'checkout', '-q', '-b', 'broken', 'base')
    append(os.path.join(repo, 'drivers', 'net', 'broken.c'), BROKEN_C)
    git(repo, 'add', 'drivers/net/broken.c')
    git(repo, 'commit', '-q', '-m', 'a file that does not compile')
    append(gpu, ADDED_PEEK)
    git(repo, 'commit', '-q', '-a', '-m', 'and a bad path')
    git(repo, 'checkout', '-q', '-b', 'rename', 'base')
    git(repo, 'mv', 'drivers/dma/tiny_dmaengine.c', 'drivers/dma/tiny_dma.c')
    git(repo, 'commit', '-q', '-m', 'rename a file')
    git(repo, 'checkout', '-q', '-b', 'hbase', 'base')
    write(os.path.join(repo, 'drivers', 'gpu', 'tiny_gpu_regs.h'), REGS_H)
    edit(gpu, '#define TGPU_VRAM_BAR', '#include "tiny_gpu_regs.h"\n\n#define TGPU_VRAM_BAR')
    append(gpu, REGS_USER)
    git(repo, 'add', '-A')
    git(repo, 'commit', '-q', '-m', 'a header of the driver\'s own')
    git(repo, 'checkout', '-q', '-b', 'hchange', 'hbase')
    write(os.path.join(repo, 'drivers', 'gpu', 'tiny_gpu_regs.h'), REGS_H_BAD)
    git(repo, 'commit', '-q', '-a', '-m', 'a bad path in the header only')
    git(repo, 'checkout', '-q', 'base')
    return repo


def test_branches(out, env, work, repo):
    base_json = os.path.join(work, 'baseline.json')
    run = gate(env, ['--kernel', repo, '--baseline', base_json, '--update-baseline',
                     'drivers'])
    with open(base_json, encoding='utf-8') as f:
        entries = json.load(f)['findings']
    tools = sorted({e['tool'] for e in entries})
    out.result(run.status == 0 and sum(e['count'] for e in entries) == 35
               and tools == ['checker', 'convert']
               and not any(re.search(r'\d+:\d+', e['message']) for e in entries),
               'gate: --update-baseline on the base commit writes its 35 findings '
               '(7 checker, 28 conversion), keyed without line numbers',
               run.details() + '\n' + json.dumps(entries[:3], indent=1))

    # a change that adds a finding fails, and says which
    git(repo, 'checkout', '-q', 'add')
    res = os.path.join(work, 'add')
    run = gate(env, ['--kernel', repo, '--range', 'base..add', '--baseline', base_json,
                     '--json', res + '.json', '--sarif', res + '.sarif'])
    new = sorted((f, check, msg) for f, _, _, msg, check in run.new())
    want = [('drivers/gpu/tiny_gpu_p2p.c', 'phys-mmio',
             'MMIO phys reaches phys_to_virt(): a CPU access to device memory through a kernel mapping'),
            ('drivers/net/tiny_nic.c', 'convert-dma_map_page',
             'use dma_map_phys() instead of dma_map_page()')]
    out.result(run.status == 1 and new == want and run.summary() == (2, 0, 11)
               and '   drivers/gpu/tiny_gpu_p2p.c:' in run.out,
               'gate: a commit that adds a bad path and a dma_map_page() call fails '
               'with exactly those two, as >> lines with the path as notes',
               run.details())
    data = json.load(open(res + '.json', encoding='utf-8'))
    funcs = sorted((f['function'], f['check']) for f in data['new'])
    out.result(funcs == [('tgpu_vram_peek2', 'phys-mmio'),
                         ('tnic_map_extra', 'convert-dma_map_page')]
               and data['status'] == 1 and data['summary']['new'] == 2,
               'gate: --json names the two new findings with their functions',
               json.dumps(data['new'], indent=1)[:3000])
    sarif_log = json.load(open(res + '.sarif', encoding='utf-8'))
    errors = sarif.validate(res + '.sarif')
    out.result(not errors, 'gate: --sarif validates against the SARIF 2.1.0 schema',
               '\n'.join(errors[:20]))
    runs = {r['tool']['driver']['name']: r for r in sarif_log['runs']}
    checker = runs.get('physcheck', {}).get('results', [])
    convert = runs.get('physcheck-convert', {}).get('results', [])
    flow = checker[0].get('codeFlows', [{}])[0] if checker else {}
    steps = [s['location']['physicalLocation']['region']['startLine']
             for s in flow.get('threadFlows', [{}])[0].get('locations', [])]
    rules = runs.get('physcheck', {}).get('tool', {}).get('driver', {}).get('rules', [])
    out.result(sorted(runs) == ['physcheck', 'physcheck-convert']
               and len(checker) == 1 and len(convert) == 1
               and checker[0]['ruleId'] == 'phys-mmio'
               and len(steps) == 2 and steps[0] < steps[1]
               and checker[0]['locations'][0]['physicalLocation']['region']['startLine']
               == steps[1]
               and rules and rules[0]['help']['text']
               and convert[0]['ruleId'] == 'convert-dma_map_page'
               and 'dma_map_phys' in runs['physcheck-convert']['tool']['driver']['rules'][0]
               ['help']['text'],
               'gate: SARIF has one run per tool, rules with help text, each result '
               'located, the checker\'s source-to-sink path as a code flow',
               json.dumps(sarif_log, indent=1)[:4000])
    registry = {c['name']: c for c in json.loads(subprocess.run(
        [os.path.join(env['root'], 'sparse-plugin', 'physcheck'), '--list-checks', '--json'],
        stdout=subprocess.PIPE, universal_newlines=True).stdout)['checks']}
    mmio = registry.get('phys-mmio', {})
    out.result(rules and rules[0]['fullDescription']['text'] == mmio.get('explain')
               and rules[0]['shortDescription']['text'][1:] == mmio.get('help', '?')[1:] + '.',
               'gate: a check\'s SARIF help is the check registry\'s '
               '(physcheck --list-checks --json), not a copy',
               json.dumps(rules, indent=1)[:2000])

    # the plugin too: a baseline with it, and the added path found twice
    plugin_json = os.path.join(work, 'baseline-plugin.json')
    git(repo, 'checkout', '-q', 'base')
    run = gate(env, ['--kernel', repo, '--plugin', '--baseline', plugin_json,
                     '--update-baseline', 'drivers'])
    git(repo, 'checkout', '-q', 'add')
    res = os.path.join(work, 'add-plugin')
    run2 = gate(env, ['--kernel', repo, '--plugin', '--range', 'base..add',
                      '--baseline', plugin_json, '--sarif', res + '.sarif'])
    plugin_new = [(f, check) for f, _, _, _, check in run2.new()]
    names = []
    if os.path.exists(res + '.sarif'):
        with open(res + '.sarif', encoding='utf-8') as f:
            names = sorted((r['tool']['driver']['name'], len(r['results']))
                           for r in json.load(f)['runs'])
    out.result(run.status == 0 and run2.status == 1 and run2.summary() == (3, 0, 14)
               and 'physcheck-plugin: MMIO phys reaches phys_to_virt()' in run2.out
               and len(plugin_new) == 3
               and names == [('physcheck', 1), ('physcheck-convert', 1),
                             ('physcheck_plugin', 1)]
               and not sarif.validate(res + '.sarif'),
               'gate: --plugin compiles the range\'s files with the GCC plugin too: the '
               'added path is new for both front ends, a SARIF run each',
               run.details() + run2.details())

    # a change that only moves code passes
    git(repo, 'checkout', '-q', 'move')
    run = gate(env, ['--kernel', repo, '--range', 'base..move', '--baseline', base_json])
    out.result(run.status == 0 and run.summary() == (0, 0, 7) and not run.new(),
               'gate: a commit that only moves code around passes (every line number '
               'of its file changed)', run.details())
    run = gate(env, ['--kernel', repo, '--range', 'base..move'])
    out.result(run.status == 1 and run.summary() == (7, 0, 0),
               'gate: without a baseline every finding of the touched files is new',
               run.details())

    git(repo, 'checkout', '-q', 'rename')
    run = gate(env, ['--kernel', repo, '--range', 'base..rename', '--baseline', base_json])
    out.result(run.status == 0 and run.summary() == (0, 0, 4),
               'gate: a commit that renames a file passes: its findings follow it',
               run.details())

    # a file that does not compile is named, and fails the gate alone
    git(repo, 'checkout', '-q', 'broken~1')
    run = gate(env, ['--kernel', repo, '--range', 'base..HEAD', '--baseline', base_json])
    git(repo, 'checkout', '-q', 'broken')
    res = os.path.join(work, 'broken')
    run2 = gate(env, ['--kernel', repo, '--range', 'base..broken', '--baseline', base_json,
                      '--json', res + '.json'])
    data = {}
    if os.path.exists(res + '.json'):
        with open(res + '.json', encoding='utf-8') as f:
            data = json.load(f)
    out.result(run.status == 2 and len(run.err.splitlines()) == 1
               and 'checked none of the files' in run.err
               and run2.status == 1 and run2.summary() == (1, 0, 7)
               and 'drivers/net/broken.c: not checked' in run2.err
               and data.get('unchecked') == ['drivers/net/broken.c'],
               'gate: a touched file kbuild cannot check is named (stderr, JSON); '
               'a range with nothing checked is a setup problem (exit 2)',
               run.details() + run2.details())

    # a change that fixes a finding reports it fixed
    git(repo, 'checkout', '-q', 'fix')
    res = os.path.join(work, 'fix')
    run = gate(env, ['--kernel', repo, '--range', 'base..fix', '--baseline', base_json,
                     '--json', res + '.json'])
    data = json.load(open(res + '.json', encoding='utf-8'))
    fixed = [(f['file'], f['function'], f['check']) for f in data['fixed']]
    out.result(run.status == 0 and run.summary() == (0, 1, 3)
               and fixed == [('drivers/dma/tiny_dmaengine.c', 'tdma_verify', 'phys-kmap')]
               and 'fixed: drivers/dma/tiny_dmaengine.c (tdma_verify)' in run.out,
               'gate: a commit that fixes a finding passes and reports it fixed; the '
               'other files\' baseline entries are not',
               run.details())

    # the baseline follows: update it on the fix, and the same range passes clean
    fix_json = os.path.join(work, 'baseline-fix.json')
    shutil.copy(base_json, fix_json)
    run = gate(env, ['--kernel', repo, '--range', 'base..fix', '--baseline', fix_json,
                     '--update-baseline'])
    run2 = gate(env, ['--kernel', repo, '--range', 'base..fix', '--baseline', fix_json])
    with open(fix_json, encoding='utf-8') as f:
        total = sum(e['count'] for e in json.load(f)['findings'])
    out.result(run.status == 0 and total == 34 and run2.status == 0
               and run2.summary() == (0, 0, 3),
               'gate: --update-baseline in range mode replaces the checked files\' '
               'entries and keeps the others', run.details() + run2.details())

    # the work tree must be at the range's head
    run = gate(env, ['--kernel', repo, '--range', 'base..add', '--baseline', base_json])
    out.result(run.status == 2 and len(run.err.splitlines()) == 1
               and 'not at add' in run.err,
               'gate: a work tree not at the range\'s head is a setup problem (exit 2)',
               run.details())
    git(repo, 'checkout', '-q', 'base')


def test_header(out, env, work, repo):
    """A range that changes only a driver's header is checked through the
    .c file beside it that includes it."""
    base_json = os.path.join(work, 'hbaseline.json')
    git(repo, 'checkout', '-q', 'hbase')
    run = gate(env, ['--kernel', repo, '--baseline', base_json, '--update-baseline',
                     'drivers'])
    if run.status != 0:
        git(repo, 'checkout', '-q', 'base')
        out.result(False, 'gate: --update-baseline on a driver with its own header',
                   run.details())
        return
    git(repo, 'checkout', '-q', 'hchange')
    run = gate(env, ['--kernel', repo, '--range', 'hbase..hchange', '--baseline', base_json])
    git(repo, 'checkout', '-q', 'base')
    said = ('physcheck-gate: drivers/gpu/tiny_gpu_regs.h: a header; checked through the '
            '.c files beside it that include it: drivers/gpu/tiny_gpu_p2p.c')
    out.result(run.status == 1 and run.summary() is not None and run.summary()[0] == 1
               and said in run.err.splitlines(),
               'gate: a range that changes only a driver\'s header is checked through '
               'the .c file that includes it: 1 new finding', run.details())


def test_logs(out, env, work):
    src = os.path.join(work, 'logsrc')
    os.makedirs(os.path.join(src, 'drivers'))
    write(os.path.join(src, 'drivers', 'a.c'), A_C)
    write(os.path.join(src, 'drivers', 'b.c'), B_C)
    log = os.path.join(work, 'make.log')
    write(log, INTERLEAVED_LOG)
    res = os.path.join(work, 'log.json')
    run = gate(env, ['--log', log, '--source-root', src, '--json', res])
    data = json.load(open(res, encoding='utf-8')) if os.path.exists(res) else {'new': []}
    got = {(f['file'], f['function'], f['line']): [n['file'] for n in f['notes']]
           for f in data['new']}
    out.result(run.status == 1 and got == {
        ('drivers/a.c', 'a_peek', 10): ['drivers/a.c'],
        ('drivers/b.c', 'b_second', 20): ['include/linux/x.h'],
        ('include/linux/y.h', '', 3): []}
        and data.get('incomplete') == [{'file': 'drivers/c.c', 'message': INCOMPLETE}],
        'gate: a make -j log: interleaved notes go to their warning, a header\'s '
        'repeated finding counts once, functions found past braces in comments, '
        'strings and #if branches, a partly analysed file is named',
        run.details() + json.dumps(data.get('new'), indent=1))
    write(os.path.join(src, 'drivers', 'c.c'), C_C)
    clog = os.path.join(work, 'c.log')
    write(clog, C_LOG)
    res = os.path.join(work, 'c.json')
    run = gate(env, ['--log', clog, '--source-root', src, '--json', res])
    data = json.load(open(res, encoding='utf-8')) if os.path.exists(res) else {'new': []}
    got = [f['function'] for f in data['new']]
    out.result(got == ['tbl', 'SYSCALL_DEFINE2(peek)', 'o'],
               'gate: an array initializer, a SYSCALL_DEFINE and an ops table are named '
               'by variable, macro and name', run.details() + '\n%s' % got)
    plog = os.path.join(work, 'plugin.log')
    write(plog, PLUGIN_LOG)
    sarif_path = os.path.join(work, 'plugin.sarif')
    run = gate(env, ['--log', plog, '--source-root', src, '--sarif', sarif_path])
    data = json.load(open(sarif_path, encoding='utf-8')) if os.path.exists(sarif_path) else {}
    names = [r['tool']['driver']['name'] for r in data.get('runs', [])]
    results = data.get('runs', [{}])[0].get('results', [])
    flows = results[0].get('codeFlows') if results else None
    out.result(run.status == 1 and names == ['physcheck_plugin'] and len(results) == 1
               and flows and not sarif.validate(sarif_path),
               'gate: a plugin log (carets, include trail, cc1 notes) is read as the '
               'plugin\'s, its note kept as the code flow', run.details())
    # the same findings, one line further down: the baseline still holds them
    base = os.path.join(work, 'log-baseline.json')
    gate(env, ['--log', log, '--source-root', src, '--baseline', base, '--update-baseline'])
    write(os.path.join(src, 'drivers', 'a.c'), '/* moved */\n' + A_C)
    moved = os.path.join(work, 'moved.log')
    write(moved, INTERLEAVED_LOG.replace('a.c:10:5', 'a.c:11:5').replace('a.c:9:3', 'a.c:10:3'))
    run = gate(env, ['--log', moved, '--source-root', src, '--baseline', base])
    out.result(run.status == 0 and run.summary() == (0, 0, 3),
               'gate: a log whose findings moved down a line matches its baseline',
               run.details())
    run = gate(env, ['--log', moved, '--source-root', src, '--baseline', base,
                     '--log', 'checker=' + os.devnull])
    # a non-silent kbuild log names what it checked: the rest is not fixed
    part = os.path.join(work, 'part.log')
    with open(part, 'w', encoding='utf-8') as f:
        f.write('  CHECK   drivers/b.c\n' + '\n'.join(
            line for line in INTERLEAVED_LOG.splitlines() if 'drivers/a.c' not in line
            and 'include/linux/x.h' not in line and 'drivers/b.c:' not in line) + '\n')
    run3 = gate(env, ['--log', part, '--source-root', src, '--baseline', base])
    out.result(run3.status == 0 and run3.summary() == (0, 1, 1)
               and 'fixed: drivers/b.c (b_second)' in run3.out,
               'gate: a kbuild log that checked one file: its finding gone is fixed, '
               'a header\'s met through it unchanged, other files\' entries left alone',
               run3.details())
    empty = os.path.join(work, 'empty.log')
    open(empty, 'w').close()
    run2 = gate(env, ['--log', empty, '--source-root', src, '--baseline', base])
    out.result(run.status == 0 and run2.status == 0 and run2.summary() == (0, 3, 0),
               'gate: a log with none of the baseline\'s findings reports all three fixed',
               run.details() + run2.details())


def test_usage(out, env, work, repo):
    unconfigured = os.path.join(work, 'kernel')
    os.makedirs(unconfigured)
    for name in ('Makefile', 'Kconfig'):
        open(os.path.join(unconfigured, name), 'w').close()
    cases = [
        ([], 'nothing to check'),
        (['--range', 'a..b'], '--range needs --kernel'),
        (['--kernel', unconfigured, 'drivers'], 'not a configured kernel tree'),
        (['--kernel', repo, '--checker', os.path.join(work, 'none'), 'drivers'],
         'is not built'),
        (['--kernel', repo, '--range', 'nosuch..base'], 'git rev-parse'),
        (['--log', os.path.join(work, 'missing.log')], 'cannot read log'),
        (['--log', os.devnull, '--update-baseline'], 'needs --baseline'),
        (['--log', os.devnull, '--baseline', os.path.join(work, 'nobaseline.json')],
         'no baseline'),
        (['--bogus'], 'unrecognized arguments'),
    ]
    bad = []
    for args, word in cases:
        run = gate(env, args)
        lines = run.err.splitlines()
        if run.status != 2 or len(lines) != 1 or word not in lines[0] \
                or not lines[0].startswith('physcheck-gate: error: '):
            bad.append('%s: %s' % (' '.join(args), run.details()))
    out.result(not bad, 'gate: %d kinds of bad usage and setup problems exit 2 with one '
               'line' % len(cases), '\n'.join(bad))


def test_examples(out, env):
    """The dogfood: examples/ against its committed baseline (make gate)."""
    proc = subprocess.run(['make', '-s', 'gate'], cwd=env['root'], capture_output=True,
                          text=True, timeout=900)
    run = Run(proc)
    out.result(proc.returncode == 0 and run.summary() is not None
               and run.summary()[:2] == (0, 0),
               'gate: examples/ has no finding its committed baseline lacks, and lost none '
               '(make gate)', run.details())


def tests(out, env):
    work = os.path.join(env['build'], 'tests', 'gate')
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    checker = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
    if not os.access(checker, os.X_OK):
        out.result(False, 'gate: the checker is built (run make)')
        return
    repo = make_repo(env, work)
    test_branches(out, env, work, repo)
    test_header(out, env, work, repo)
    test_logs(out, env, work)
    test_usage(out, env, work, repo)
    test_examples(out, env)

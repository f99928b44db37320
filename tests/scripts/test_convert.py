# SPDX-License-Identifier: GPL-2.0
"""scripts/physcheck-convert: the tree-wide driver, run as a user would.

Small trees are built in a temporary directory: a plain one and a git
work tree.  The expected conversions are the simple call shapes whose
result issue 3 spells out, so that these tests check the driver and not
the details of a rule's layout.
"""

import json
import os
import re
import shutil
import stat
import subprocess
import tempfile

from script_run import ScriptRun, run_script

CONV_C = '''#include <linux/dma-mapping.h>

static dma_addr_t map_one(struct device *d, struct page *p)
{
	return dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE);
}

static void unmap_one(struct device *d, dma_addr_t h)
{
	dma_unmap_page(d, h, 4096, DMA_TO_DEVICE);
	dma_unmap_resource(d, h, 4096, DMA_TO_DEVICE, 0);
}
'''
CONV_EXPECTED = CONV_C.replace(
    'dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE)',
    'dma_map_phys(d, page_to_phys(p), 4096, DMA_TO_DEVICE, 0)').replace(
    'dma_unmap_page(d, h, 4096, DMA_TO_DEVICE)',
    'dma_unmap_phys(d, h, 4096, DMA_TO_DEVICE, 0)').replace(
    'dma_unmap_resource(d, h, 4096, DMA_TO_DEVICE, 0)',
    'dma_unmap_phys(d, h, 4096, DMA_TO_DEVICE, DMA_ATTR_MMIO)')

# one site of each reason, and one converted
KINDS_C = '''/* dma_map_page() used to be called here */
static const char *what = "dma_unmap_page";
#define MAP_BEGIN(d, p) { dma_addr_t h = dma_map_page(d, p, 0, PAGE_SIZE, DMA_TO_DEVICE);

dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page, size_t offset,
			      size_t size, enum dma_data_direction dir, unsigned long attrs);

static void *fp = dma_map_page;

static void f(struct device *d, dma_addr_t h)
{
	dma_unmap_page(d, h, 4096, DMA_TO_DEVICE);
}

#define MAP_BEGIN2(d, p) \\
	{ dma_addr_t h2 = \\
		dma_map_page(d, p, 0, PAGE_SIZE, DMA_TO_DEVICE);
'''
KINDS_SITES = {
    ('drv/kinds.c', 1): ('dma_map_page', 'left', 'comment'),
    ('drv/kinds.c', 2): ('dma_unmap_page', 'left', 'comment'),
    ('drv/kinds.c', 3): ('dma_map_page', 'left', 'macro body'),
    ('drv/kinds.c', 5): ('dma_map_page_attrs', 'left', 'definition'),
    ('drv/kinds.c', 8): ('dma_map_page', 'left', 'unsupported shape'),
    ('drv/kinds.c', 12): ('dma_unmap_page', 'converted', None),
    ('drv/kinds.c', 17): ('dma_map_page', 'left', 'macro body'),
}

# spatch cannot parse the second function; the first still converts
BAD_C = '''static dma_addr_t good(struct device *d, struct page *p)
{
	return dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE);
}

static dma_addr_t bad(struct device *d, struct page *p)
{
	int x = ((;
	x = dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE);
	return x;
}
'''

# the last line has no newline, and it changes
NONL_C = ('static void g(struct device *d, dma_addr_t h)\n{\n'
          '\tdma_unmap_page(d, h, 4096, DMA_TO_DEVICE); }')
NONL_EXPECTED = NONL_C.replace('dma_unmap_page(d, h, 4096, DMA_TO_DEVICE)',
                               'dma_unmap_phys(d, h, 4096, DMA_TO_DEVICE, 0)')

# a candidate (it names an API) with nothing to convert
QUIET_C = '/* see dma_unmap_page() */\nint quiet;\n'

PLAIN_TREE = {
    'drv/conv.c': CONV_C,
    'drv/kinds.c': KINDS_C,
    'drv/bad.c': BAD_C,
    'drv/nonl.c': NONL_C,
    'drv/quiet.c': QUIET_C,
    'drv/sub/other.c': CONV_C.replace('map_one', 'map_two'),
    'drv/no_api.c': 'int nothing;\n',
    'drv/header.h': 'static inline void h(void) { dma_unmap_page(0, 0, 0, 0); }\n',
}

SITE_RE = re.compile(r'^(\S+):(\d+): (\w+): (converted|reported|left)(?:: (.*))?$')
SUMMARY_RE = re.compile(r'^physcheck-convert: (\d+) call sites? in (\d+) files?: '
                        r'(\d+) (converted|reported), (\d+) left')


def write_tree(base, files):
    for rel, text in files.items():
        path = os.path.join(base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


class Run(ScriptRun):
    def sites(self):
        """{(file, line): (api, status, reason or None, text or None)}"""
        found = {}
        for line in self.err.splitlines():
            m = SITE_RE.match(line)
            if m:
                reason, text = m.group(5), None
                if reason and reason.startswith('unsupported shape: '):
                    reason, text = 'unsupported shape', reason[len('unsupported shape: '):]
                found[(m.group(1), int(m.group(2)))] = (m.group(3), m.group(4), reason, text)
        return found

    def summary(self):
        lines = self.err.splitlines()
        m = SUMMARY_RE.match(lines[-1]) if lines else None
        return tuple(int(m.group(i)) for i in (1, 2, 3, 5)) if m else None


def run(script, args, cwd, env=None, timeout=600):
    return Run(run_script(script, args, cwd, env, timeout))


def snapshot(base):
    """{rel: (bytes, mtime_ns, inode, mode)} of every file under base."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = [d for d in dirnames if d != '.git']
        for name in filenames:
            path = os.path.join(dirpath, name)
            st = os.stat(path)
            with open(path, 'rb') as f:
                state[os.path.relpath(path, base)] = (f.read(), st.st_mtime_ns,
                                                      st.st_ino, stat.S_IMODE(st.st_mode))
    return state


def one_error_line(r, fragment):
    lines = r.err.splitlines()
    return (r.status == 2 and len(lines) == 1 and not r.out and
            lines[0].startswith('physcheck-convert: error: ') and fragment in lines[0]
            and 'Traceback' not in r.err)


def test_usage(out, script, tmp):
    tree = os.path.join(tmp, 'usage')
    write_tree(tree, {'a.c': CONV_C})
    cases = [
        (['--rules', 'no_such_rule', tree], "unknown rule 'no_such_rule'"),
        ([os.path.join(tmp, 'missing')], 'no such file or directory'),
        (['-j', '0', tree], '-j must be at least 1'),
        (['--mode', 'bogus', tree], 'invalid choice'),
        (['--in-place', '--mode', 'report', tree], '--in-place needs --mode patch'),
        (['--timeout', '0', tree], '--timeout must be positive'),
        ([], 'no PATH given'),
    ]
    for args, fragment in cases:
        r = run(script, args, tmp)
        label = ' '.join(a for a in args if a != tree and not a.startswith(tmp))
        out.result(one_error_line(r, fragment),
                   'convert: %s: exit 2, one error line' % (label or 'no PATH'),
                   r.details())
    # no spatch on PATH (git neither: the walk is used)
    empty = os.path.join(tmp, 'empty-bin')
    os.mkdir(empty)
    r = run(script, [tree], tmp, env=dict(os.environ, PATH=empty))
    out.result(one_error_line(r, 'spatch not found'),
               'convert: missing spatch: exit 2, one error line', r.details())
    r = run(script, ['--json', os.path.join(tmp, 'no', 'such', 'dir', 'x.json'), tree], tmp)
    out.result(one_error_line(r, 'cannot write'),
               'convert: unwritable --json file: exit 2, one error line', r.details())


def test_patch_mode(out, script, tmp):
    tree = os.path.join(tmp, 'plain')
    write_tree(tree, PLAIN_TREE)
    before = snapshot(tree)
    src = os.path.join(tree, 'drv')
    json_file = os.path.join(tmp, 'account.json')
    r = run(script, ['--json', json_file, '-j', '1', src], tmp)
    out.result(r.status == 0 and snapshot(tree) == before,
               'convert: patch mode exits 0 and leaves the tree alone', r.details())

    headers = [ln for ln in r.out.splitlines() if ln.startswith(('--- ', '+++ '))]
    want_headers = []
    for rel in ('drv/bad.c', 'drv/conv.c', 'drv/kinds.c', 'drv/nonl.c', 'drv/sub/other.c'):
        want_headers += ['--- a/' + rel[4:], '+++ b/' + rel[4:]]
    out.result(headers == want_headers,
               'convert: one diff per changed file, a/ b/ paths from the common root, sorted',
               'got %s\nwant %s' % (headers, want_headers))

    applied = os.path.join(tmp, 'applied')
    shutil.copytree(tree, applied)
    proc = subprocess.run(['patch', '-p1', '-s', '-d', os.path.join(applied, 'drv')],
                          input=r.out, capture_output=True, text=True)
    ok = (proc.returncode == 0 and
          read(os.path.join(applied, 'drv', 'conv.c')) == CONV_EXPECTED and
          read(os.path.join(applied, 'drv', 'nonl.c')) == NONL_EXPECTED and
          read(os.path.join(applied, 'drv', 'quiet.c')) == QUIET_C)
    out.result(ok, 'convert: the diff applies with patch -p1 and gives the converted text',
               '%s%s\n%s' % (proc.stdout, proc.stderr,
                             read(os.path.join(applied, 'drv', 'conv.c'))))

    sites = r.sites()
    want = dict(KINDS_SITES)
    want = {('kinds.c', line): v for (_, line), v in want.items()}
    want.update({
        ('bad.c', 3): ('dma_map_page', 'converted', None),
        ('bad.c', 9): ('dma_map_page', 'left', 'parse failure'),
        ('conv.c', 5): ('dma_map_page', 'converted', None),
        ('conv.c', 10): ('dma_unmap_page', 'converted', None),
        ('conv.c', 11): ('dma_unmap_resource', 'converted', None),
        ('sub/other.c', 5): ('dma_map_page', 'converted', None),
        ('sub/other.c', 10): ('dma_unmap_page', 'converted', None),
        ('sub/other.c', 11): ('dma_unmap_resource', 'converted', None),
        ('nonl.c', 3): ('dma_unmap_page', 'converted', None),
        ('quiet.c', 1): ('dma_unmap_page', 'left', 'comment'),
    })
    got = {k: v[:3] for k, v in sites.items()}
    out.result(got == want,
               'convert: stderr accounts for every site with its reason '
               '(comment, string, macro body, definition, parse failure, unsupported shape)',
               'got  %s\nwant %s\n%s' % (sorted(got.items()), sorted(want.items()),
                                         r.details()))
    shape = sites.get(('kinds.c', 8), (None,) * 4)[3]
    out.result(shape == 'static void *fp = dma_map_page;',
               'convert: an unsupported shape is shown with its text', repr(shape))
    listed = [ln for ln in r.err.splitlines() if ln.startswith('physcheck-convert: parse failure')]
    out.result(listed == ['physcheck-convert: parse failure: bad.c'],
               'convert: a file spatch cannot parse is listed by name', r.details())
    out.result(r.summary() == (len(want), 6, 9, len(want) - 9) and 'unknown' not in r.err and
               r.err.splitlines()[-1].endswith(
                   '(3 comment, 2 macro body, 1 definition, 1 parse failure, '
                   '1 unsupported shape)'),
               'convert: the summary line counts sites, files and reasons', r.details())

    try:
        with open(json_file, encoding='utf-8') as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        data = {'error': str(e)}
    jsites = {(s.get('file'), s.get('line')): s for s in data.get('sites', [])}
    ok = (set(jsites) == set(want) and
          all((s['api'], s['status'], s['reason']) == want[k] for k, s in jsites.items()) and
          all(set(s) == {'file', 'line', 'api', 'status', 'reason', 'text'}
              for s in jsites.values()) and
          jsites[('kinds.c', 8)]['text'] == 'static void *fp = dma_map_page;' and
          jsites[('conv.c', 5)]['text'] == 'dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE)' and
          data.get('summary', {}).get('converted') == 9 and
          data.get('summary', {}).get('left') == len(want) - 9 and
          data.get('files', {}).get('parse failure') == ['bad.c'])
    out.result(ok, 'convert: --json holds every site with file, line, api, status, reason, text',
               json.dumps(data, indent=1)[:3000])

    r1 = run(script, ['--fail-on-leftover', src], tmp)
    out.result(r1.status == 1 and r1.out == r.out,
               'convert: --fail-on-leftover exits 1 when a site is left', r1.details())
    clean = os.path.join(tmp, 'clean')
    write_tree(clean, {'conv.c': CONV_C})
    r0 = run(script, ['--fail-on-leftover', clean], tmp)
    out.result(r0.status == 0 and r0.summary() == (3, 1, 3, 0),
               'convert: --fail-on-leftover exits 0 when every site converted', r0.details())

    results = [run(script, ['-j', str(j), src], tmp) for j in (2, 3)]
    out.result(all((x.status, x.out, x.err) == (r.status, r.out, r.err) for x in results),
               'convert: -j 2 and -j 3 give the same output as -j 1',
               '\n'.join(x.details() for x in results))
    return tree, before


def test_in_place(out, script, tmp, plain):
    tree = os.path.join(tmp, 'inplace')
    shutil.copytree(plain, tree)
    os.chmod(os.path.join(tree, 'drv', 'conv.c'), 0o640)
    before = snapshot(tree)
    r = run(script, ['--in-place', os.path.join(tree, 'drv')], tmp)
    after = snapshot(tree)
    changed = sorted(k for k in after if after[k][0] != before[k][0])
    conv = after.get('drv/conv.c', (b'', 0, 0, 0))
    ok = (r.status == 0 and sorted(after) == sorted(before) and
          changed == ['drv/bad.c', 'drv/conv.c', 'drv/kinds.c', 'drv/nonl.c',
                      'drv/sub/other.c'] and
          conv[0].decode() == CONV_EXPECTED and conv[3] == 0o640 and
          conv[2] != before['drv/conv.c'][2] and
          after['drv/nonl.c'][0].decode() == NONL_EXPECTED and
          all(after[k] == before[k] for k in after if k not in changed))
    out.result(ok, 'convert: --in-place replaces changed files (new inode, mode kept), '
               'touches no other file, leaves no temporary file',
               'changed %s\n%s' % (changed, r.details()))
    r2 = run(script, ['--in-place', os.path.join(tree, 'drv')], tmp)
    again = snapshot(tree)
    out.result(r2.status == 0 and r2.out == '' and again == after and
               r2.summary() is not None and r2.summary()[2] == 0,
               'convert: a second --in-place run changes nothing (empty diff, same mtimes)',
               r2.details())


# The page is a void * field declared two quoted includes away; one
# header is missing (generated at build time).  With -j 1 the files go in
# two batches by size: big.c alone, ring.c and sub/user.c together in one
# spatch run, where spatch alone would lose the nested header's types in
# sub/user.c.
HEADERS_TREE = {
    'drv/ring_types.h': 'struct desc_cb {\n\tvoid *priv;\n\tdma_addr_t dma;\n};\n',
    'drv/ring.h': ('#include "ring_types.h"\n\n'
                   'static inline dma_addr_t ring_map(struct device *d, struct page *p)\n'
                   '{\n\treturn dma_map_page(d, p, 0, 4096, DMA_TO_DEVICE);\n}\n'),
    'drv/ring.c': ('#include "ring.h"\n#include "generated.h"\n\n'
                   'static void refill(struct device *d, struct desc_cb *cb)\n{\n'
                   '\tcb->dma = dma_map_page(d, cb->priv, 0, 4096, DMA_FROM_DEVICE);\n}\n'),
}
HEADERS_TREE['drv/sub/user.c'] = HEADERS_TREE['drv/ring.c'].replace(
    '"ring.h"', '"../ring.h"').replace('refill', 'refill_sub')
HEADERS_TREE['drv/big.c'] = '/* no dma_unmap_page() here */\n' + 'int pad;\n' * 200
CAST_LINE = ('+\tcb->dma = dma_map_phys(d, page_to_phys((struct page *)cb->priv), 4096,')


def test_local_headers(out, script, tmp):
    tree = os.path.join(tmp, 'headers')
    write_tree(tree, HEADERS_TREE)
    before = snapshot(tree)
    r = run(script, ['-j', '1', os.path.join(tree, 'drv')], tmp)
    headers = [ln for ln in r.out.splitlines() if ln.startswith('+++ ')]
    casts = [ln for ln in r.out.splitlines() if ln.startswith(CAST_LINE)]
    out.result(r.status == 0 and snapshot(tree) == before and
               headers == ['+++ b/ring.c', '+++ b/sub/user.c'] and len(casts) == 2,
               'convert: a page in a void * field of a quoted (nested, ../) header is cast; '
               'headers are read for types, not converted', r.details())


# Coccinelle wraps the reprinted call at two tabs and 15 spaces; the
# driver writes three tabs and 7 spaces.  The line that was already
# indented with spaces (odd, but not the rules' doing) stays as it is.
LAYOUT_C = ('''static void release(struct cesa *cesa, struct engine *engine)
{
	if (engine->pool)
	        gen_pool_free(engine->pool, cesa->sram_size);
	else
		dma_unmap_resource(cesa->dev, engine->sram_dma,
				   cesa->sram_size, DMA_BIDIRECTIONAL, 0);
}
''')
LAYOUT_EXPECTED = LAYOUT_C.replace(
    '''\t\tdma_unmap_resource(cesa->dev, engine->sram_dma,
\t\t\t\t   cesa->sram_size, DMA_BIDIRECTIONAL, 0);''',
    '''\t\tdma_unmap_phys(cesa->dev, engine->sram_dma, cesa->sram_size,
\t\t\t       DMA_BIDIRECTIONAL, DMA_ATTR_MMIO);''')


# Seven tabs deep, `page_to_phys(page) + offset` on one line would be 126
# columns, over checkpatch's 100: the sum is broken after its `+`.
DEEP_C = ('static void deep(struct device *dev, struct ring *ring, int index, int n)\n'
          '{\n\tif (n)\n\t\tif (n > 1)\n\t\t\tif (n > 2)\n\t\t\t\tif (n > 3)\n'
          '\t\t\t\t\tif (n > 4)\n\t\t\t\t\t\tif (n > 5)\n'
          '\t\t\t\t\t\t\tdma_map_page(dev, ring->buffers[index].page,\n'
          '\t\t\t\t\t\t\t\t     ring->buffers[index].offset,\n'
          '\t\t\t\t\t\t\t\t     PAGE_SIZE, DMA_TO_DEVICE);\n}\n')
DEEP_EXPECTED = DEEP_C.replace(
    '\t\t\t\t\t\t\tdma_map_page(dev, ring->buffers[index].page,\n'
    '\t\t\t\t\t\t\t\t     ring->buffers[index].offset,\n'
    '\t\t\t\t\t\t\t\t     PAGE_SIZE, DMA_TO_DEVICE);\n',
    '\t\t\t\t\t\t\tdma_map_phys(dev,\n'
    '\t\t\t\t\t\t\t\t     page_to_phys(ring->buffers[index].page) +\n'
    '\t\t\t\t\t\t\t\t     ring->buffers[index].offset,\n'
    '\t\t\t\t\t\t\t\t     PAGE_SIZE,\n'
    '\t\t\t\t\t\t\t\t     DMA_TO_DEVICE,\n'
    '\t\t\t\t\t\t\t\t     0);\n')


# An assignment whose left side is long: with each argument on its line
# the page line is still 106 columns, so the call goes to the next line,
# its arguments filled.  And an offset argument with a comment after it:
# the comment stays, indented with tabs (no space before a tab).
LONG_LHS_C = ('static void long_lhs(struct device *dev, struct mips_data *mips_data, '
              'int page_nr)\n{\n\t\tmips_data->pt_dma_addr[page_nr] = dma_map_page('
              'dev, mips_data->pt_pages[page_nr], 0,\n'
              '\t\t\t\t\t\t\t       PAGE_SIZE, DMA_TO_DEVICE);\n}\n')
LONG_LHS_EXPECTED = LONG_LHS_C.replace(
    '\t\tmips_data->pt_dma_addr[page_nr] = dma_map_page(dev, '
    'mips_data->pt_pages[page_nr], 0,\n\t\t\t\t\t\t\t       PAGE_SIZE, DMA_TO_DEVICE);\n',
    '\t\tmips_data->pt_dma_addr[page_nr] =\n'
    '\t\t\tdma_map_phys(dev, page_to_phys(mips_data->pt_pages[page_nr]), PAGE_SIZE,\n'
    '\t\t\t\t     DMA_TO_DEVICE, 0);\n')
OFFSET_COMMENT_C = ('static void offs(struct pci_dev *pci_dev, struct page **page_list, '
                    'int i)\n{\n\tdma_addr_t daddr;\n\n'
                    '\t\tdaddr = dma_map_page(&pci_dev->dev, page_list[i],\n'
                    '\t\t\t\t     0,\t /* map_offs */\n'
                    '\t\t\t\t     PAGE_SIZE,\n'
                    '\t\t\t\t     DMA_BIDIRECTIONAL);  /* FIXME rd/rw */\n}\n')


def test_layout(out, script, tmp):
    tree = os.path.join(tmp, 'layout')
    write_tree(tree, {'cesa.c': LAYOUT_C, 'deep.c': DEEP_C, 'long_lhs.c': LONG_LHS_C,
                      'offs.c': OFFSET_COMMENT_C})
    r = run(script, ['--in-place', tree], tmp)
    for name, expected, what in (
            ('cesa.c', LAYOUT_EXPECTED,
             'added lines are indented with tabs, then fewer than 8 spaces; '
             'lines the rules did not write keep their layout'),
            ('deep.c', DEEP_EXPECTED,
             'a page_to_phys(page) + offset line over 100 columns is broken after the +'),
            ('long_lhs.c', LONG_LHS_EXPECTED,
             'a call still over 100 columns with an argument a line goes to the '
             'line after its assignment\'s =, its arguments filled')):
        got = read(os.path.join(tree, name))
        out.result(r.status == 0 and got == expected, 'convert: ' + what,
                   '%s\ngot:\n%s' % (r.details(), got))
    got = read(os.path.join(tree, 'offs.c'))
    lines = got.split('\n')
    comment = [ln for ln in lines if 'map_offs' in ln]
    out.result(r.status == 0 and 'dma_map_phys(' in got and len(comment) == 1 and
               re.match(r'^\t+ {0,7}/\* map_offs \*/$', comment[0]) is not None,
               'convert: a comment left alone on its line by a removed argument is '
               'indented with tabs (no space before a tab)', '%s\ngot:\n%s' % (r.details(), got))


def git(tree, *args):
    return subprocess.run(['git', '-C', tree, '-c', 'user.name=physcheck',
                           '-c', 'user.email=physcheck', '-c', 'init.defaultBranch=main']
                          + list(args), capture_output=True, text=True)


def test_git_tree(out, script, tmp):
    if not shutil.which('git'):
        out.skip('convert: git work tree: tracked, ignored and untracked files', 'no git')
        return
    tree = os.path.join(tmp, 'gittree')
    write_tree(tree, {
        '.gitignore': 'build/\nkeep/\n',
        'drivers/x/tracked.c': CONV_C,
        'keep/forced.c': CONV_C,
        'build/generated.c': CONV_C,
        'docs/notes.txt': 'dma_map_page\n',
    })
    git(tree, 'init', '-q')
    git(tree, 'add', '.gitignore', 'drivers', 'docs')
    git(tree, 'add', '-f', 'keep/forced.c')
    proc = git(tree, 'commit', '-q', '-m', 'base')
    write_tree(tree, {'drivers/x/new.c': CONV_C})     # untracked, not ignored
    r = run(script, [tree], tmp)
    headers = [ln for ln in r.out.splitlines() if ln.startswith('--- ')]
    want = ['--- a/drivers/x/new.c', '--- a/drivers/x/tracked.c', '--- a/keep/forced.c']
    out.result(proc.returncode == 0 and r.status == 0 and headers == want,
               'convert: git work tree: tracked (even ignored) and untracked files, '
               'not ignored untracked ones', 'got %s\n%s%s' % (headers, proc.stderr,
                                                               r.details()))
    # a PATH the work tree ignores and tracks nothing in (a kernel tree
    # extracted under build/) is walked, its paths relative to itself
    r = run(script, [os.path.join(tree, 'build')], tmp)
    headers = [ln for ln in r.out.splitlines() if ln.startswith('--- ')]
    out.result(r.status == 0 and headers == ['--- a/generated.c'],
               'convert: a PATH git ignores, with nothing tracked, is walked; paths from it',
               'got %s\n%s' % (headers, r.details()))
    r = run(script, [os.path.join(tree, 'drivers', 'x', 'tracked.c')], tmp)
    headers = [ln for ln in r.out.splitlines() if ln.startswith(('--- ', '+++ '))]
    applied = os.path.join(tmp, 'gitapplied')
    shutil.copytree(tree, applied, ignore=shutil.ignore_patterns('.git'))
    proc = subprocess.run(['patch', '-p1', '-s', '-d', applied], input=r.out,
                          capture_output=True, text=True)
    out.result(headers == ['--- a/drivers/x/tracked.c', '+++ b/drivers/x/tracked.c'] and
               proc.returncode == 0 and
               read(os.path.join(applied, 'drivers', 'x', 'tracked.c')) == CONV_EXPECTED,
               'convert: a PATH inside a git tree gets paths from its top; patch -p1 there',
               '%s\n%s%s' % (headers, proc.stderr, r.details()))


FAKE_SPATCH = '''#!/bin/sh
# Hangs on any run that holds a file named slow.c, fails on any run that
# holds broken.c; runs spatch otherwise.
if [ -n "$(find . -name slow.c)" ]; then
	exec sleep 60
fi
if [ -n "$(find . -name broken.c)" ]; then
	echo "spatch: boom" >&2
	exit 1
fi
exec %s "$@"
'''


def test_timeouts(out, script, tmp):
    tree = os.path.join(tmp, 'slow')
    write_tree(tree, {'slow.c': CONV_C, 'fast.c': CONV_C, 'fast2.c': CONV_C,
                      'broken.c': CONV_C})
    fake = os.path.join(tmp, 'fake-bin')
    os.mkdir(fake)
    path = os.path.join(fake, 'spatch')
    with open(path, 'w', encoding='utf-8') as f:
        f.write(FAKE_SPATCH % shutil.which('spatch'))
    os.chmod(path, 0o755)
    env = dict(os.environ, PATH=fake + os.pathsep + os.environ.get('PATH', ''))
    r = run(script, ['-j', '1', '--timeout', '1', tree], tmp, env=env, timeout=300)
    sites = r.sites()
    ok = (r.status == 0 and
          all(v[1:3] == ('left', 'timeout') for k, v in sites.items() if k[0] == 'slow.c') and
          all(v[1:3] == ('left', 'spatch failure') for k, v in sites.items()
              if k[0] == 'broken.c') and
          all(v[1] == 'converted' for k, v in sites.items()
              if k[0] not in ('slow.c', 'broken.c')) and
          len(sites) == 12 and '--- a/slow.c' not in r.out and '--- a/broken.c' not in r.out and
          '--- a/fast.c' in r.out and '--- a/fast2.c' in r.out and
          'physcheck-convert: timeout: slow.c' in r.err.splitlines() and
          'physcheck-convert: spatch failure: broken.c: spatch: boom' in r.err.splitlines())
    out.result(ok, 'convert: a spatch that hangs is stopped and one that fails is pinned on '
               'its file; both are listed, the other files convert', r.details())

    big = os.path.join(tmp, 'big')
    os.mkdir(big)
    with open(os.path.join(big, 'big.c'), 'w', encoding='utf-8') as f:
        for i in range(15000):
            f.write('static dma_addr_t f%d(struct device *d, struct page *p, size_t o)\n'
                    '{\n\tif (o > %d)\n\t\treturn dma_map_page(d, p, o, 4096, '
                    'DMA_TO_DEVICE);\n\treturn 0;\n}\n\n' % (i, i))
    write_tree(big, {'small.c': CONV_C})
    r = run(script, ['--timeout', '1', '--rules', 'dma_map_page', big], tmp, timeout=300)
    sites = r.sites()
    big_sites = [v for k, v in sites.items() if k[0] == 'big.c']
    ok = (r.status == 0 and len(big_sites) == 15000 and
          all(v[1:3] == ('left', 'timeout') for v in big_sites) and
          sites.get(('small.c', 5), (None,))[1:2] == ('converted',) and
          'physcheck-convert: timeout: big.c' in r.err.splitlines())
    out.result(ok, "convert: spatch's own per-file timeout is reported by file",
               r.details())


def test_other_modes(out, script, tmp, plain):
    plain = os.path.join(plain, 'drv')
    r = run(script, ['--mode', 'report', plain], tmp)
    lines = r.out.splitlines()
    sites = r.sites()
    ok = (r.status == 0 and lines and
          all(re.match(r'^[\w/.]+\.c:\d+:\d+-\d+: \S', ln) for ln in lines) and
          any(ln.startswith('conv.c:5:') for ln in lines) and
          sites.get(('conv.c', 5), (None, None))[1] == 'reported' and
          sites.get(('kinds.c', 8), (None, None, None))[2] == 'unsupported shape')
    out.result(ok, 'convert: report mode prints file:line:col-col: message lines, '
               'and the account says reported', r.details())
    r = run(script, ['--mode', 'org', plain], tmp)
    out.result(r.status == 0 and r.out.startswith('* TODO [[view:') and
               sites_equal_status(r, 'reported', ('conv.c', 5)),
               'convert: org mode prints TODO items', r.details())
    r = run(script, ['--mode', 'context', plain], tmp)
    out.result(r.status == 0 and '--- conv.c' in r.out.splitlines() and
               '+++ conv.c' in r.out.splitlines() and
               sites_equal_status(r, 'reported', ('conv.c', 5)),
               'convert: context mode prints the marked lines of each file', r.details())


def test_broken_rule(out, script, tmp):
    """A copy of the tool whose rule directory holds a rule spatch rejects."""
    copy = os.path.join(tmp, 'copy')
    os.makedirs(os.path.join(copy, 'scripts'))
    shutil.copy(script, os.path.join(copy, 'scripts'))
    shutil.copy(os.path.join(os.path.dirname(script), 'spatch_macros.py'),
                os.path.join(copy, 'scripts'))
    # the copied tool takes its modules along
    shutil.copytree(os.path.join(os.path.dirname(script), 'physcheck_tools'),
                    os.path.join(copy, 'scripts', 'physcheck_tools'),
                    ignore=shutil.ignore_patterns('__pycache__'))
    shutil.copytree(os.path.join(os.path.dirname(script), '..', 'cocci'),
                    os.path.join(copy, 'cocci'))
    with open(os.path.join(copy, 'cocci', 'zz_broken.cocci'), 'w', encoding='utf-8') as f:
        f.write('virtual patch\n@@\nexpression e;\n@@\n- broken_call(e\n')
    tree = os.path.join(tmp, 'broken-rule')
    write_tree(tree, {'a.c': CONV_C})
    copied = os.path.join(copy, 'scripts', 'physcheck-convert')
    r = run(copied, ['--rules', 'zz_broken', tree], tmp)
    out.result(one_error_line(r, 'rule zz_broken: spatch cannot use it'),
               'convert: a rule spatch rejects: exit 2, one error line naming it',
               r.details())
    r = run(copied, ['--rules', 'dma_unmap_page', tree], tmp)
    reasons = sorted(v[2] for v in r.sites().values() if v[1] == 'left')
    out.result(r.status == 0 and r.summary() == (3, 1, 1, 2) and
               reasons == ['rule not selected'] * 2,
               'convert: rules come from the cocci/ beside the script; --rules picks them; '
               'what no picked rule handles is "rule not selected"', r.details())


def sites_equal_status(r, status, key):
    return r.sites().get(key, (None, None))[1] == status


def tests(out, env):
    script = os.path.join(env['root'], 'scripts', 'physcheck-convert')
    with tempfile.TemporaryDirectory(prefix='physcheck-convert-test-') as tmp:
        test_usage(out, script, tmp)
        names = ['patch mode', 'in place', 'local headers', 'layout', 'git tree',
                 'timeouts', 'other modes', 'rules']
        if not shutil.which('spatch'):
            for name in names:
                out.skip('convert: %s' % name, 'spatch is not installed')
            return
        plain, _ = test_patch_mode(out, script, tmp)
        test_in_place(out, script, tmp, plain)
        test_local_headers(out, script, tmp)
        test_layout(out, script, tmp)
        test_git_tree(out, script, tmp)
        test_timeouts(out, script, tmp)
        test_other_modes(out, script, tmp, plain)
        test_broken_rule(out, script, tmp)

# SPDX-License-Identifier: GPL-2.0
"""The conversion as a patch series maintainers can take
(physcheck-convert --series DIR).

The converted files are grouped by the tree's own MAINTAINERS
(physcheck_tools/maintainers.py says which entry a file belongs to): one
patch per maintained area, in the order of the areas' names, and last
one patch named "remaining" for the files no entry (but a catch-all such
as THE REST) covers.  The files are written as `git format-patch` writes
them, each a mail `git am` applies: 0000-cover-letter.patch, then
NNNN-<subject>.patch.

A patch's subject starts with the area's own prefix: the most common
"prefix:" of the subjects of the commits (from --base) that touch its
files, when the tree has such history, else one made from the path
(`net: page_pool`, `nvme: pci`, `net/mlx5`; see path_prefix()).  Its
addresses are the area's: `To:` its M: lines (its L: lines when it has
none), `Cc:` its R: and L: lines.  Signed-off-by only with --signoff,
from git config user.name and user.email.

Every patch touches its own files only, against --base (HEAD by
default): the files must be there unchanged from it, so that each patch
applies on top of the ones before it, in any order, and each file
compiles on its own.  The cover letter accounts for the sites of each
patch (their sum is the series' total), for each site left and why, and
says how the series was made.
"""

import collections
import datetime
import email.header
import email.utils
import hashlib
import os
import re
import subprocess
import textwrap

from . import paths
from .common import UsageError, encode
from .layout import unified_diff

REMAINING = 'remaining'
ZERO = '0' * 40
# the APIs a site is of, and what each became
NEW_API = {'dma_map_page': 'dma_map_phys', 'dma_map_page_attrs': 'dma_map_phys',
           'dma_unmap_page': 'dma_unmap_phys', 'dma_unmap_page_attrs': 'dma_unmap_phys',
           'dma_map_resource': 'dma_map_phys', 'dma_unmap_resource': 'dma_unmap_phys'}
RESOURCE_APIS = ('dma_map_resource', 'dma_unmap_resource')
OPS_RE = re.compile(r'^\+\s*\.(map_phys|unmap_phys)\s*=', re.M)
# "net: page_pool: fix x" -> "net: page_pool"
PREFIX_RE = re.compile(r'^([\w./+,-]+(?:: [\w./+,-]+)*): \S')
NOT_PREFIXES = ('Revert', 'Merge', 'treewide', 'Linux', 'Reapply')
# path components a prefix made from a path leaves out
GENERIC = frozenset(('drivers', 'host', 'core', 'ethernet', 'common', 'gpu', 'src'))
WIDTH = 72


class SeriesError(UsageError):
    pass


def git(root, *args, data=None):
    """git's stdout (bytes) in root; SeriesError when it fails."""
    try:
        proc = subprocess.run(['git', '-C', root] + list(args), input=data,
                              capture_output=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as e:
        raise SeriesError('git %s: %s' % (args[0], e))
    if proc.returncode:
        err = proc.stderr.decode('utf-8', 'replace').strip().splitlines()
        raise SeriesError('git %s: %s' % (' '.join(args[:2]), err[-1] if err else
                                          'exit status %d' % proc.returncode))
    return proc.stdout


def git_text(root, *args):
    return git(root, *args).decode('utf-8', 'surrogateescape')


def address(value):
    """An M:, R: or L: value as an address: "(moderated ...)" dropped."""
    return re.sub(r'\s*\([^)]*\)\s*$', '', value).strip()


class Area:
    """One patch: an entry of MAINTAINERS (None: the remaining files)."""

    def __init__(self, entry):
        self.entry = entry
        self.name = entry.name if entry else REMAINING
        self.files = []         # rels, sorted
        self.results = {}       # rel: convert.FileResult
        self.prefix = None
        self.prefix_from = None  # 'history' or 'path'

    def sites(self, status):
        return [s for rel in self.files for s in self.results[rel].sites
                if s['status'] == status]


def slug(text):
    return re.sub(r'[^a-z0-9]+', '-', text.lower()).strip('-')


def area_name(maint, rel):
    """The name of the area rel belongs to: its entry's, or "remaining"."""
    entry = maint.area(rel) if maint else None
    return entry.name if entry else REMAINING


def named(name, only):
    """Whether --only names the area name (its title, any case, or the
    title's slug: "nvm-express-driver")."""
    return any(w.lower() in (name.lower(), slug(name)) for w in only)


def plan(maint, results, only=(), max_files=None):
    """(areas, left_out): the areas of the changed files, in order, and
    the files --max-files left out."""
    areas = {}
    for rel in sorted(results):
        result = results[rel]
        if result.error or result.new == result.old:
            continue
        entry = maint.area(rel) if maint else None
        key = entry.index if entry else None
        if key not in areas:
            areas[key] = Area(entry)
        areas[key].files.append(rel)
        areas[key].results[rel] = result
    ordered = sorted((a for k, a in areas.items() if k is not None),
                     key=lambda a: (a.name.lower(), a.entry.index))
    if None in areas:
        ordered.append(areas[None])
    if only:
        ordered = [a for a in ordered if named(a.name, only)]
    left_out = []
    if max_files is not None:
        kept, count = [], 0
        for area in ordered:
            room = max_files - count
            if room <= 0:
                left_out.extend(area.files)
                continue
            left_out.extend(area.files[room:])
            for rel in area.files[room:]:
                del area.results[rel]
            area.files = area.files[:room]
            count += len(area.files)
            kept.append(area)
        ordered = kept
    return ordered, left_out


def history_prefix(root, base, files):
    """The most common "prefix:" of the commits before base that touch
    files (the latest of the most common on a tie), or None."""
    try:
        log = git_text(root, 'log', '--no-merges', '--format=%s', '-n', '300', base,
                       '--', *files)
    except SeriesError:
        return None
    counts = collections.Counter()
    first = {}
    for i, subject in enumerate(log.splitlines()):
        m = PREFIX_RE.match(subject)
        if not m or m.group(1).startswith(NOT_PREFIXES):
            continue
        counts[m.group(1)] += 1
        first.setdefault(m.group(1), i)
    if not counts:
        return None
    return max(counts, key=lambda p: (counts[p], -first[p]))


def path_prefix(files):
    """A prefix made from the files' paths: their common directory without
    the components that name no subsystem (drivers, core, host, ...), its
    first and last components joined by '/', and for a single file its
    name after ': ', less a _main, unless it starts with that last
    component (net/core/page_pool.c: "net: page_pool";
    drivers/nvme/host/pci.c: "nvme: pci"; drivers/net/ethernet/
    mellanox/mlx5/core/*.c: "net/mlx5"; drivers/gpu/drm/ttm/ttm_pool.c:
    "drm/ttm")."""
    common = os.path.commonpath([os.path.dirname(f) or '.' for f in files])
    parts = [p for p in common.split('/') if p and p != '.' and p not in GENERIC]
    leaf = None
    if len(files) == 1:
        stem = re.sub(r'[_-]main$', '', os.path.splitext(os.path.basename(files[0]))[0])
        if stem not in GENERIC and (not parts or not stem.startswith(parts[-1])):
            leaf = stem
    if not parts:
        return leaf or 'treewide'
    head = parts[0] if len(parts) == 1 else parts[0] + '/' + parts[-1]
    return head + (': ' + leaf if leaf else '')


def describe(area):
    """(subject after the prefix, body paragraphs) of an area's patch."""
    converted = area.sites('converted')
    by_api = collections.Counter(s['api'] for s in converted)
    new = sorted({NEW_API[api] for api in by_api})
    diffs = ''.join(unified_diff(rel, area.results[rel].old, area.results[rel].new)
                    for rel in area.files)
    ops = sorted(set(OPS_RE.findall(diffs)))
    if new:
        subject = 'convert to %s' % ' and '.join('%s()' % n for n in new)
    else:
        subject = 'convert dma_map_ops to .map_phys'
    paras = [
        'Since Linux 6.18 the DMA API maps a physical address: dma_map_phys() '
        'and dma_unmap_phys() take a phys_addr_t and DMA attributes, where '
        'dma_map_page() took a struct page and an offset, and '
        'dma_map_resource() the address of an MMIO resource.  The old calls '
        'are now wrappers around the new ones.']
    if converted:
        counts = ', '.join('%s() %d' % (api, by_api[api]) for api in sorted(by_api))
        what = ('Convert the %scall site%s of %s (%s).'
                % ('' if len(converted) == 1 else '%d ' % len(converted),
                   '' if len(converted) == 1 else 's',
                   'this file' if len(area.files) == 1 else
                   'these %d files' % len(area.files), counts))
        if any(api not in RESOURCE_APIS for api in by_api):
            what += ('  A page and an offset become the physical address they '
                     'stand for (page_to_phys(page) + offset, or sg_phys(), '
                     'bvec_phys(), virt_to_phys() where the pair came from '
                     'one), dma_map_page() and dma_unmap_page() get attrs 0, '
                     'and the _attrs variants keep theirs.')
        paras.append(what)
    if any(api in RESOURCE_APIS for api in by_api):
        paras.append('dma_map_resource() and dma_unmap_resource() become '
                     'dma_map_phys() and dma_unmap_phys() with DMA_ATTR_MMIO: '
                     'the address is a device\'s MMIO resource, not RAM, and '
                     'the attribute tells the DMA layer so, as '
                     'dma_map_resource() did, so that it never bounces it '
                     'through swiotlb nor syncs a CPU cache for it.')
    if ops:
        paras.append('The dma_map_ops .map_page and .unmap_page '
                     'implementations become .map_phys and .unmap_phys, '
                     'which take the physical address.')
    paras.append('No functional change intended.')
    left = area.sites('left')
    if left:
        reasons = collections.Counter(s['reason'] for s in left)
        paras.append('Left as they are: %s.' % ', '.join(
            '%d in %s' % (n, r if r in ('comment', 'macro body') else 'a ' + r)
            for r, n in sorted(reasons.items())))
    paras.append('Generated with physcheck-convert, from its Coccinelle rules.')
    return subject, paras


def wrap(paras):
    return '\n\n'.join(textwrap.fill(p, WIDTH, break_long_words=False,
                                     break_on_hyphens=False) for p in paras)


def blob_id(data):
    return hashlib.sha1(b'blob %d\0' % len(data) + data).hexdigest()


def modes(root, base, files):
    """{rel: mode} of files in base; SeriesError for a file not in it."""
    out = git(root, 'ls-tree', '-z', base, '--', *files)
    found = {}
    for item in out.split(b'\0'):
        if not item:
            continue
        meta, _, name = item.partition(b'\t')
        found[name.decode('utf-8', 'surrogateescape')] = meta.split()[0].decode()
    return found


def base_texts(root, base, files):
    """{rel: bytes} of files as base has them (git cat-file --batch)."""
    data = ''.join('%s:%s\n' % (base, rel) for rel in files)
    out = git(root, 'cat-file', '--batch', data=encode(data))
    texts = {}
    pos = 0
    for rel in files:
        end = out.index(b'\n', pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[1] != b'blob':
            texts[rel] = None
            continue
        size = int(header[2])
        texts[rel] = out[pos:pos + size]
        pos += size + 1
    return texts


def diffstat(diffs):
    """git's stat lines of [(rel, diff text)], and its summary line."""
    counts = []
    for rel, diff in diffs:
        lines = diff.split('\n')
        plus = sum(1 for ln in lines if ln.startswith('+') and not ln.startswith('+++ '))
        minus = sum(1 for ln in lines if ln.startswith('-') and not ln.startswith('--- '))
        counts.append((rel, plus, minus))
    width = max(len(rel) for rel, _, _ in counts)
    digits = max(len(str(p + m)) for _, p, m in counts)
    top = max(p + m for _, p, m in counts)
    room = max(10, 72 - width - digits)
    out = []
    for rel, plus, minus in counts:
        total = plus + minus
        scale = min(1.0, room / top) if top else 1
        p = int(round(plus * scale)) if plus else 0
        m = int(round(minus * scale)) if minus else 0
        out.append(' %-*s | %*d %s%s' % (width, rel, digits, total,
                                          '+' * max(p, 1 if plus else 0),
                                          '-' * max(m, 1 if minus else 0)))
    ins = sum(p for _, p, _ in counts)
    dels = sum(m for _, _, m in counts)
    summary = ' %d file%s changed' % (len(counts), '' if len(counts) == 1 else 's')
    if ins:
        summary += ', %d insertion%s(+)' % (ins, '' if ins == 1 else 's')
    if dels:
        summary += ', %d deletion%s(-)' % (dels, '' if dels == 1 else 's')
    return out + [summary]


def header_value(text):
    """A header's value, RFC 2047 encoded when it is not ASCII."""
    try:
        text.encode('ascii')
        return text
    except UnicodeEncodeError:
        return email.header.Header(text, 'utf-8').encode()


def person(ident):
    """'Name <mail>' with the name encoded as a mail header wants it."""
    name, mail = email.utils.parseaddr(ident)
    if not mail:
        return ident
    return email.utils.formataddr((header_value(name) if name else '', mail))


def address_header(name, values):
    if not values:
        return ''
    return '%s: %s\n' % (name, ',\n    '.join(person(v) for v in values))


class Identity:
    """The author of the series, and the Signed-off-by when asked."""

    def __init__(self, root, signoff):
        ident = git_text(root, 'var', 'GIT_AUTHOR_IDENT').strip()
        m = re.match(r'^(.*>) (\d+) ([+-]\d{4})$', ident)
        if not m:
            raise SeriesError('git var GIT_AUTHOR_IDENT: cannot read %r' % ident)
        self.author = m.group(1)
        zone = m.group(3)
        offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
        tz = datetime.timezone(-offset if zone[0] == '-' else offset)
        self.date = email.utils.format_datetime(
            datetime.datetime.fromtimestamp(int(m.group(2)), tz))
        self.signoff = None
        if signoff:
            name = config(root, 'user.name')
            mail = config(root, 'user.email')
            if not name or not mail:
                raise SeriesError('--signoff needs git config user.name and user.email')
            self.signoff = '%s <%s>' % (name, mail)


def config(root, key):
    try:
        return git_text(root, 'config', '--get', key).strip()
    except SeriesError:
        return ''


def tool_version():
    """physcheck's commit when it runs from a git checkout."""
    try:
        proc = subprocess.run(['git', '-C', paths.PREFIX, 'describe', '--always',
                               '--dirty', '--abbrev=12'], capture_output=True,
                              text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return 'physcheck (version unknown)'
    if proc.returncode or not proc.stdout.strip():
        return 'physcheck (installed; not a git checkout)'
    return 'physcheck commit %s' % proc.stdout.strip()


def file_name(number, subject):
    name = re.sub(r'[^A-Za-z0-9._]+', '-', subject).strip('-.')[:52].rstrip('-.')
    return '%04d-%s.patch' % (number, name)


def mail(ident, number, total, subject, to, cc, body, tail='', signed=True):
    """One mail of the series, as git format-patch writes it; the cover
    letter (number 0) is never signed off."""
    head = ('From %s Mon Sep 17 00:00:00 2001\nFrom: %s\nDate: %s\n'
            'Subject: [PATCH %0*d/%d] %s\n'
            % (ZERO, person(ident.author), ident.date, len(str(total)), number, total,
               header_value(subject)))
    head += address_header('To', to) + address_header('Cc', cc)
    head += ('MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n'
             'Content-Transfer-Encoding: 8bit\n\n')
    text = head + body
    if ident.signoff and signed:
        text += '\nSigned-off-by: %s\n' % ident.signoff
    return text + tail + '-- \nphyscheck-convert\n\n'


def addresses(entry):
    """(To, Cc) of an entry: M: to, R: and L: copied; L: to without M:."""
    if entry is None:
        return [], []
    to = [address(v) for v in entry.maintainers]
    cc = [address(v) for v in entry.reviewers + entry.lists]
    if not to:
        to, cc = [address(v) for v in entry.lists], [address(v) for v in entry.reviewers]
    return to, cc


def area_addresses(area):
    """(To, Cc) of an area's patch: the remaining files' are those of the
    catch-all entries (THE REST)."""
    if area.entry is not None:
        return addresses(area.entry)
    to, cc = [], []
    for entry in area.catch_all:
        t, c = addresses(entry)
        to += [a for a in t if a not in to]
        cc += [a for a in c if a not in cc and a not in to]
    return to, cc


def make_patch(ident, area, number, total, file_modes):
    subject = '%s: %s' % (area.prefix, area.subject)
    to, cc = area_addresses(area)
    diffs = []
    for rel in area.files:
        result = area.results[rel]
        old, new = encode(result.old), encode(result.new)
        mode = file_modes[rel]
        head = ('diff --git a/%s b/%s\nindex %s..%s %s\n'
                % (rel, rel, blob_id(old)[:12], blob_id(new)[:12], mode))
        diffs.append((rel, head + unified_diff(rel, result.old, result.new)))
    body = wrap(area.paras) + '\n'
    tail = '---\n%s\n\n%s' % ('\n'.join(diffstat(diffs)), ''.join(d for _, d in diffs))
    return file_name(number, subject), mail(ident, number, total, subject, to, cc, body,
                                            tail)


def cover_letter(ident, areas, total, account, command, version, base_id, left_out):
    converted = sum(len(a.sites('converted')) for a in areas)
    files = sum(len(a.files) for a in areas)
    paras = [
        'Since Linux 6.18 the DMA API maps physical addresses: dma_map_phys() '
        'and dma_unmap_phys() take a phys_addr_t and DMA attributes, and '
        'DMA_ATTR_MMIO marks an address that is not RAM.  dma_map_page(), '
        'dma_unmap_page(), their _attrs variants, dma_map_resource() and '
        'dma_unmap_resource() are wrappers around them now.',
        'This series converts their remaining callers, one patch per area of '
        'MAINTAINERS, so that each goes through its own tree: %d call site%s '
        'in %d file%s, in %d patch%s.  Each patch touches only its own files '
        'and applies on its own; none depends on another.'
        % (converted, '' if converted == 1 else 's', files, '' if files == 1 else 's',
           total, '' if total == 1 else 'es')]
    body = wrap(paras) + '\n\nSites converted, by patch:\n\n'
    width = len(str(total))
    for number, area in enumerate(areas, 1):
        body += ('  %0*d/%d  %4d site%s  %3d file%s  %s (%s)\n'
                 % (width, number, total, len(area.sites('converted')),
                    ' ' if len(area.sites('converted')) == 1 else 's',
                    len(area.files), ' ' if len(area.files) == 1 else 's',
                    area.prefix, area.name))
    body += '  total  %d sites  %d files\n' % (converted, files)
    left = [s for s in account if s['status'] == 'left']
    body += '\nSites left as they are (%d), and why:\n\n' % len(left)
    if left:
        for site in left:
            reason = site['reason']
            if reason == 'unsupported shape':
                reason += ': ' + site['text']
            body += '  %s:%d: %s: %s\n' % (site['file'], site['line'], site['api'], reason)
    else:
        body += '  none\n'
    if left_out:
        body += ('\nLeft out by --max-files (converted, not in this series): %d '
                 'file%s:\n\n%s' % (len(left_out), '' if len(left_out) == 1 else 's',
                                   ''.join('  %s\n' % rel for rel in left_out)))
    body += '\n' + wrap(['How this series was made: %s, with the Coccinelle rules '
                         'of its cocci/ directory, by' % version])
    body += '\n\n  %s\n\n' % command
    everyone_to, everyone_cc = [], []
    for area in areas:
        to, cc = area_addresses(area)
        everyone_to += [a for a in to if a not in everyone_to]
        everyone_cc += [a for a in cc if a not in everyone_cc]
    everyone_cc = [a for a in everyone_cc if a not in everyone_to]
    return mail(ident, 0, total, 'Convert page-based DMA mapping to dma_map_phys()',
                everyone_to, everyone_cc, body + 'base-commit: %s\n' % base_id,
                signed=False)


def prepare(root, base, maint, areas):
    """Prefixes and texts of each area; checks that base has each file as
    the work tree does."""
    files = [rel for area in areas for rel in area.files]
    if not files:
        return {}
    file_modes = modes(root, base, files)
    texts = base_texts(root, base, files)
    for area in areas:
        for rel in area.files:
            if texts.get(rel) is None or rel not in file_modes:
                raise SeriesError('%s is not in %s: the series is made against it '
                                  '(commit the file, or give --base)' % (rel, base))
            if texts[rel] != encode(area.results[rel].old):
                raise SeriesError('%s differs from %s: the series is made against it '
                                  '(commit or stash the change, or give --base)'
                                  % (rel, base))
        prefix = history_prefix(root, base, area.files)
        area.prefix_from = 'history' if prefix else 'path'
        area.prefix = prefix or path_prefix(area.files)
        area.subject, area.paras = describe(area)
        area.catch_all = maint.catch_all() if maint else []
    return file_modes


def base_commit(root, base):
    try:
        return git_text(root, 'rev-parse', '--verify', '-q', base + '^{commit}').strip()
    except SeriesError:
        raise SeriesError('--base %s: not a commit of the work tree at %s' % (base, root))


def check_tree(root):
    try:
        top = git_text(root, 'rev-parse', '--show-toplevel').strip()
    except SeriesError:
        raise SeriesError('--series needs a git work tree; %s is not in one' % root)
    if os.path.realpath(top) != os.path.realpath(root):
        raise SeriesError('--series needs the PATHs inside one git work tree')


def dry_run(out, areas, left_out, account):
    total = len(areas)
    for number, area in enumerate(areas, 1):
        out.write('%04d %s: %s\n     area: %s; %d file%s, %d site%s converted, '
                  'prefix from %s\n'
                  % (number, area.prefix, area.subject, area.name, len(area.files),
                     '' if len(area.files) == 1 else 's', len(area.sites('converted')),
                     '' if len(area.sites('converted')) == 1 else 's', area.prefix_from))
        for rel in area.files:
            sites = area.results[rel].sites
            done = sum(1 for s in sites if s['status'] == 'converted')
            out.write('     %s (%d site%s)\n' % (rel, done, '' if done == 1 else 's'))
    converted = sum(len(a.sites('converted')) for a in areas)
    left = sum(1 for s in account if s['status'] == 'left')
    out.write('%d patch%s, %d site%s converted in %d file%s, %d left%s\n'
              % (total, '' if total == 1 else 'es', converted,
                 '' if converted == 1 else 's', sum(len(a.files) for a in areas),
                 '' if sum(len(a.files) for a in areas) == 1 else 's', left,
                 '; %d file%s left out by --max-files' % (len(left_out), '' if
                                                          len(left_out) == 1 else 's')
                 if left_out else ''))


def area_filter(maint, only):
    """select(rel) for --only: whether a candidate file is in one of the
    named areas, so that only those files go to spatch."""
    if not only:
        return None
    return lambda rel: named(area_name(maint, rel), only)


def write(args, root, maint, results, account, out, command):
    """Write (or, with --dry-run, print) the series; the paths written."""
    check_tree(root)
    base = args.base or 'HEAD'
    base_id = base_commit(root, base)
    areas, left_out = plan(maint, results, args.only or (), args.max_files)
    if args.only and not areas:
        raise SeriesError('--only %s: no converted file is in such an area'
                          % ', '.join(args.only))
    file_modes = prepare(root, base_id, maint, areas)
    # with --only, the account holds the named areas' files only
    in_scope = account
    if args.dry_run:
        dry_run(out, areas, left_out, in_scope)
        return []
    if not areas:
        raise SeriesError('no file was converted: no series to write')
    ident = Identity(root, args.signoff)
    total = len(areas)
    written = []
    directory = args.series
    try:
        os.makedirs(directory, exist_ok=True)
    except OSError as e:
        raise SeriesError('cannot create %s: %s' % (directory, e.strerror))
    files = [('0000-cover-letter.patch',
              cover_letter(ident, areas, total, in_scope, command, tool_version(),
                           base_id, left_out))]
    for number, area in enumerate(areas, 1):
        files.append(make_patch(ident, area, number, total, file_modes))
    for name, text in files:
        path = os.path.join(directory, name)
        try:
            with open(path, 'wb') as f:
                f.write(encode(text))
        except OSError as e:
            raise SeriesError('cannot write %s: %s' % (path, e.strerror))
        written.append(path)
    return written


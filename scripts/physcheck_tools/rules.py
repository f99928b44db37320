# SPDX-License-Identifier: GPL-2.0
"""The conversion rules: cocci/*.cocci, their spatch options and the
tokens that make a rule worth running on a file."""

import os
import re

from . import paths
from .common import UsageError, read_text
from .sites import APIS, SCAN_TOKENS

# Rules that rewrite call sites run before the rule that rewrites the
# dma_map_ops implementations: the latter then finds the page_to_phys(page)
# + offset the former wrote and folds it into the new phys parameter.
# Rules not named here run afterwards, by name.
RULE_ORDER = ('dma_map_page', 'dma_unmap_page', 'dma_map_resource',
              'dma_map_ops')

DEFAULT_OPTIONS = ['--no-includes', '--include-headers']
# A rule's "// Options:" line is written for coccicheck, which runs spatch
# on the files in place; here each file is a private copy.  A rule that
# asks for --include-headers-for-types (it needs the types of struct
# fields) gets copies of the headers each file reaches through quoted
# includes laid beside it (see spatch.local_headers()), and TYPED_OPTIONS
# instead of its own include options; another rule gets --no-includes,
# which is faster.  No header is converted: headers are never candidates.
INCLUDE_OPTIONS = ('--no-includes', '--include-headers', '--all-includes',
                   '--local-includes', '--recursive-includes',
                   '--include-headers-for-types')
TYPED_OPTIONS = ['--local-includes', '--recursive-includes', '--include-headers-for-types']
UNTYPED_OPTIONS = ['--no-includes']


class Rule:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)[:-len('.cocci')]
        text = read_text(path)
        m = re.search(r'^//\s*Options:(.*)$', text, re.M)
        self.options = m.group(1).split() if m else list(DEFAULT_OPTIONS)
        self.typed = '--include-headers-for-types' in self.options
        self.driver_options = [o for o in self.options if o not in INCLUDE_OPTIONS] + \
            (TYPED_OPTIONS if self.typed else UNTYPED_OPTIONS)
        m = re.search(r'^//\s*Keywords:(.*)$', text, re.M)
        words = set(re.findall(r'\w+', m.group(1))) if m else set()
        # The rule is worth a spatch run on a file only when the file holds
        # one of the scanned tokens the rule names; a rule that names none
        # runs on every candidate.
        self.triggers = words & set(SCAN_TOKENS)
        self.trigger_re = (re.compile(r'\b(?:%s)\b' % '|'.join(sorted(self.triggers)))
                           if self.triggers else None)

    def wanted(self, text):
        return self.trigger_re is None or self.trigger_re.search(text) is not None


def load_rules(selection):
    directory = paths.COCCI
    try:
        names = sorted(f for f in os.listdir(directory) if f.endswith('.cocci'))
    except OSError:
        raise UsageError('no rule directory %s' % os.path.normpath(directory))
    rules = {f[:-len('.cocci')]: os.path.join(directory, f) for f in names}
    if not rules:
        raise UsageError('no rule in %s' % os.path.normpath(directory))
    if selection is not None:
        wanted = [s.strip() for s in selection.split(',') if s.strip()]
        if not wanted:
            raise UsageError('--rules: no rule named')
        unknown = [s for s in wanted if s not in rules]
        if unknown:
            raise UsageError("unknown rule '%s' (rules: %s)"
                             % (unknown[0], ', '.join(sorted(rules))))
        rules = {name: rules[name] for name in wanted}
    order = [n for n in RULE_ORDER if n in rules] + \
        sorted(n for n in rules if n not in RULE_ORDER)
    loaded = []
    for name in order:
        try:
            loaded.append(Rule(rules[name]))
        except OSError as e:
            raise UsageError('cannot read rule %s: %s' % (rules[name], e.strerror))
    return loaded


def handled_apis(rules):
    """The APIs the rules name in their Keywords, or None if one names none."""
    apis = set()
    for rule in rules:
        if not rule.triggers:
            return None
        apis |= rule.triggers & set(APIS)
    return apis

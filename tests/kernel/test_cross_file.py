# SPDX-License-Identifier: GPL-2.0
"""Cross-file facts on the main kernel: physcheck-db solves the facts the
checker findings' pass wrote (test_checker_findings.py) into a database.

It must derive, with the chains printed, that dma_map_phys()'s phys must
be kmappable unless DMA_ATTR_MMIO is set, through dma-direct (swiotlb_map())
and through dma-iommu (swiotlb_tbl_map_single()); the model's lines it
judges are listed, none contradicted; `make C=2` with the database finds
the plain run's findings and only those of findings-<tree>-db.txt beside
them, each with a verdict, false positives within the checker's goal over
both lists.  The solve's time and the database's size are
in the names (the bench compares them with the pass).
"""

import collections
import os
import re
import subprocess
import sys
import time

import test_checker_findings as findings

TOOL = 'scripts/physcheck-db'
# 100 MB: the issue's bound for the seven directories' database
DB_LIMIT = 100 << 20


def run_db(env, *args):
    return subprocess.run([sys.executable, os.path.join(env['root'], TOOL)] + list(args),
                          capture_output=True, text=True, timeout=600)


def ensure_facts(env):
    """The findings pass's facts; made here when this module runs alone."""
    facts = findings.facts_dir(env)
    if not os.path.isdir(facts) or not os.listdir(facts):
        checker = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
        findings.make_c2(env['tree'], '%s --facts-dir=%s' % (checker, facts))
    return facts


def check_chains(out, env, db):
    proc = run_db(env, 'chains', 'dma_map_phys', '--db', db)
    text = proc.stdout
    chains = re.split(r'\n  to ', text)
    direct = [c for c in chains if c.startswith('swiotlb_map()') and 'dma_direct_map_phys()' in c]
    iommu = [c for c in chains if c.startswith('swiotlb_tbl_map_single()') and
             'iommu_dma_map_phys()' in c]
    out.result(proc.returncode == 0 and 'parameter 2 must be kmappable, unless parameter 5 '
               'carries DMA_ATTR_MMIO' in text and direct and iommu,
               'cross-file: the database derives that dma_map_phys() needs RAM unless '
               'DMA_ATTR_MMIO, through dma-direct and through dma-iommu to swiotlb',
               text + proc.stderr)


def check_model(out, env, db):
    proc = run_db(env, 'check-model', '--db', db)
    last = proc.stdout.strip().split('\n')[-1] if proc.stdout.strip() else ''
    out.result(proc.returncode == 0 and 'confirmed' in last,
               'cross-file: the model against the tree: %s' % last,
               proc.stdout + proc.stderr)


def check_findings(out, env, db):
    here = os.path.dirname(os.path.abspath(__file__))
    name = os.path.basename(env['tree'])
    plain = findings.load_verdicts(os.path.join(here, 'findings-%s.txt' % name))
    added = findings.load_verdicts(os.path.join(here, 'findings-%s-db.txt' % name))
    checker = os.path.join(env['root'], 'sparse-plugin', 'physcheck')
    proc = findings.make_c2(env['tree'], '%s --db=%s' % (checker, db))
    have, _ = findings.found(proc.stdout + proc.stderr)
    want = collections.Counter({k: len(v) for k, v in plain.items()})
    want.update({k: len(v) for k, v in added.items()})
    every = [v for vs in list(plain.values()) + list(added.values()) for v in vs]
    false = every.count('false')
    out.result(proc.returncode == 0 and have == want and
               findings.false_share_ok(false, len(every)),
               'cross-file: make C=2 --db finds the listed findings and %d more, each '
               'with a verdict (%d false of %d in all, %.0f%%)'
               % (sum(len(v) for v in added.values()), false, len(every),
                  100.0 * false / max(len(every), 1)),
               'not listed:\n%s\nlisted, not found:\n%s' % (
                   '\n'.join('  %s %s: %s' % k for k in sorted(have - want)),
                   '\n'.join('  %s %s: %s' % k for k in sorted(want - have))))


def tests(out, env):
    facts = ensure_facts(env)
    db = os.path.join(env['build'], 'tests', 'kernel-%s.db' % os.path.basename(env['tree']))
    start = time.monotonic()
    proc = run_db(env, 'build', facts, '-o', db)
    took = time.monotonic() - start
    size = os.path.getsize(db) if os.path.exists(db) else 0
    out.result(proc.returncode == 0 and 0 < size < DB_LIMIT,
               'cross-file: physcheck-db build solves the facts of %s in %.1f s, '
               '%.1f MB' % (' '.join(findings.DIRS), took, size / 1e6),
               proc.stdout + proc.stderr)
    if proc.returncode:
        return
    check_chains(out, env, db)
    check_model(out, env, db)
    check_findings(out, env, db)

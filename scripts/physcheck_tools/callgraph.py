# SPDX-License-Identifier: GPL-2.0
"""The tree's call graph from its units' facts, solved to a fixed point:
a parameter a function hands on, unproven, to a parameter of another
function that must be kmappable must be kmappable too, on the condition
the call keeps.  Each requirement keeps its path: the call of each step,
to the sink.

A function with external linkage is known by its name over the whole
tree (several definitions of one name, as drivers built apart may have,
join as one); a static one only inside its unit, where it comes before
an external one of the same name.
"""

import collections

from . import facts as factsmod


# paths kept per requirement, one per call it leaves the function by
MAX_CHAINS = 8


class Requirement:
    __slots__ = ('unless', 'chains', 'derived')

    def __init__(self, unless, hops, derived):
        self.unless = unless    # 0: always; N: unless parameter N carries the flag
        self.chains = [hops]    # [[facts.Hop]], from the function to a sink
        self.derived = derived  # through another function's facts

    @property
    def hops(self):
        """The first path found: the one callers extend."""
        return self.chains[0]

    def add_chain(self, hops):
        """Another path, when it leaves by another call."""
        first = (hops[0].file, hops[0].line, hops[0].callee) if hops else None
        for chain in self.chains:
            if chain and (chain[0].file, chain[0].line, chain[0].callee) == first:
                return
        if len(self.chains) < MAX_CHAINS:
            self.chains.append(hops)


class Node:
    """One function of the tree (or several external ones of one name)."""

    def __init__(self, key, function, unit):
        self.key = key
        self.name = function.name
        self.static = function.static
        self.file, self.line = function.file, function.line
        self.nr_params = function.nr_params
        self.units = [unit.path]
        self.requires = {}      # param -> Requirement
        self.passes = []        # (facts.Pass, unit path)


def key_of(unit_path, function):
    return (unit_path if function.static else '', function.name)


class CallGraph:
    def __init__(self, units):
        self.nodes = {}
        self.flags = set()
        self.units = units
        for unit in units:
            self.flags.update(unit.flags)
            for function in unit.functions.values():
                self.add(unit, function)
        self.callers = collections.defaultdict(list)    # callee key -> (node, pass)
        for node in self.nodes.values():
            for p, unit_path in node.passes:
                callee = self.resolve(unit_path, p.callee)
                if callee:
                    self.callers[callee.key].append((node, p))

    def add(self, unit, function):
        key = key_of(unit.path, function)
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = Node(key, function, unit)
        elif unit.path not in node.units:
            node.units.append(unit.path)
        for param, (unless, hops) in function.requires.items():
            join(node, param, unless, hops, False)
        node.passes.extend((p, unit.path) for p in function.passes)

    def resolve(self, unit_path, name):
        return self.nodes.get((unit_path, name)) or self.nodes.get(('', name))

    def solve(self):
        """Requirements to the fixed point; returns the rounds of the
        worklist (each function at most twice per parameter: a
        requirement can only appear, then lose its condition)."""
        work = collections.deque(n for n in self.nodes.values() if n.requires)
        queued = set(n.key for n in work)
        steps = 0
        while work:
            callee = work.popleft()
            queued.discard(callee.key)
            steps += 1
            for caller, p in self.callers.get(callee.key, ()):
                if hand_on(caller, callee, p) and caller.key not in queued:
                    work.append(caller)
                    queued.add(caller.key)
        return steps


def condition(p, unless):
    """What a callee's condition `unless parameter @unless` becomes at
    call @p: None (the attrs carry the flag: never required), the
    caller's own attrs parameter, or the call's own condition."""
    if unless:
        _, claim = p.args.get(unless, (0, 'none'))
        if claim == 'set':
            return None
        if claim.startswith('p'):
            return int(claim[1:])
    return p.unless


def join(node, param, unless, hops, derived):
    """Whether @node's requirement on @param is new or lost its condition."""
    old = node.requires.get(param)
    if old is None:
        node.requires[param] = Requirement(unless, hops, derived)
        return True
    old.add_chain(hops)
    if old.unless and old.unless != unless:
        old.unless = 0
        return True
    return False


def hand_on(caller, callee, p):
    changed = False
    for arg, req in sorted(callee.requires.items()):
        params, _ = p.args.get(arg, (0, 'none'))
        if not params:
            continue
        unless = condition(p, req.unless)
        if unless is None:
            continue
        hop = factsmod.Hop(p.file, p.line, p.col, caller.name, callee.name, arg)
        for bit in range(32):
            if params & (1 << bit):
                changed |= join(caller, bit + 1, unless, [hop] + req.hops, True)
    return changed

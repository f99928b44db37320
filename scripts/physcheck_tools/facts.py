# SPDX-License-Identifier: GPL-2.0
"""Cross-file facts as the checkers write them (analysis/facts.h has the
format): read from `--facts-dir` files, or from the .discard.physcheck
section the GCC plugin puts into each object, and checked whole."""

import os
import struct

MAGIC = 'physcheck-facts'
VERSION = 1
SECTION = '.discard.physcheck'
SUFFIX = '.facts'
# a facts file is a few KiB; one that is not is not facts
LIMIT = 64 << 20


class FactsError(Exception):
    """A facts file or object that cannot be used: its name and why."""


class Hop:
    __slots__ = ('file', 'line', 'col', 'caller', 'callee', 'arg')

    def __init__(self, file, line, col, caller, callee, arg):
        self.file, self.line, self.col = file, line, col
        self.caller, self.callee, self.arg = caller, callee, arg


class Function:
    def __init__(self, name, static, file, line, nr_params):
        self.name, self.static = name, static
        self.file, self.line, self.nr_params = file, line, nr_params
        self.requires = {}      # param -> (unless, [Hop])
        self.passes = []        # Pass


class Pass:
    def __init__(self, callee, file, line, col, unless, args):
        self.callee, self.file, self.line, self.col = callee, file, line, col
        self.unless = unless
        self.args = args        # arg -> (params mask, claim)


class Unit:
    def __init__(self, path, source):
        self.path = path        # the source file, as the checker saw it
        self.source = source    # the facts file or object it came from
        self.flags = []
        self.functions = {}     # name -> Function


def parse_hop(field):
    # FILE:LINE:COL:CALLER:CALLEE:ARG, FILE itself may hold a colon
    file, line, col, caller, callee, arg = field.rsplit(':', 5)
    return Hop(file, int(line), int(col), caller, callee, int(arg))


def parse_pass_arg(field):
    arg, params, claim = field.split(':')
    return int(arg), (int(params), claim)


def parse_record(unit, fields):
    kind = fields[0]
    if kind == 'unit' and len(fields) == 2:
        unit.path = fields[1]
    elif kind == 'flag' and len(fields) == 2:
        unit.flags.append(fields[1])
    elif kind == 'func' and len(fields) == 6:
        if fields[2] not in ('extern', 'static'):
            raise ValueError('linkage %r' % fields[2])
        unit.functions[fields[1]] = Function(fields[1], fields[2] == 'static', fields[3],
                                             int(fields[4]), int(fields[5]))
    elif kind == 'req' and len(fields) >= 5:
        hops = [parse_hop(f) for f in fields[5:]]
        if len(hops) != int(fields[4]):
            raise ValueError('%s steps, %d given' % (fields[4], len(hops)))
        unit.functions[fields[1]].requires[int(fields[2])] = (int(fields[3]), hops)
    elif kind == 'pass' and len(fields) >= 7:
        args = dict(parse_pass_arg(f) for f in fields[7:])
        unit.functions[fields[1]].passes.append(
            Pass(fields[2], fields[3], int(fields[4]), int(fields[5]), int(fields[6]), args))
    else:
        raise ValueError('unknown record %r' % kind)


def parse(text, source):
    """The Unit of facts @text, read from @source; FactsError if it is not
    whole facts of this version."""
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()
    if not lines or lines[0] != '%s\t%d' % (MAGIC, VERSION):
        raise FactsError('%s: not physcheck facts of version %d' % (source, VERSION))
    if not lines[-1].startswith('end\t'):
        raise FactsError('%s: cut short (no end record after %d lines)' % (source, len(lines)))
    unit = Unit(None, source)
    records = 0
    for number, line in enumerate(lines[1:], 2):
        fields = line.split('\t')
        if fields[0] == 'end':
            if number != len(lines) or len(fields) != 2 or fields[1] != str(records):
                raise FactsError('%s:%d: the end record does not match the %d records '
                                 'before it' % (source, number, records))
            if unit.path is None:
                raise FactsError('%s: no unit record' % source)
            return unit
        try:
            parse_record(unit, fields)
        except (ValueError, KeyError, IndexError) as e:
            raise FactsError('%s:%d: bad %s record (%s)' % (source, number, fields[0], e))
        records += 1
    raise FactsError('%s: cut short (no end record after %d records)' % (source, records))


def elf_section(data, name, source):
    """The bytes of section @name of ELF object @data, or None."""
    if data[:4] != b'\x7fELF':
        raise FactsError('%s: not an ELF object' % source)
    is64, order = data[4] == 2, '<' if data[5] == 1 else '>'
    try:
        if is64:
            shoff, = struct.unpack_from(order + 'Q', data, 0x28)
            shentsize, shnum, shstrndx = struct.unpack_from(order + 'HHH', data, 0x3a)
            entry = order + 'IIQQQQIIQQ'
        else:
            shoff, = struct.unpack_from(order + 'I', data, 0x20)
            shentsize, shnum, shstrndx = struct.unpack_from(order + 'HHH', data, 0x2e)
            entry = order + 'IIIIIIIIII'
        headers = [struct.unpack_from(entry, data, shoff + i * shentsize)
                   for i in range(shnum)]
        strtab = headers[shstrndx]
        for h in headers:
            start = strtab[4] + h[0]
            end = data.index(b'\0', start)
            if data[start:end].decode('ascii', 'replace') == name:
                if h[4] + h[5] > len(data):
                    raise FactsError('%s: section %s cut short' % (source, name))
                return data[h[4]:h[4] + h[5]]
    except (struct.error, IndexError, ValueError):
        raise FactsError('%s: a corrupt ELF object' % source)
    return None


def read_file(path):
    with open(path, 'rb') as f:
        data = f.read(LIMIT + 1)
    if len(data) > LIMIT:
        raise FactsError('%s: larger than %d MiB' % (path, LIMIT >> 20))
    return data


def read_facts(path):
    return parse(read_file(path).decode('utf-8', 'surrogateescape'), path)


def read_object(path):
    """The Units an object carries: none for one built without facts,
    several for one linked from several (`ld -r` puts the sections of one
    name end to end: vmlinux.o, a module's .ko)."""
    section = elf_section(read_file(path), SECTION, path)
    if section is None:
        return []
    text = section.decode('utf-8', 'surrogateescape')
    header = '%s\t%d\n' % (MAGIC, VERSION)
    if not text.startswith(header):
        raise FactsError('%s: section %s holds no physcheck facts of version %d'
                         % (path, SECTION, VERSION))
    return [parse(header + part, path) for part in text.split(header)[1:]]


def collect(paths, progress=None):
    """Every unit under @paths (facts files and objects, directories walked
    in name order); an object's facts replace a facts file's of the same
    unit, being what was last built.  FactsError on the first bad one.
    progress(done, total) is called after each file read."""
    files, objects = [], []
    for top in paths:
        if not os.path.exists(top):
            raise FactsError('%s: no such file or directory' % top)
        if os.path.isfile(top):
            (objects if top.endswith('.o') else files).append(top)
            continue
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for name in sorted(names):
                if name.endswith(SUFFIX):
                    files.append(os.path.join(root, name))
                elif name.endswith('.o'):
                    objects.append(os.path.join(root, name))
    units = {}
    total = len(files) + len(objects)
    for done, path in enumerate(files, 1):
        unit = read_facts(path)
        units[unit.path] = unit
        if progress:
            progress(done, total)
    for done, path in enumerate(objects, len(files) + 1):
        for unit in read_object(path):
            units[unit.path] = unit
        if progress:
            progress(done, total)
    return [units[k] for k in sorted(units)]

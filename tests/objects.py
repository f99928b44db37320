# SPDX-License-Identifier: GPL-2.0
"""What two builds of an object must share: its code and its debug info.

The plugin must leave both as they are without it.  gcc records its own
command line in DW_AT_producer (`-fplugin=...` is on one side only), and
that string's length moves the offsets of the others in .debug_str (and,
through the strings' hash table, may put another one first: readelf writes
offset 0 without its 0x): those two are the only differences allowed.
"""

import re
import subprocess

STRING_OFFSET = re.compile(r'\(indirect (line )?string, offset: (0x[0-9a-f]+|0)\)')


def disassemble(path):
    """objdump -d -r of @path without its file name, or None."""
    proc = subprocess.run(['objdump', '-d', '-r', path], capture_output=True,
                          text=True, timeout=600)
    if proc.returncode:
        return None
    # the header names the file, which differs between the two sides
    return proc.stdout[proc.stdout.find('Disassembly of section'):]


def debug_info(path):
    """readelf's DWARF info and line table of @path, producer and string
    offsets left out, or None."""
    proc = subprocess.run(['readelf', '--debug-dump=info,decodedline', path],
                          capture_output=True, text=True, timeout=600)
    if proc.returncode:
        return None
    lines = [STRING_OFFSET.sub('(indirect string)', line)
             for line in proc.stdout.splitlines() if 'DW_AT_producer' not in line]
    # the line table's header names the object
    return '\n'.join(line for line in lines if not line.startswith('File: '))

# SPDX-License-Identifier: GPL-2.0
"""The macros spatch parses kernel files with: its own builtins
(standard.h) and physcheck's additions (cocci/kernel-macros.h), as one
file for --macro-file-builtins, which replaces the builtins.

physcheck-convert and the cocci test tier both run spatch with it, so the
rules are tested as they run.
"""

import os

KERNEL_MACROS = os.path.join(os.path.dirname(os.path.realpath(__file__)), '..', 'cocci',
                             'kernel-macros.h')


class MacroError(Exception):
    """spatch's builtins or physcheck's additions cannot be read."""


# Where Debian's coccinelle and a source build install spatch's files, for
# a spatch that is a wrapper elsewhere on PATH.
INSTALLED_HOMES = ('/usr/lib/coccinelle', '/usr/local/lib/coccinelle')


def spatch_builtins(spatch):
    """spatch's own builtin macro file (standard.h), or None: where
    COCCINELLE_HOME says, else beside spatch as its package installs it,
    else where packages install it."""
    homes = [os.environ.get('COCCINELLE_HOME')]
    prefix = os.path.dirname(os.path.dirname(os.path.realpath(spatch)))
    homes += [os.path.join(prefix, 'lib', 'coccinelle'),
              os.path.join(prefix, 'share', 'coccinelle')]
    homes += INSTALLED_HOMES
    for home in homes:
        if home and os.path.isfile(os.path.join(home, 'standard.h')):
            return os.path.join(home, 'standard.h')
    return None


def write_macro_builtins(spatch, directory, kernel_macros=KERNEL_MACROS):
    """Write the combined file in directory; return its path.  An
    installed physcheck-convert gives the kernel-macros.h it installed."""
    theirs = spatch_builtins(spatch)
    if not theirs:
        raise MacroError('cannot find spatch\'s standard.h (set COCCINELLE_HOME to the '
                         'directory that holds it)')
    try:
        with open(theirs, encoding='utf-8', errors='surrogateescape') as f:
            text = f.read()
        with open(kernel_macros, encoding='utf-8') as f:
            text += '\n' + f.read()
    except OSError as e:
        raise MacroError('cannot read spatch\'s macros: %s: %s' % (e.filename, e.strerror))
    path = os.path.join(directory, 'macros.h')
    with open(path, 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.write(text)
    return path

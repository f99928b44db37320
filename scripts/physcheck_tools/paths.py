# SPDX-License-Identifier: GPL-2.0
"""Where the rules, the model and the tools are.

In the source tree the entry points are scripts/physcheck-*, beside
these modules' directory, with cocci/, model/, sparse-plugin/physcheck
and gcc-plugin/ one level up.  Installed (make install), the entry
points are PREFIX/bin/physcheck-*, these modules are in
PREFIX/lib/physcheck/python/, and the rest is where make install puts
it: PREFIX/share/physcheck/{cocci,kernel.model}, PREFIX/bin/physcheck,
PREFIX/lib/physcheck/physcheck_plugin.so.  The layout is told by where
this file is, never by a path written at install time, so a DESTDIR
install that is moved still finds itself.
"""

import os

HERE = os.path.dirname(os.path.realpath(__file__))
# this package's parent: scripts/ in the source tree, lib/physcheck/python installed
LIBDIR = os.path.dirname(HERE)
_PREFIX = os.path.normpath(os.path.join(LIBDIR, '..', '..', '..'))
INSTALLED = (os.path.basename(LIBDIR) == 'python' and
             os.path.isdir(os.path.join(_PREFIX, 'share', 'physcheck')))

if INSTALLED:
    PREFIX = _PREFIX
    COCCI = os.path.join(PREFIX, 'share', 'physcheck', 'cocci')
    MODEL = os.path.join(PREFIX, 'share', 'physcheck', 'kernel.model')
    CHECKER = os.path.join(PREFIX, 'bin', 'physcheck')
    PLUGIN = os.path.join(PREFIX, 'lib', 'physcheck', 'physcheck_plugin.so')
    CONVERT = os.path.join(PREFIX, 'bin', 'physcheck-convert')
    # what a user is told to run when a tool is missing
    BUILD_HINT = 'reinstall physcheck into %s' % PREFIX
else:
    PREFIX = os.path.dirname(LIBDIR)
    COCCI = os.path.join(PREFIX, 'cocci')
    MODEL = os.path.join(PREFIX, 'model', 'kernel.model')
    CHECKER = os.path.join(PREFIX, 'sparse-plugin', 'physcheck')
    PLUGIN = os.path.join(PREFIX, 'gcc-plugin', 'physcheck_plugin.so')
    CONVERT = os.path.join(LIBDIR, 'physcheck-convert')
    BUILD_HINT = 'run make in %s' % PREFIX

# SPDX-License-Identifier: GPL-2.0
"""The modules behind physcheck-convert and physcheck-gate.

Each module does one job: common (errors, text, bounded reads, atomic
writes), paths (where the rules, the model and the tools are, in the
source tree or installed), clex (the C lexer that finds enclosing
functions, and the C token pattern both tools share), sites (the call
sites a token scan finds, and which of them a conversion removed),
candidates (the files worth running spatch on), rules (the semantic
patches), rundir (the run's temporary directory, and the debris of a
killed run), spatch (running spatch safely, on names it chooses), layout
(the converted text and its diff), convert (physcheck-convert),
maintainers (a tree's MAINTAINERS: which area a file belongs to), series
(the conversion as a patch series, one patch per area), gatelog
(reading logs), baseline, report (text, JSON and SARIF), kbuild (running
the tools on a kernel tree) and gate (physcheck-gate).
"""

// SPDX-License-Identifier: GPL-2.0-only
/// Convert dma_unmap_page() and dma_unmap_page_attrs() to dma_unmap_phys().
///
/// The DMA handle, size and direction stay as they are; dma_unmap_page()
/// gets attrs 0 and dma_unmap_page_attrs() keeps its attrs.  This is the
/// counterpart of dma_map_page.cocci: a mapping made with dma_map_phys()
/// is released with dma_unmap_phys().
///
// Confidence: High
// Options: --no-includes --include-headers
// Keywords: dma_unmap_page, dma_unmap_page_attrs, dma_unmap_phys

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
def physcheck_call_has_comment(pos):
    """True when the call whose name starts at pos holds a comment.

    A comment marker inside a string literal counts too: that call is
    only laid out less well.
    """
    with open(pos.file, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    text = "\n".join(lines[int(pos.line) - 1:])[int(pos.column):]
    depth = 0
    for i, c in enumerate(text):
        # a comment opens with a slash and a star or a second slash
        if c == "/" and text[i + 1:i + 2] in ("*", "/"):
            return True
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return False
    return False


def physcheck_reprint(pos):
    """True when the call at pos may be printed anew, in kernel layout."""
    return not physcheck_call_has_comment(pos)

// dma_unmap_page_attrs() as a whole statement is printed anew, in kernel
// layout, unless it holds a comment; anywhere else (a macro argument ...)
// the call keeps its line breaks and comments, and only its name changes.
@top depends on patch && !context && !org && !report@
position pc : script:python() { physcheck_reprint(pc[0]) };
@@

 dma_unmap_page_attrs@pc(...);

@depends on patch && !context && !org && !report@
expression d, h, s, dir, a;
position top.pc;
@@

- dma_unmap_page_attrs@pc(d, h, s, dir, a)
+ dma_unmap_phys(d, h, s, dir, a)

// dma_unmap_page() and dma_unmap_phys() have names of the same length:
// the call keeps its layout and gains its attrs
@depends on patch && !context && !org && !report@
expression d, h, s, dir, a;
@@

(
- dma_unmap_page
+ dma_unmap_phys
  (d, h, s, dir
+ , 0
  )
|
- dma_unmap_page_attrs
+ dma_unmap_phys
  (d, h, s, dir, a)
)

@depends on context && !patch && !org && !report@
@@

(
* dma_unmap_page(...)
|
* dma_unmap_page_attrs(...)
)

@r_dma_unmap_page depends on !context && !patch && (org || report)@
position p;
@@

 dma_unmap_page@p(...)

@r_dma_unmap_page_attrs depends on !context && !patch && (org || report)@
position p;
@@

 dma_unmap_page_attrs@p(...)

@script:python depends on org@
p << r_dma_unmap_page.p;
@@

coccilib.org.print_todo(p[0], "WARNING: use dma_unmap_phys() instead of dma_unmap_page()")

@script:python depends on report@
p << r_dma_unmap_page.p;
@@

coccilib.report.print_report(p[0], "WARNING: use dma_unmap_phys() instead of dma_unmap_page()")

@script:python depends on org@
p << r_dma_unmap_page_attrs.p;
@@

coccilib.org.print_todo(p[0], "WARNING: use dma_unmap_phys() instead of dma_unmap_page_attrs()")

@script:python depends on report@
p << r_dma_unmap_page_attrs.p;
@@

coccilib.report.print_report(p[0], "WARNING: use dma_unmap_phys() instead of dma_unmap_page_attrs()")

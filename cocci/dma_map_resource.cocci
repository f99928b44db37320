// SPDX-License-Identifier: GPL-2.0-only
/// Convert dma_map_resource() and dma_unmap_resource() to dma_map_phys()
/// and dma_unmap_phys() with DMA_ATTR_MMIO.
///
/// A resource is MMIO (a PCI BAR, a FIFO register) and never has a
/// cacheable CPU mapping: DMA_ATTR_MMIO tells the DMA layer so.  The
/// physical address, size and direction stay as they are; attrs a become
/// a | DMA_ATTR_MMIO, and attrs 0 become DMA_ATTR_MMIO.
///
// Confidence: High
// Options: --no-includes --include-headers
// Keywords: dma_map_resource, dma_unmap_resource, dma_map_phys, DMA_ATTR_MMIO

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

// A call that is a whole statement, the right side of an assignment or
// of an initialisation, or a returned value, is printed anew, in kernel
// layout, unless it holds a comment.  Any other call (an argument of
// another call, a condition ...) keeps its line breaks and comments: only
// its name and attrs are rewritten.
@top depends on patch && !context && !org && !report@
position pc : script:python() { physcheck_reprint(pc[0]) };
expression E;
type T, T1;
identifier v;
@@

(
 \(dma_map_resource@pc\|dma_unmap_resource@pc\)(...);
|
 E = \(dma_map_resource@pc\|dma_unmap_resource@pc\)(...);
|
 E = (T)\(dma_map_resource@pc\|dma_unmap_resource@pc\)(...);
|
 return \(dma_map_resource@pc\|dma_unmap_resource@pc\)(...);
|
 return (T)\(dma_map_resource@pc\|dma_unmap_resource@pc\)(...);
|
 T1 v = \(dma_map_resource@pc\|dma_unmap_resource@pc\)(...);
|
 T1 v = (T)\(dma_map_resource@pc\|dma_unmap_resource@pc\)(...);
)

@depends on patch && !context && !org && !report@
expression d, r, h, s, dir, a;
type T;
position top.pc;
@@

(
- (T)dma_map_resource@pc(d, r, s, dir, 0)
+ (T)dma_map_phys(d, r, s, dir, DMA_ATTR_MMIO)
|
- (T)dma_map_resource@pc(d, r, s, dir, a)
+ (T)dma_map_phys(d, r, s, dir, a | DMA_ATTR_MMIO)
|
- dma_map_resource@pc(d, r, s, dir, 0)
+ dma_map_phys(d, r, s, dir, DMA_ATTR_MMIO)
|
- dma_map_resource@pc(d, r, s, dir, a)
+ dma_map_phys(d, r, s, dir, a | DMA_ATTR_MMIO)
|
- dma_unmap_resource@pc(d, h, s, dir, 0)
+ dma_unmap_phys(d, h, s, dir, DMA_ATTR_MMIO)
|
- dma_unmap_resource@pc(d, h, s, dir, a)
+ dma_unmap_phys(d, h, s, dir, a | DMA_ATTR_MMIO)
)

@depends on patch && !context && !org && !report@
expression d, r, h, s, dir, a;
@@

(
- dma_map_resource
+ dma_map_phys
  (d, r, s, dir,
- 0
+ DMA_ATTR_MMIO
  )
|
- dma_map_resource
+ dma_map_phys
  (d, r, s, dir,
- a
+ a | DMA_ATTR_MMIO
  )
|
- dma_unmap_resource
+ dma_unmap_phys
  (d, h, s, dir,
- 0
+ DMA_ATTR_MMIO
  )
|
- dma_unmap_resource
+ dma_unmap_phys
  (d, h, s, dir,
- a
+ a | DMA_ATTR_MMIO
  )
)

@depends on context && !patch && !org && !report@
@@

(
* dma_map_resource(...)
|
* dma_unmap_resource(...)
)

@r_dma_map_resource depends on !context && !patch && (org || report)@
position p;
@@

 dma_map_resource@p(...)

@r_dma_unmap_resource depends on !context && !patch && (org || report)@
position p;
@@

 dma_unmap_resource@p(...)

@script:python depends on org@
p << r_dma_map_resource.p;
@@

coccilib.org.print_todo(p[0], "WARNING: use dma_map_phys() with DMA_ATTR_MMIO instead of dma_map_resource()")

@script:python depends on report@
p << r_dma_map_resource.p;
@@

coccilib.report.print_report(p[0], "WARNING: use dma_map_phys() with DMA_ATTR_MMIO instead of dma_map_resource()")

@script:python depends on org@
p << r_dma_unmap_resource.p;
@@

coccilib.org.print_todo(p[0], "WARNING: use dma_unmap_phys() with DMA_ATTR_MMIO instead of dma_unmap_resource()")

@script:python depends on report@
p << r_dma_unmap_resource.p;
@@

coccilib.report.print_report(p[0], "WARNING: use dma_unmap_phys() with DMA_ATTR_MMIO instead of dma_unmap_resource()")

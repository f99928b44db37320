// SPDX-License-Identifier: GPL-2.0-only
/// Convert dma_map_page() and dma_map_page_attrs() to dma_map_phys().
///
/// The page and offset pair becomes the simplest expression of the same
/// physical address: virt_to_phys(x) for virt_to_page(x) and
/// offset_in_page(x), sg_phys(sg) for sg_page(sg) and sg->offset,
/// bvec_phys(bv) for a bio_vec's bv_page and bv_offset, x for
/// phys_to_page(x) and offset_in_page(x), PFN_PHYS(n) for pfn_to_page(n)
/// at offset 0, and page_to_phys(page) + offset otherwise.  An expression
/// that the page and offset would both have to evaluate is only folded
/// when it has no side effect.  dma_map_page() gets attrs 0.  A page
/// kept in a void * is cast to struct page * for page_to_phys(); the rule
/// knows that type from the headers a file includes with quotes.
///
/// Report mode also flags mappings reached after a test of
/// is_pci_p2pdma_page() or of a PCI_P2PDMA_MAP_* state: such a page may
/// be MMIO and then needs DMA_ATTR_MMIO.
///
// Confidence: High
// Options: --local-includes --include-headers-for-types --include-headers
// Keywords: dma_map_page, dma_map_page_attrs, dma_map_phys, DMA_ATTR_MMIO

virtual patch
virtual context
virtual org
virtual report

@initialize:python@
@@
import re


def physcheck_pure(expr):
    """True when expr has no assignment, increment or function call.

    Upper case names called like functions are taken as macros without
    side effects (PTR_ALIGN(), ALIGN() ...), except READ_ONCE() and the
    like, which must keep each of their loads.
    """
    if re.search(r'_ONCE\s*\(', expr):
        return False
    text = re.sub(r'\b[A-Z_][A-Z0-9_]*\s*\(', '(', expr)
    if re.search(r'\+\+|--', text):
        return False
    if re.search(r'(^|[^=!<>])=($|[^=])', text):
        return False
    return not re.search(r'[\w)\]]\s*\(', text)


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

// The page is sometimes kept in a void * (a driver's cookie field): it is
// made a struct page * first, since page_to_phys() does arithmetic on it.
@depends on patch && !context && !org && !report@
void *vp;
expression d;
@@

  \(dma_map_page\|dma_map_page_attrs\)(d,
- vp
+ (struct page *)vp
  , ...)

// A call that is a whole statement, the right side of an assignment or
// of an initialisation, or a returned value, is printed anew, in kernel
// layout, unless it holds a comment.  Any other call (an argument of
// another call, a condition ...) keeps its line breaks and comments: only
// its name and its page and offset arguments are rewritten.
@top depends on patch && !context && !org && !report@
position pc : script:python() { physcheck_reprint(pc[0]) };
expression E;
type T, T1;
identifier v;
@@

(
 \(dma_map_page@pc\|dma_map_page_attrs@pc\)(...);
|
 E = \(dma_map_page@pc\|dma_map_page_attrs@pc\)(...);
|
 E = (T)\(dma_map_page@pc\|dma_map_page_attrs@pc\)(...);
|
 return \(dma_map_page@pc\|dma_map_page_attrs@pc\)(...);
|
 return (T)\(dma_map_page@pc\|dma_map_page_attrs@pc\)(...);
|
 T1 v = \(dma_map_page@pc\|dma_map_page_attrs@pc\)(...);
|
 T1 v = (T)\(dma_map_page@pc\|dma_map_page_attrs@pc\)(...);
)

@depends on patch && !context && !org && !report@
expression d, p, o, s, dir, n, a;
expression x : script:python() { physcheck_pure(x) };
expression sg : script:python() { physcheck_pure(sg) };
expression bv : script:python() { physcheck_pure(bv) };
identifier vtp = {virt_to_page}, oip = {offset_in_page}, sgp = {sg_page};
identifier ptp = {phys_to_page}, pfp = {pfn_to_page}, sgo = {offset};
identifier bvp = {bv_page}, bvo = {bv_offset};
type T;
position top.pc;
@@

(
- (T)dma_map_page@pc(d, vtp(x), oip(x), s, dir)
+ (T)dma_map_phys(d, virt_to_phys(x), s, dir, 0)
|
- (T)dma_map_page@pc(d, sgp(sg), sg->sgo, s, dir)
+ (T)dma_map_phys(d, sg_phys(sg), s, dir, 0)
|
- (T)dma_map_page@pc(d, bv->bvp, bv->bvo, s, dir)
+ (T)dma_map_phys(d, bvec_phys(bv), s, dir, 0)
|
- (T)dma_map_page@pc(d, bv.bvp, bv.bvo, s, dir)
+ (T)dma_map_phys(d, bvec_phys(&bv), s, dir, 0)
|
- (T)dma_map_page@pc(d, ptp(x), oip(x), s, dir)
+ (T)dma_map_phys(d, x, s, dir, 0)
|
- (T)dma_map_page@pc(d, pfp(n), 0, s, dir)
+ (T)dma_map_phys(d, PFN_PHYS(n), s, dir, 0)
|
- (T)dma_map_page@pc(d, p, 0, s, dir)
+ (T)dma_map_phys(d, page_to_phys(p), s, dir, 0)
|
- (T)dma_map_page@pc(d, p, o, s, dir)
+ (T)dma_map_phys(d, page_to_phys(p) + o, s, dir, 0)
|
- (T)dma_map_page_attrs@pc(d, vtp(x), oip(x), s, dir, a)
+ (T)dma_map_phys(d, virt_to_phys(x), s, dir, a)
|
- (T)dma_map_page_attrs@pc(d, sgp(sg), sg->sgo, s, dir, a)
+ (T)dma_map_phys(d, sg_phys(sg), s, dir, a)
|
- (T)dma_map_page_attrs@pc(d, bv->bvp, bv->bvo, s, dir, a)
+ (T)dma_map_phys(d, bvec_phys(bv), s, dir, a)
|
- (T)dma_map_page_attrs@pc(d, bv.bvp, bv.bvo, s, dir, a)
+ (T)dma_map_phys(d, bvec_phys(&bv), s, dir, a)
|
- (T)dma_map_page_attrs@pc(d, ptp(x), oip(x), s, dir, a)
+ (T)dma_map_phys(d, x, s, dir, a)
|
- (T)dma_map_page_attrs@pc(d, pfp(n), 0, s, dir, a)
+ (T)dma_map_phys(d, PFN_PHYS(n), s, dir, a)
|
- (T)dma_map_page_attrs@pc(d, p, 0, s, dir, a)
+ (T)dma_map_phys(d, page_to_phys(p), s, dir, a)
|
- (T)dma_map_page_attrs@pc(d, p, o, s, dir, a)
+ (T)dma_map_phys(d, page_to_phys(p) + o, s, dir, a)
|
- dma_map_page@pc(d, vtp(x), oip(x), s, dir)
+ dma_map_phys(d, virt_to_phys(x), s, dir, 0)
|
- dma_map_page@pc(d, sgp(sg), sg->sgo, s, dir)
+ dma_map_phys(d, sg_phys(sg), s, dir, 0)
|
- dma_map_page@pc(d, bv->bvp, bv->bvo, s, dir)
+ dma_map_phys(d, bvec_phys(bv), s, dir, 0)
|
- dma_map_page@pc(d, bv.bvp, bv.bvo, s, dir)
+ dma_map_phys(d, bvec_phys(&bv), s, dir, 0)
|
- dma_map_page@pc(d, ptp(x), oip(x), s, dir)
+ dma_map_phys(d, x, s, dir, 0)
|
- dma_map_page@pc(d, pfp(n), 0, s, dir)
+ dma_map_phys(d, PFN_PHYS(n), s, dir, 0)
|
- dma_map_page@pc(d, p, 0, s, dir)
+ dma_map_phys(d, page_to_phys(p), s, dir, 0)
|
- dma_map_page@pc(d, p, o, s, dir)
+ dma_map_phys(d, page_to_phys(p) + o, s, dir, 0)
|
- dma_map_page_attrs@pc(d, vtp(x), oip(x), s, dir, a)
+ dma_map_phys(d, virt_to_phys(x), s, dir, a)
|
- dma_map_page_attrs@pc(d, sgp(sg), sg->sgo, s, dir, a)
+ dma_map_phys(d, sg_phys(sg), s, dir, a)
|
- dma_map_page_attrs@pc(d, bv->bvp, bv->bvo, s, dir, a)
+ dma_map_phys(d, bvec_phys(bv), s, dir, a)
|
- dma_map_page_attrs@pc(d, bv.bvp, bv.bvo, s, dir, a)
+ dma_map_phys(d, bvec_phys(&bv), s, dir, a)
|
- dma_map_page_attrs@pc(d, ptp(x), oip(x), s, dir, a)
+ dma_map_phys(d, x, s, dir, a)
|
- dma_map_page_attrs@pc(d, pfp(n), 0, s, dir, a)
+ dma_map_phys(d, PFN_PHYS(n), s, dir, a)
|
- dma_map_page_attrs@pc(d, p, 0, s, dir, a)
+ dma_map_phys(d, page_to_phys(p), s, dir, a)
|
- dma_map_page_attrs@pc(d, p, o, s, dir, a)
+ dma_map_phys(d, page_to_phys(p) + o, s, dir, a)
)

@depends on patch && !context && !org && !report@
expression d, p, o, s, dir, n, a;
expression x : script:python() { physcheck_pure(x) };
expression sg : script:python() { physcheck_pure(sg) };
expression bv : script:python() { physcheck_pure(bv) };
identifier vtp = {virt_to_page}, oip = {offset_in_page}, sgp = {sg_page};
identifier ptp = {phys_to_page}, pfp = {pfn_to_page}, sgo = {offset};
identifier bvp = {bv_page}, bvo = {bv_offset};
@@

(
- dma_map_page
+ dma_map_phys
  (d,
- vtp(x), oip(x)
+ virt_to_phys(x)
  , s, dir
+ , 0
  )
|
- dma_map_page
+ dma_map_phys
  (d,
- sgp(sg), sg->sgo
+ sg_phys(sg)
  , s, dir
+ , 0
  )
|
- dma_map_page
+ dma_map_phys
  (d,
- bv->bvp, bv->bvo
+ bvec_phys(bv)
  , s, dir
+ , 0
  )
|
- dma_map_page
+ dma_map_phys
  (d,
- bv.bvp, bv.bvo
+ bvec_phys(&bv)
  , s, dir
+ , 0
  )
|
- dma_map_page
+ dma_map_phys
  (d,
- ptp(x), oip(x)
+ x
  , s, dir
+ , 0
  )
|
- dma_map_page
+ dma_map_phys
  (d,
- pfp(n), 0
+ PFN_PHYS(n)
  , s, dir
+ , 0
  )
|
- dma_map_page
+ dma_map_phys
  (d,
- p, 0
+ page_to_phys(p)
  , s, dir
+ , 0
  )
|
- dma_map_page
+ dma_map_phys
  (d,
- p, o
+ page_to_phys(p) + o
  , s, dir
+ , 0
  )
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- vtp(x), oip(x)
+ virt_to_phys(x)
  , s, dir, a)
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- sgp(sg), sg->sgo
+ sg_phys(sg)
  , s, dir, a)
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- bv->bvp, bv->bvo
+ bvec_phys(bv)
  , s, dir, a)
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- bv.bvp, bv.bvo
+ bvec_phys(&bv)
  , s, dir, a)
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- ptp(x), oip(x)
+ x
  , s, dir, a)
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- pfp(n), 0
+ PFN_PHYS(n)
  , s, dir, a)
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- p, 0
+ page_to_phys(p)
  , s, dir, a)
|
- dma_map_page_attrs
+ dma_map_phys
  (d,
- p, o
+ page_to_phys(p) + o
  , s, dir, a)
)

@depends on context && !patch && !org && !report@
@@

(
* dma_map_page(...)
|
* dma_map_page_attrs(...)
)

@r_dma_map_page depends on !context && !patch && (org || report)@
position p;
@@

 dma_map_page@p(...)

@r_dma_map_page_attrs depends on !context && !patch && (org || report)@
position p;
@@

 dma_map_page_attrs@p(...)

@script:python depends on org@
p << r_dma_map_page.p;
@@

coccilib.org.print_todo(p[0], "WARNING: use dma_map_phys() instead of dma_map_page()")

@script:python depends on report@
p << r_dma_map_page.p;
@@

coccilib.report.print_report(p[0], "WARNING: use dma_map_phys() instead of dma_map_page()")

@script:python depends on org@
p << r_dma_map_page_attrs.p;
@@

coccilib.org.print_todo(p[0], "WARNING: use dma_map_phys() instead of dma_map_page_attrs()")

@script:python depends on report@
p << r_dma_map_page_attrs.p;
@@

coccilib.report.print_report(p[0], "WARNING: use dma_map_phys() instead of dma_map_page_attrs()")

@p2p_dma_map_page depends on !context && !patch && (org || report) exists@
identifier state =~ "^PCI_P2PDMA_MAP_";
position p;
@@

(
 is_pci_p2pdma_page(...)
|
 state
)
 ...
 dma_map_page@p(...)

@p2p_dma_map_page_attrs depends on !context && !patch && (org || report) exists@
identifier state =~ "^PCI_P2PDMA_MAP_";
position p;
@@

(
 is_pci_p2pdma_page(...)
|
 state
)
 ...
 dma_map_page_attrs@p(...)

@script:python depends on org@
p << p2p_dma_map_page.p;
@@

coccilib.org.print_todo(p[0], "WARNING: dma_map_page() of a possible P2PDMA page: may be MMIO: consider DMA_ATTR_MMIO")

@script:python depends on report@
p << p2p_dma_map_page.p;
@@

coccilib.report.print_report(p[0], "WARNING: dma_map_page() of a possible P2PDMA page: may be MMIO: consider DMA_ATTR_MMIO")

@script:python depends on org@
p << p2p_dma_map_page_attrs.p;
@@

coccilib.org.print_todo(p[0], "WARNING: dma_map_page_attrs() of a possible P2PDMA page: may be MMIO: consider DMA_ATTR_MMIO")

@script:python depends on report@
p << p2p_dma_map_page_attrs.p;
@@

coccilib.report.print_report(p[0], "WARNING: dma_map_page_attrs() of a possible P2PDMA page: may be MMIO: consider DMA_ATTR_MMIO")

// SPDX-License-Identifier: GPL-2.0-only
/// Convert dma_map_ops .map_page/.unmap_page implementations to
/// .map_phys/.unmap_phys.
///
/// The .map_page implementation takes (dev, struct page *page, offset,
/// size, dir, attrs); it now takes (dev, phys_addr_t phys, size, dir,
/// attrs).  A local "phys_addr_t x = page_to_phys(page) + offset;" is
/// dropped and x becomes the parameter.  In the body,
/// page_to_phys(page) + offset becomes phys, page_address(page) + offset
/// becomes phys_to_virt(phys), PageHighMem(page) becomes PhysHighMem(phys),
/// page_to_phys(page) becomes ALIGN_DOWN(phys, PAGE_SIZE), page_to_pfn(page)
/// becomes PHYS_PFN(phys), and any other use of page or offset becomes
/// phys_to_page(phys) or offset_in_page(phys).  A function whose name holds
/// map_page is renamed to map_phys, with its callers in the file; the
/// callers pass the physical address.
///
/// Report mode flags, for review, every .map_page or .map_phys
/// implementation without DMA_ATTR_MMIO handling (an MMIO address must not
/// be CPU synced or bounced through a kernel mapping), and every
/// .map_resource implementation, which .map_phys with DMA_ATTR_MMIO
/// replaces.
///
// Confidence: Moderate
// Options: --no-includes --include-headers
// Keywords: dma_map_ops, map_page, unmap_page, map_phys, unmap_phys, map_resource

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


def physcheck_phys_name(name):
    """foo_map_page -> foo_map_phys, foo_unmap_page_x -> foo_unmap_phys_x."""
    i = name.rfind("map_page")
    if i < 0:
        return name
    return name[:i] + "map_phys" + name[i + len("map_page"):]

// ----------------------------------------------------------------------
// patch mode
// ----------------------------------------------------------------------

@ops_map depends on patch && !context && !org && !report@
identifier ops, mapf;
@@

 struct dma_map_ops ops = {
-	.map_page
+	.map_phys
	  = mapf,
 };

@ops_unmap depends on patch && !context && !org && !report@
identifier ops, unmapf;
@@

 struct dma_map_ops ops = {
-	.unmap_page
+	.unmap_phys
	  = unmapf,
 };

@script:python map_name depends on ops_map@
mapf << ops_map.mapf;
newmapf;
@@

coccinelle.newmapf = cocci.make_ident(physcheck_phys_name(mapf))

@script:python unmap_name depends on ops_unmap@
unmapf << ops_unmap.unmapf;
newunmapf;
@@

coccinelle.newunmapf = cocci.make_ident(physcheck_phys_name(unmapf))

// the implementation: bind the page and offset parameters
// The implementation: the page and offset are its second and third
// parameters (a .map_page implementation has six).  The names below are
// identifier metavariables so that spatch only needs the token
// dma_map_ops to pick the files to parse.
@impl depends on patch@
identifier ops_map.mapf, dev, pg, off, s, dir, a;
type R, T0, T1, T2, T3, T4, T5;
@@

 R mapf(T0 dev, T1 pg, T2 off, T3 s, T4 dir, T5 a) { ... }

// a local "phys_addr_t x = page_to_phys(page) + offset;" becomes the parameter
@impl_decl depends on patch@
identifier ops_map.mapf, impl.pg, impl.off, x;
identifier p2p_fn = {page_to_phys};
type R, T0, T1, T2, T3, T4, T5, TX;
identifier dev, s, dir, a;
@@

- R mapf(T0 dev, T1 pg, T2 off, T3 s, T4 dir, T5 a)
+ R mapf(T0 dev, phys_addr_t x, T3 s, T4 dir, T5 a)
 {
 ...
-	TX x = p2p_fn(pg) + off;
 ...
 }

@impl_has_phys depends on patch@
identifier ops_map.mapf, impl.pg, phys_id = {phys};
type R, T0, T1, T2, T3, T4, T5;
identifier dev, off, s, dir, a;
@@

 R mapf(T0 dev, T1 pg, T2 off, T3 s, T4 dir, T5 a)
 {
 <+... phys_id ...+>
 }

@impl_plain depends on patch && !impl_has_phys@
identifier ops_map.mapf, impl.pg, impl.off;
type R, T0, T1, T2, T3, T4, T5;
identifier dev, s, dir, a;
@@

- R mapf(T0 dev, T1 pg, T2 off, T3 s, T4 dir, T5 a)
+ R mapf(T0 dev, phys_addr_t phys, T3 s, T4 dir, T5 a)
 { ... }

@impl_paddr depends on patch && impl_has_phys@
identifier ops_map.mapf, impl.pg, impl.off;
type R, T0, T1, T2, T3, T4, T5;
identifier dev, s, dir, a;
@@

- R mapf(T0 dev, T1 pg, T2 off, T3 s, T4 dir, T5 a)
+ R mapf(T0 dev, phys_addr_t paddr, T3 s, T4 dir, T5 a)
 { ... }

// the converted parameter, whichever name it got (five parameters now)
@conv depends on patch@
identifier ops_map.mapf, p, dev, s, dir, a;
type R, T0, T1, T3, T4, T5;
@@

 R mapf(T0 dev, T1 p, T3 s, T4 dir, T5 a) { ... }

@depends on patch@
identifier ops_map.mapf, impl.pg, impl.off, conv.p;
identifier p2p_fn = {page_to_phys}, addr_fn = {page_address};
identifier hm_fn = {PageHighMem}, pfn_fn = {page_to_pfn};
type R, T;
typedef u8;
@@

 R mapf(...)
 {
 <...
(
- p2p_fn(pg) + off
+ p
|
- (T)(addr_fn(pg) + off)
+ (T)phys_to_virt(p)
|
- addr_fn(pg) + off
+ phys_to_virt(p)
|
- (char *)addr_fn(pg) + off
+ (char *)phys_to_virt(p)
|
- (u8 *)addr_fn(pg) + off
+ (u8 *)phys_to_virt(p)
|
- (void *)addr_fn(pg) + off
+ phys_to_virt(p)
|
- hm_fn(pg)
+ PhysHighMem(p)
|
- p2p_fn(pg)
+ ALIGN_DOWN(p, PAGE_SIZE)
|
- pfn_fn(pg)
+ PHYS_PFN(p)
|
- pg
+ phys_to_page(p)
|
- off
+ offset_in_page(p)
)
 ...>
 }

// Callers of the implementation in the same file pass the physical
// address.  A call that is a whole statement, the right side of an assignment or
// of an initialisation, or a returned value, is printed anew, in kernel
// layout, unless it holds a comment.  Any other call (an argument of
// another call, a condition ...) keeps its line breaks and comments: only
// its name and its page and offset arguments are rewritten.
@caller_top depends on patch@
identifier ops_map.mapf;
position pc : script:python() { physcheck_reprint(pc[0]) };
expression E;
type T, T1;
identifier v;
@@

(
 mapf@pc(...);
|
 E = mapf@pc(...);
|
 E = (T)mapf@pc(...);
|
 return mapf@pc(...);
|
 return (T)mapf@pc(...);
|
 T1 v = mapf@pc(...);
|
 T1 v = (T)mapf@pc(...);
)

@depends on patch@
identifier ops_map.mapf, map_name.newmapf;
expression d, p, o, s, dir, n, a;
expression x : script:python() { physcheck_pure(x) };
expression sg : script:python() { physcheck_pure(sg) };
expression bv : script:python() { physcheck_pure(bv) };
identifier vtp = {virt_to_page}, oip = {offset_in_page}, sgp = {sg_page};
identifier ptp = {phys_to_page}, pfp = {pfn_to_page}, sgo = {offset};
identifier bvp = {bv_page}, bvo = {bv_offset};
type T;
position caller_top.pc;
@@

(
- (T)mapf@pc(d, vtp(x), oip(x), s, dir, a)
+ (T)newmapf(d, virt_to_phys(x), s, dir, a)
|
- (T)mapf@pc(d, sgp(sg), sg->sgo, s, dir, a)
+ (T)newmapf(d, sg_phys(sg), s, dir, a)
|
- (T)mapf@pc(d, bv->bvp, bv->bvo, s, dir, a)
+ (T)newmapf(d, bvec_phys(bv), s, dir, a)
|
- (T)mapf@pc(d, bv.bvp, bv.bvo, s, dir, a)
+ (T)newmapf(d, bvec_phys(&bv), s, dir, a)
|
- (T)mapf@pc(d, ptp(x), oip(x), s, dir, a)
+ (T)newmapf(d, x, s, dir, a)
|
- (T)mapf@pc(d, pfp(n), 0, s, dir, a)
+ (T)newmapf(d, PFN_PHYS(n), s, dir, a)
|
- (T)mapf@pc(d, p, 0, s, dir, a)
+ (T)newmapf(d, page_to_phys(p), s, dir, a)
|
- (T)mapf@pc(d, p, o, s, dir, a)
+ (T)newmapf(d, page_to_phys(p) + o, s, dir, a)
|
- mapf@pc(d, vtp(x), oip(x), s, dir, a)
+ newmapf(d, virt_to_phys(x), s, dir, a)
|
- mapf@pc(d, sgp(sg), sg->sgo, s, dir, a)
+ newmapf(d, sg_phys(sg), s, dir, a)
|
- mapf@pc(d, bv->bvp, bv->bvo, s, dir, a)
+ newmapf(d, bvec_phys(bv), s, dir, a)
|
- mapf@pc(d, bv.bvp, bv.bvo, s, dir, a)
+ newmapf(d, bvec_phys(&bv), s, dir, a)
|
- mapf@pc(d, ptp(x), oip(x), s, dir, a)
+ newmapf(d, x, s, dir, a)
|
- mapf@pc(d, pfp(n), 0, s, dir, a)
+ newmapf(d, PFN_PHYS(n), s, dir, a)
|
- mapf@pc(d, p, 0, s, dir, a)
+ newmapf(d, page_to_phys(p), s, dir, a)
|
- mapf@pc(d, p, o, s, dir, a)
+ newmapf(d, page_to_phys(p) + o, s, dir, a)
)

@depends on patch@
identifier ops_map.mapf, map_name.newmapf;
expression d, p, o, s, dir, n, a;
expression x : script:python() { physcheck_pure(x) };
expression sg : script:python() { physcheck_pure(sg) };
expression bv : script:python() { physcheck_pure(bv) };
identifier vtp = {virt_to_page}, oip = {offset_in_page}, sgp = {sg_page};
identifier ptp = {phys_to_page}, pfp = {pfn_to_page}, sgo = {offset};
identifier bvp = {bv_page}, bvo = {bv_offset};
@@

(
- mapf
+ newmapf
  (d,
- vtp(x), oip(x)
+ virt_to_phys(x)
  , s, dir, a)
|
- mapf
+ newmapf
  (d,
- sgp(sg), sg->sgo
+ sg_phys(sg)
  , s, dir, a)
|
- mapf
+ newmapf
  (d,
- bv->bvp, bv->bvo
+ bvec_phys(bv)
  , s, dir, a)
|
- mapf
+ newmapf
  (d,
- bv.bvp, bv.bvo
+ bvec_phys(&bv)
  , s, dir, a)
|
- mapf
+ newmapf
  (d,
- ptp(x), oip(x)
+ x
  , s, dir, a)
|
- mapf
+ newmapf
  (d,
- pfp(n), 0
+ PFN_PHYS(n)
  , s, dir, a)
|
- mapf
+ newmapf
  (d,
- p, 0
+ page_to_phys(p)
  , s, dir, a)
|
- mapf
+ newmapf
  (d,
- p, o
+ page_to_phys(p) + o
  , s, dir, a)
)

// every other reference: definition, prototype, initializer, pointer
@depends on patch@
identifier ops_map.mapf, map_name.newmapf;
type R;
parameter list ps;
@@

 R
- mapf
+ newmapf
  (ps) { ... }

@depends on patch@
identifier ops_map.mapf, map_name.newmapf;
type R;
parameter list ps;
@@

 R
- mapf
+ newmapf
  (ps);

@depends on patch@
identifier ops_map.mapf, map_name.newmapf;
@@

- mapf
+ newmapf

@depends on patch@
identifier ops_unmap.unmapf, unmap_name.newunmapf;
type R;
parameter list ps;
@@

 R
- unmapf
+ newunmapf
  (ps) { ... }

@depends on patch@
identifier ops_unmap.unmapf, unmap_name.newunmapf;
type R;
parameter list ps;
@@

 R
- unmapf
+ newunmapf
  (ps);

@depends on patch@
identifier ops_unmap.unmapf, unmap_name.newunmapf;
@@

- unmapf
+ newunmapf

// ----------------------------------------------------------------------
// context mode
// ----------------------------------------------------------------------

@depends on context && !patch && !org && !report@
identifier ops, f;
identifier fld = {map_page, unmap_page, map_resource, unmap_resource};
@@

 struct dma_map_ops ops = {
*	.fld = f,
 };

// ----------------------------------------------------------------------
// org and report modes
// ----------------------------------------------------------------------

@r_ops depends on !patch && !context && (org || report)@
identifier ops, f;
identifier fld = {map_page, unmap_page};
position p;
@@

 struct dma_map_ops ops = {
	.fld = f@p,
 };

@r_res depends on !patch && !context && (org || report)@
identifier ops, f;
identifier fld = {map_resource, unmap_resource};
position p;
@@

 struct dma_map_ops ops = {
	.fld = f@p,
 };

@r_map depends on !patch && !context && (org || report)@
identifier ops, f;
identifier fld = {map_page, map_phys};
@@

 struct dma_map_ops ops = {
	.fld = f,
 };

@r_impl depends on !patch && !context && (org || report)@
identifier r_map.f;
type R;
parameter list ps;
position p;
@@

 R f@p(ps) { ... }

@r_mmio depends on !patch && !context && (org || report)@
identifier r_map.f;
type R;
parameter list ps;
@@

 R f(ps) { <+... DMA_ATTR_MMIO ...+> }

@script:python depends on org@
p << r_ops.p;
f << r_ops.f;
fld << r_ops.fld;
@@

msg = "WARNING: dma_map_ops .%s = %s: convert to .%s" % (fld, f, fld.replace("_page", "_phys"))
coccilib.org.print_todo(p[0], msg)

@script:python depends on report@
p << r_ops.p;
f << r_ops.f;
fld << r_ops.fld;
@@

msg = "WARNING: dma_map_ops .%s = %s: convert to .%s" % (fld, f, fld.replace("_page", "_phys"))
coccilib.report.print_report(p[0], msg)

@script:python depends on org@
p << r_res.p;
f << r_res.f;
fld << r_res.fld;
@@

msg = "WARNING: dma_map_ops .%s = %s: review, fold into .%s with DMA_ATTR_MMIO" % (fld, f, fld.replace("_resource", "_phys"))
coccilib.org.print_todo(p[0], msg)

@script:python depends on report@
p << r_res.p;
f << r_res.f;
fld << r_res.fld;
@@

msg = "WARNING: dma_map_ops .%s = %s: review, fold into .%s with DMA_ATTR_MMIO" % (fld, f, fld.replace("_resource", "_phys"))
coccilib.report.print_report(p[0], msg)

@script:python depends on org && !r_mmio@
p << r_impl.p;
f << r_map.f;
@@

msg = "WARNING: %s() has no DMA_ATTR_MMIO handling: review" % f
coccilib.org.print_todo(p[0], msg)

@script:python depends on report && !r_mmio@
p << r_impl.p;
f << r_map.f;
@@

msg = "WARNING: %s() has no DMA_ATTR_MMIO handling: review" % f
coccilib.report.print_report(p[0], msg)

"""A paragraph as compare sees it: its base text (every tracked change rejected), objects included.

The base view is what the comparison is about (see the package docstring): text inside another author's
insertion is not in it, text inside their deletion is. Drawings, math, field characters, field codes
and note references are one OBJECT character each, with a key that says what the object is, so an image
swapped for another is a change and the same image is not. Each character keeps its node and run (a
TextMap, as the writer needs) and the base run properties that formatting changes are judged on.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from draft_agreement.comparing.segment import OBJECT
from draft_agreement.model.textmap import Piece, TextMap
from draft_agreement.ooxml import (
    MC_FALLBACK,
    MC_NS,
    R_NS,
    W_BR,
    W_CR,
    W_DEL,
    W_DELINSTRTEXT,
    W_DELTEXT,
    W_INS,
    W_INSTRTEXT,
    W_MOVEFROM,
    W_MOVETO,
    W_NOBREAKHYPHEN,
    W_P,
    W_PPR,
    W_PTAB,
    W_R,
    W_RPR,
    W_RT,
    W_SYM,
    W_T,
    W_TAB,
    W_TXBXCONTENT,
    w,
)

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
M_OMATH = f"{{{M_NS}}}oMath"
M_OMATHPARA = f"{{{M_NS}}}oMathPara"
W_RPRCHANGE = w("rPrChange")
W_PPRCHANGE = w("pPrChange")
W_SECTPR = w("sectPr")
W_FOOTNOTEREF = w("footnoteReference")
W_ENDNOTEREF = w("endnoteReference")
W_FLDCHAR = w("fldChar")
_W_SYM_CHAR = w("char")
_W_PREFIX = w("")
_W_SYM_FONT = w("font")

_TEXT = {
    W_T: None,
    W_DELTEXT: None,
    W_TAB: "\t",
    W_PTAB: "\t",
    W_BR: "\n",
    W_CR: "\n",
    W_NOBREAKHYPHEN: "\u2011",
}
_OBJECTS = (
    f"{{{MC_NS}}}AlternateContent",
    w("drawing"),
    w("pict"),
    w("object"),
    W_FOOTNOTEREF,
    W_ENDNOTEREF,
    w("footnoteRef"),
    w("endnoteRef"),
    W_FLDCHAR,
    W_INSTRTEXT,
    W_DELINSTRTEXT,
    W_SYM,
)
_CONTENT = (W_R, M_OMATH, M_OMATHPARA)
_NOT_BASE = (W_INS, W_MOVETO)  # rejected away: not in the base view
_FOREIGN = (W_P, W_TXBXCONTENT, W_RT, MC_FALLBACK, M_OMATH, M_OMATHPARA)
REVISION_TAGS = (W_INS, W_DEL, W_MOVETO, W_MOVEFROM)
_MARKERS = {W_INS, W_DEL, W_MOVEFROM, W_MOVETO, W_RPRCHANGE}
# Attributes that identify an object rather than describe it: they differ between two saves of the
# same picture, so they stay out of its key.
_ID_ATTRS = {"id", "anchorId", "editId", "paraId", "textId", "spid", "name", "descr"}


@dataclass(slots=True)
class BaseParagraph:
    """The base view of one paragraph: text with objects, its map, and per-character formatting keys."""

    text: str
    textmap: TextMap
    keys: list[str]  # per character: the object's key for OBJECT, else "" (compared as text)
    formats: list[str]  # per character: the key of the base run properties


def base_rpr(run: etree._Element) -> etree._Element | None:
    """The run properties the base view shows: those a tracked formatting change recorded, else the
    current ones without revision markers. A copy, keeping the namespace prefixes of the original."""
    rpr = run.find(W_RPR)
    if rpr is None:
        return None
    change = rpr.find(W_RPRCHANGE)
    if change is not None:
        old = change.find(W_RPR)
        return copy.deepcopy(old) if old is not None else etree.Element(W_RPR)
    out = copy.deepcopy(rpr)
    for child in list(out):
        if child.tag in _MARKERS:
            out.remove(child)
    return out


def element_key(el: etree._Element | None) -> str:
    """What a w:rPr or w:pPr says, as text to compare: WordprocessingML elements and attributes only,
    so bookkeeping another tool left in its own namespace (revision ids, unique ids) is no change."""
    if el is None:
        return ""
    return "".join(_key_parts(child) for child in el if isinstance(child.tag, str))


def _key_parts(el: etree._Element) -> str:
    attrs = sorted((k, v) for k, v in el.attrib.items() if k.startswith(_W_PREFIX))
    inner = "".join(_key_parts(child) for child in el if isinstance(child.tag, str))
    return f"<{el.tag}{attrs}{inner}{el.text.strip() if el.text else ''}>"


def _without(el: etree._Element | None, tags: tuple[str, ...]) -> etree._Element | None:
    if el is None:
        return None
    out = copy.deepcopy(el)
    for child in list(out):
        if child.tag in tags:
            out.remove(child)
    return out


_NOT_BASE_PROPS = (W_RPR, W_SECTPR, W_PPRCHANGE)


def base_ppr(p: etree._Element) -> etree._Element:
    """The paragraph properties of the base view, without the mark's run properties and section."""
    ppr = p.find(W_PPR)
    change = ppr.find(W_PPRCHANGE) if ppr is not None else None
    source = change.find(W_PPR) if change is not None else ppr
    return _without(source, _NOT_BASE_PROPS) if source is not None else etree.Element(W_PPR)


def current_ppr(p: etree._Element) -> etree._Element:
    """The paragraph properties of the current view (what accepting shows), likewise."""
    ppr = p.find(W_PPR)
    return _without(ppr, _NOT_BASE_PROPS) if ppr is not None else etree.Element(W_PPR)


def _mark(p: etree._Element) -> etree._Element | None:
    ppr = p.find(W_PPR)
    return ppr.find(W_RPR) if ppr is not None else None


def base_mark_rpr(p: etree._Element) -> etree._Element | None:
    """The paragraph mark's run properties in the base view (revision markers dropped)."""
    rpr = _mark(p)
    if rpr is None:
        return None
    holder = etree.Element(W_R)
    holder.append(copy.deepcopy(rpr))
    return base_rpr(holder)


def current_mark_rpr(p: etree._Element) -> etree._Element | None:
    """The paragraph mark's run properties in the current view."""
    return _without(_mark(p), tuple(_MARKERS))


def in_base_view(el: etree._Element, p: etree._Element) -> bool:
    """Whether `el` (a run or math object) belongs to paragraph `p` itself and survives rejection."""
    anc = el.getparent()
    while anc is not None and anc is not p:
        if anc.tag in _NOT_BASE or anc.tag in _FOREIGN:
            return False
        anc = anc.getparent()
    return anc is p


def content_runs(p: etree._Element) -> list[etree._Element]:
    """Every run and math object of `p` in the base view, in document order."""
    return [el for el in p.iter(_CONTENT) if in_base_view(el, p)]


ObjectKey = Callable[[etree._Element], str]


def read_base(p: etree._Element, object_key: ObjectKey) -> BaseParagraph:
    """Every character and object `p` shows with all tracked changes rejected, mapped to its node."""
    pieces: list[Piece] = []
    keys: list[str] = []
    formats: list[str] = []
    pos = 0
    fmt_cache: dict[int, str] = {}
    for el in content_runs(p):
        revision = _revision(el, p)
        if el.tag != W_R:
            pieces.append(Piece(pos, OBJECT, el, el, revision))
            keys.append("math:" + object_key(el))
            formats.append("")
            pos += 1
            continue
        fmt = fmt_cache.get(id(el))
        if fmt is None:
            fmt = fmt_cache[id(el)] = element_key(base_rpr(el))
        for node in el:
            tag = node.tag
            if tag in _TEXT:
                single = _TEXT[tag]
                chars = (node.text or "") if single is None else single
                if not chars:
                    continue
                pieces.append(Piece(pos, chars, node, el, revision))
                keys.extend([""] * len(chars))
                formats.extend([fmt] * len(chars))
                pos += len(chars)
            elif tag in _OBJECTS:
                pieces.append(Piece(pos, OBJECT, node, el, revision))
                keys.append(_object_key(node, object_key))
                formats.append(fmt)
                pos += 1
    tm = TextMap(pieces)
    return BaseParagraph(tm.text, tm, keys, formats)


def _revision(el: etree._Element, p: etree._Element) -> etree._Element | None:
    anc = el.getparent()
    while anc is not None and anc is not p:
        if anc.tag in REVISION_TAGS:
            return anc
        anc = anc.getparent()
    return None


def _object_key(node: etree._Element, object_key: ObjectKey) -> str:
    tag = node.tag
    if tag == W_FLDCHAR:
        return "fld:" + (node.get(w("fldCharType")) or "")
    if tag in (W_INSTRTEXT, W_DELINSTRTEXT):
        return "instr:" + " ".join((node.text or "").split())
    if tag == W_SYM:
        return f"sym:{node.get(_W_SYM_FONT)}:{node.get(_W_SYM_CHAR)}"
    if tag in (W_FOOTNOTEREF, W_ENDNOTEREF):
        return object_key(node)
    if tag in (w("footnoteRef"), w("endnoteRef")):
        return "noteref"
    return etree.QName(node).localname + ":" + object_key(node)


def content_digest(node: etree._Element, target_digest: Callable[[str], str]) -> str:
    """What an object is, independent of the ids a save gives it: its XML with identifying attributes
    dropped and relationship ids replaced by the digest of the part they point to."""
    clone = copy.deepcopy(node)
    for box in clone.iter(W_TXBXCONTENT):  # a text box's text is compared paragraph by paragraph
        for child in list(box):
            box.remove(child)
    for el in clone.iter():
        if not isinstance(el.tag, str):
            continue
        for name in list(el.attrib):
            qname = etree.QName(name)
            if qname.namespace == R_NS:
                el.set(name, target_digest(el.get(name, "")))
            elif qname.localname in _ID_ATTRS or qname.localname.startswith("rsid"):
                del el.attrib[name]
    return hashlib.sha1(etree.tostring(clone, method="c14n", exclusive=True)).hexdigest()

"""Carry an annex's comments and tracked changes into the composed document with ids that stay unique.

docxcompose copies the comment anchors and revisions in an annex's body but neither the comments
themselves nor new ids, so a composed file would point two anchors at one comment (or at none) and
repeat revision ids. Before an annex is appended its comment and revision ids are moved above every id
the main document uses, and any w14:paraId or durable id that would collide is replaced; after the
append its comments and the parts modern Word keeps beside them (commentsExtended, commentsIds,
commentsExtensible, people) join the main document's.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docxcompose.composer import Composer
from lxml import etree

from draft_agreement.drafting import namespaces  # noqa: F401 - undo docxcompose's `cp` prefix
from draft_agreement.ooxml import R_NS, W14_NS, W15_NS, W16CID_NS, W_ID, decimal_number, w
from draft_agreement.package import parse_xml

W16CEX_NS = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
_MARKERS = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
_PARA_ID = f"{{{W14_NS}}}paraId"
_REVISION_TAGS = tuple(
    w(name)
    for name in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
        "moveFromRangeStart",
        "moveFromRangeEnd",
        "moveToRangeStart",
        "moveToRangeEnd",
        "customXmlInsRangeStart",
        "customXmlInsRangeEnd",
        "customXmlDelRangeStart",
        "customXmlDelRangeEnd",
        "customXmlMoveFromRangeStart",
        "customXmlMoveFromRangeEnd",
        "customXmlMoveToRangeStart",
        "customXmlMoveToRangeEnd",
    )
)
_MS = "http://schemas.microsoft.com/office/"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."


@dataclass(frozen=True)
class _Side:
    """A part that sits beside comments.xml: relationship type, default name, content type, id attributes."""

    reltype: str
    partname: str
    content_type: str
    para_attrs: tuple[str, ...] = ()
    durable_attrs: tuple[str, ...] = ()


_SIDE_PARTS = (
    _Side(
        _MS + "2011/relationships/commentsExtended",
        "/word/commentsExtended.xml",
        _CT + "commentsExtended+xml",
        para_attrs=(f"{{{W15_NS}}}paraId", f"{{{W15_NS}}}paraIdParent"),
    ),
    _Side(
        _MS + "2016/09/relationships/commentsIds",
        "/word/commentsIds.xml",
        _CT + "commentsIds+xml",
        para_attrs=(f"{{{W16CID_NS}}}paraId",),
        durable_attrs=(f"{{{W16CID_NS}}}durableId",),
    ),
    _Side(
        _MS + "2018/08/relationships/commentsExtensible",
        "/word/commentsExtensible.xml",
        _CT + "commentsExtensible+xml",
        durable_attrs=(f"{{{W16CEX_NS}}}durableId",),
    ),
    _Side(_MS + "2011/relationships/people", "/word/people.xml", _CT + "people+xml"),
)
_PERSON = f"{{{W15_NS}}}person"
_AUTHOR = f"{{{W15_NS}}}author"


def _related(doc: DocxDocument, reltype: str) -> Part | None:
    return next(
        (r.target_part for r in doc.part.rels.values() if r.reltype == reltype and not r.is_external), None
    )


def _root(part: Part) -> etree._Element:
    """The XML of a part python-docx parsed (XmlPart) or kept as bytes (parts it does not know)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    cached = getattr(part, "_draft_root", None)
    if cached is None:
        cached = parse_xml(part.blob, str(part.partname))
        part._draft_root = cached  # type: ignore[attr-defined]
    return cached


def _store(part: Part) -> None:
    """Write a byte-kept part's edited XML back so python-docx saves it."""
    root = getattr(part, "_draft_root", None)
    if root is not None:
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _xml_parts(doc: DocxDocument) -> Iterator[etree._Element]:
    for part in doc.part.package.iter_parts():
        if part.content_type.endswith("+xml") and str(part.partname).startswith("/word/"):
            yield _root(part)


def _stable_hex(seed: str, taken: set[str]) -> str:
    """A deterministic 8-hex-digit id in 1..0x7FFFFFFF (Word's range) that is not in `taken`."""
    attempt = 0
    while True:
        digest = hashlib.sha256(f"{seed}:{attempt}".encode()).digest()
        value = int.from_bytes(digest[:4], "big") & 0x7FFFFFFF
        candidate = f"{max(value, 1):08X}"
        if candidate not in taken:
            taken.add(candidate)
            return candidate
        attempt += 1


class CommentMerger:
    """Keeps comment and revision ids, paraIds and durable ids unique while annexes join one main document."""

    def __init__(self, main: DocxDocument) -> None:
        self.main = main
        self.merged = 0

    def prepare(self, annex: DocxDocument, seed: str) -> None:
        """Renumber the annex in memory, before docxcompose copies its body."""
        comments = _related(annex, RT.COMMENTS)
        roots = [annex.element.body] + ([_root(comments)] if comments is not None else [])
        next_id = self._renumber_revisions(roots, self._next_id())
        if comments is None:
            return
        sides = {side: part for side in _SIDE_PARTS if (part := _related(annex, side.reltype)) is not None}
        mapping: dict[str, str] = {}
        for comment in _root(comments).iter(w("comment")):
            mapping[comment.get(W_ID, "")] = str(next_id)
            comment.set(W_ID, str(next_id))
            next_id += 1
        for marker in annex.element.body.iter(_MARKERS):
            old = marker.get(W_ID)
            if old in mapping:
                marker.set(W_ID, mapping[old])
        self._fresh_para_ids(annex, comments, sides, seed)
        self._fresh_durable_ids(sides, seed)
        for part in sides.values():
            _store(part)

    @staticmethod
    def _renumber_revisions(roots: list[etree._Element], next_id: int) -> int:
        """New ids for the annex's tracked changes; a range's start and end keep sharing theirs."""
        mapping: dict[tuple[str, str], str] = {}
        for root in roots:
            for el in root.iter(_REVISION_TAGS):
                old = el.get(W_ID)
                if old is None:
                    continue
                family = (etree.QName(el).localname.removesuffix("Start").removesuffix("End"), old)
                if family not in mapping:
                    mapping[family] = str(next_id)
                    next_id += 1
                el.set(W_ID, mapping[family])
        return next_id

    def merge(self, annex: DocxDocument, composer: Composer) -> None:
        """Move the annex's comments and side parts into the main document, after its body was appended."""
        comments = _related(annex, RT.COMMENTS)
        if comments is None:
            return
        target_part = self.main.part._comments_part
        target = target_part.element
        for comment in _root(comments).iter(w("comment")):
            copied = copy.deepcopy(comment)
            if any(name.startswith(f"{{{R_NS}}}") for el in copied.iter() for name in el.attrib):
                composer.add_referenced_parts(comments, target_part, copied)
            composer.add_styles(annex, copied)
            target.append(copied)
            self.merged += 1
        for side in _SIDE_PARTS:
            source = _related(annex, side.reltype)
            if source is not None:
                self._merge_side(side, _root(source))

    # -- ids --------------------------------------------------------------------------------------
    def _next_id(self) -> int:
        """Above every w:id in the main body and comments, so no annotation id is ever shared."""
        roots = [self.main.element.body]
        comments = _related(self.main, RT.COMMENTS)
        if comments is not None:
            roots.append(_root(comments))
        ids = [n for root in roots for el in root.iter() if (n := decimal_number(el.get(W_ID))) is not None]
        return max(ids, default=-1) + 1

    def _fresh_para_ids(
        self, annex: DocxDocument, comments: Part, sides: dict[_Side, Part], seed: str
    ) -> None:
        taken = {v for root in _xml_parts(self.main) for el in root.iter() if (v := el.get(_PARA_ID))}
        renamed: dict[str, str] = {}
        for root in (annex.element.body, _root(comments)):
            for el in root.iter():
                value = el.get(_PARA_ID)
                if value is None:
                    continue
                if value in taken and value not in renamed:
                    renamed[value] = _stable_hex(f"{seed}:para:{value}", taken)
                elif value not in renamed:
                    taken.add(value)
                if value in renamed:
                    el.set(_PARA_ID, renamed[value])
        for side, part in sides.items():
            for el in _root(part).iter():
                for attr in side.para_attrs:
                    value = el.get(attr)
                    if value in renamed:
                        el.set(attr, renamed[value])

    def _fresh_durable_ids(self, sides: dict[_Side, Part], seed: str) -> None:
        taken: set[str] = set()
        for side in _SIDE_PARTS:
            part = _related(self.main, side.reltype)
            if part is not None:
                taken |= {v for el in _root(part).iter() for a in side.durable_attrs if (v := el.get(a))}
        renamed: dict[str, str] = {}
        for side, part in sides.items():
            for el in _root(part).iter():
                for attr in side.durable_attrs:
                    value = el.get(attr)
                    if value is None:
                        continue
                    if value in taken and value not in renamed:
                        renamed[value] = _stable_hex(f"{seed}:durable:{value}", taken)
                    if value in renamed:
                        el.set(attr, renamed[value])

    # -- parts ------------------------------------------------------------------------------------
    def _merge_side(self, side: _Side, source: etree._Element) -> None:
        part = _related(self.main, side.reltype)
        if part is None:
            blob = etree.tostring(source, xml_declaration=True, encoding="UTF-8", standalone=True)
            package = self.main.part.package
            names = {str(p.partname) for p in package.iter_parts()}
            partname = side.partname
            number = 1
            while partname in names:
                number += 1
                partname = side.partname.replace(".xml", f"{number}.xml")
            self.main.part.relate_to(Part(PackURI(partname), side.content_type, blob, package), side.reltype)
            return
        target = _root(part)
        authors = {p.get(_AUTHOR) for p in target.iter(_PERSON)}
        for child in source:
            if child.tag == _PERSON and child.get(_AUTHOR) in authors:
                continue
            target.append(copy.deepcopy(child))
        _store(part)

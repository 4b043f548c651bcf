"""Append annexes to an agreement with docxcompose: each in its own section, nothing of the main changed.

docxcompose copies an annex's body, styles, numbering and media into the main document. On top of it:
every input passes the safe-open checks first; styles are preserved rather than merged (an annex's
"Heading 1" that differs from the main's gets its own name instead of restyling either side); annex
lists get their own numbering instances, so the main agreement's clause numbers do not move; comment
ids are renumbered (docxcompose leaves them clashing); and the random list ids docxcompose writes are
replaced by deterministic ones, so the same inputs always give the same bytes.

Each annex starts a new section on a new page with the annex's own page setup, header and footer: the
agreement's header and footer (its title, "保密") stay with the agreement and never run over a consent
notice a customer will read. A drafted annex also opens with its label (附件三, Annex 3).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from copy import deepcopy
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml import parse_xml as docx_parse_xml
from docx.parts.numbering import NumberingPart
from docxcompose.composer import Composer
from docxcompose.utils import xml_elements_equal
from lxml import etree

from draft_agreement.atomicio import check_output_path
from draft_agreement.drafting.comments import CommentMerger
from draft_agreement.drafting.namespaces import docxcompose_prefixes
from draft_agreement.drafting.output import freeze, write_docx
from draft_agreement.errors import UnsupportedDocument
from draft_agreement.ooxml import R_NS, W_NS, W_P, W_PPR, W_R, W_RPR, w
from draft_agreement.package import open_package

# Schema order of run and paragraph properties (ECMA-376 CT_RPr, CT_PPrBase), for inserting in place.
_RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
)
_PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
_STYLE_REFS = (w("pStyle"), w("rStyle"), w("tblStyle"))
# CT_SectPr children after pgNumType, for inserting it in schema order.
_AFTER_PG_NUM = tuple(
    w(name)
    for name in (
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    )
)
_HEADER_REF, _FOOTER_REF = w("headerReference"), w("footerReference")
_R_ID = f"{{{R_NS}}}id"


@dataclass(frozen=True)
class ComposeResult:
    """What a composition wrote: the file, how many annexes and annex comments it carried over."""

    output: Path
    annexes: int
    comments: int


def compose(main: Path, annexes: Sequence[Path], output: Path) -> ComposeResult:
    """Write `output`: `main`, then each annex after a page break. Inputs are never modified."""
    main, output = Path(main), Path(output)
    paths = [main, *(Path(a) for a in annexes)]
    for path in paths:
        check_output_path(path, output)
    sources = [read_checked(path) for path in paths]
    data, comments = compose_bytes(sources[0], sources[1:], [str(p) for p in paths])
    write_docx(output, data)
    return ComposeResult(output, len(annexes), comments)


def compose_bytes(
    main: bytes, annexes: Sequence[bytes], names: Sequence[str] = (), headings: Sequence[str | None] = ()
) -> tuple[bytes, int]:
    """The composed package (fixed zip dates) and the number of annex comments carried over.

    `headings[i]`, when given, is the label annex i opens with ("附件三").
    """
    labels = list(names) or [f"document {i}" for i in range(len(annexes) + 1)]
    document = _open(main, labels[0])
    with docxcompose_prefixes():
        composer = _Composer(document, preserve_styles=True)
        composer.restart_numbering = False  # annex lists are new instances already; restarting adds clones
        _ensure_numbering(document)
        original_lists = _abstract_ids(document)
        merger = CommentMerger(document)
        for index, data in enumerate(annexes, start=1):
            annex = _open(data, labels[index])
            _drop_undefined_style_references(annex)
            heading = headings[index - 1] if index - 1 < len(headings) else None
            if heading:
                _open_with_heading(annex, heading)
            merger.prepare(annex, seed=f"annex{index}")
            _end_section(document, composer.append_index())
            composer.append(annex)
            merger.merge(annex, composer)
            _own_section(document, annex, composer)
    _stable_list_ids(document, original_lists)
    buffer = io.BytesIO()
    document.save(buffer)
    return freeze(buffer.getvalue()), merger.merged


def _end_section(document: DocxDocument, at: int) -> None:
    """Close the section so far (the agreement, or the annex before) where the next annex goes: its
    section properties, header references and all, move into a paragraph of their own."""
    body = document.element.body
    current = body.find(w("sectPr"))
    if current is None:
        current = OxmlElement("w:sectPr")
    else:
        body.remove(current)
        at = min(at, len(body))
    paragraph = OxmlElement("w:p")
    properties = etree.SubElement(paragraph, W_PPR)
    properties.append(current)
    body.insert(at, paragraph)
    body.append(OxmlElement("w:sectPr"))


def _own_section(document: DocxDocument, annex: DocxDocument, composer: Composer) -> None:
    """The last section is the annex's: its page setup, its own header and footer (empty when it has
    none, so nothing of the agreement's is inherited), page numbers from 1."""
    body = document.element.body
    theirs = annex.element.body.find(w("sectPr"))
    section = deepcopy(theirs) if theirs is not None else OxmlElement("w:sectPr")
    for ref in section.findall(_HEADER_REF) + section.findall(_FOOTER_REF):
        section.remove(ref)
    old = body.find(w("sectPr"))
    body.replace(old, section)
    kinds = ["default"]
    if _even_and_odd(document):
        kinds.append("even")
    if section.find(w("titlePg")) is not None:
        kinds.append("first")
    refs = {(r.tag, r.get(w("type"), "default")): r.get(_R_ID) for r in _refs(theirs)}
    for tag, add in (
        (_FOOTER_REF, document.part.add_footer_part),
        (_HEADER_REF, document.part.add_header_part),
    ):
        for kind in kinds:
            rid = refs.get((tag, kind)) or refs.get((tag, "default"))
            source = annex.part.related_parts[rid].element if rid else None
            part, new_rid = add()
            _fill(part.element, source, annex, composer)
            ref = OxmlElement("w:headerReference" if tag == _HEADER_REF else "w:footerReference")
            ref.set(w("type"), kind)
            ref.set(_R_ID, new_rid)
            section.insert(0, ref)
    _restart_page_numbers(section)


def _refs(section: etree._Element | None) -> list[etree._Element]:
    if section is None:
        return []
    return section.findall(_HEADER_REF) + section.findall(_FOOTER_REF)


def _even_and_odd(document: DocxDocument) -> bool:
    return document.settings.element.find(w("evenAndOddHeaders")) is not None


def _fill(
    target: etree._Element, source: etree._Element | None, annex: DocxDocument, composer: Composer
) -> None:
    """The new header or footer holds a copy of the annex's, or one empty paragraph. A header that
    refers to other parts (a logo) is left empty rather than pointing at parts of another package."""
    for child in list(target):
        target.remove(child)
    usable = source is not None and not any(_R_ID in el.attrib for el in source.iter())
    if usable:
        for child in source:
            copy = deepcopy(child)
            target.append(copy)
            composer.add_styles(annex, copy)
    if not len(target):
        target.append(OxmlElement("w:p"))


def _restart_page_numbers(section: etree._Element) -> None:
    numbers = section.find(w("pgNumType"))
    if numbers is None:
        numbers = OxmlElement("w:pgNumType")
        later = next((c for c in section if c.tag in _AFTER_PG_NUM), None)
        if later is None:
            section.append(numbers)
        else:
            later.addprevious(numbers)
    numbers.set(w("start"), "1")


def _open_with_heading(annex: DocxDocument, label: str) -> None:
    """Put the annex label ("附件三") first, in the annex's heading style if it has one, else bold."""
    style = next(
        (
            s.get(w("styleId"))
            for s in annex.styles.element.iter(w("style"))
            if _style_name(s) == "DA Heading"
        ),
        None,
    )
    paragraph = OxmlElement("w:p")
    properties = etree.SubElement(paragraph, W_PPR)
    if style:
        etree.SubElement(properties, w("pStyle")).set(w("val"), style)
    etree.SubElement(properties, w("keepNext"))
    run = etree.SubElement(paragraph, W_R)
    etree.SubElement(etree.SubElement(run, W_RPR), w("b"))
    etree.SubElement(run, w("t")).text = label
    annex.element.body.insert(0, paragraph)


def _style_name(style: etree._Element) -> str | None:
    name = style.find(w("name"))
    return name.get(w("val")) if name is not None else None


class _Composer(Composer):
    """docxcompose, with its default-style carry-over fixed.

    When an annex's Normal style differs from the main's, docxcompose copies the annex's defaults onto
    each run and paragraph so the annex keeps its look, but it appends them out of schema order and
    repeats properties a run already has; Word then "repairs" the file. Same intent here, each property
    inserted in schema order and only where the run or paragraph does not set it.
    """

    def add_styles(self, doc: DocxDocument, element: etree._Element) -> None:
        """docxcompose, one style reference at a time.

        With preserved styles, docxcompose sets *every* style reference inside the element it is given
        to the id of the last style it renamed, so a paragraph in "DA Body" holding a run in the blank
        character style ends up with that run in "DA Body". Each reference is therefore passed alone
        (a copy in a wrapper), and the id chosen for it is written back.
        """
        for ref in list(element.iter(*_STYLE_REFS)):
            wrapper = OxmlElement("w:pPr")
            copy = deepcopy(ref)
            wrapper.append(copy)
            super().add_styles(doc, wrapper)
            ref.set(w("val"), copy.get(w("val")))

    def retain_formatting_from_default_styles(self, doc: DocxDocument) -> None:
        theirs = doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        ours = self.doc.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        if theirs is None or ours is None or xml_elements_equal(ours.element, theirs.element):
            return
        run_defaults = theirs.element.findall(f"{W_RPR}/*")
        paragraph_defaults = theirs.element.findall(f"{W_PPR}/*")
        styles = {s.get(w("styleId")): s for s in doc.styles.element.iter(w("style"))}
        for paragraph in doc.element.body.iter(W_P):
            style_ref = paragraph.find(f"{W_PPR}/{w('pStyle')}")
            style = styles.get(style_ref.get(w("val"))) if style_ref is not None else None
            from_style = {c.tag for c in style.iterfind(f"{W_RPR}/*")} if style is not None else set()
            if style_ref is None:
                _add_missing(_child(paragraph, W_PPR), paragraph_defaults, _PPR_ORDER)
            for run in paragraph.iterchildren(W_R):
                properties = _child(run, W_RPR)
                if properties.find(w("rStyle")) is None:
                    wanted = [d for d in run_defaults if d.tag not in from_style]
                    _add_missing(properties, wanted, _RPR_ORDER)


def _child(parent: etree._Element, tag: str) -> etree._Element:
    """The properties element of a run or paragraph, created first in it when missing."""
    found = parent.find(tag)
    if found is None:
        found = etree.Element(tag)
        parent.insert(0, found)
    return found


def _add_missing(properties: etree._Element, defaults: list[etree._Element], order: tuple[str, ...]) -> None:
    """Copy each default the element does not set, at its schema position."""
    rank = {w(name): i for i, name in enumerate(order)}
    for default in defaults:
        if properties.find(default.tag) is not None or default.tag not in rank:
            continue
        later = next((c for c in properties if rank.get(c.tag, len(order)) > rank[default.tag]), None)
        copy = deepcopy(default)
        if later is None:
            properties.append(copy)
        else:
            later.addprevious(copy)


def read_checked(path: Path) -> bytes:
    """The file's bytes, after the same safety checks every input gets (bombs, DTDs, not-a-docx)."""
    open_package(path)
    return path.read_bytes()


def _open(data: bytes, label: str) -> DocxDocument:
    try:
        return Document(io.BytesIO(data))
    except (ValueError, KeyError, etree.XMLSyntaxError) as exc:
        raise UnsupportedDocument(
            label, f"cannot be composed ({exc})", "save it as a Word Document (.docx)"
        ) from None


def _drop_undefined_style_references(annex: DocxDocument) -> None:
    """Word formats a reference to a style the file does not define as the default; docxcompose (with
    preserved styles) crashes on it. python-docx writes such references for comments, so drop them."""
    defined = {s.get(w("styleId")) for s in annex.styles.element.iter(w("style"))}
    roots = [annex.element.body]
    roots += [r.target_part.element for r in annex.part.rels.values() if r.reltype == RT.COMMENTS]
    for root in roots:
        for ref in list(root.iter(_STYLE_REFS)):
            if ref.get(w("val")) not in defined:
                ref.getparent().remove(ref)


def _ensure_numbering(document: DocxDocument) -> None:
    """Give a main document without numbering.xml an empty one: python-docx cannot create it (its
    NumberingPart.new is not implemented), and docxcompose needs it to copy an annex's lists."""
    part = document.part
    if any(r.reltype == RT.NUMBERING for r in part.rels.values()):
        return
    element = docx_parse_xml(f'<w:numbering xmlns:w="{W_NS}"/>'.encode())
    names = {str(p.partname) for p in part.package.iter_parts()}
    number, name = 1, "/word/numbering.xml"
    while name in names:
        number += 1
        name = f"/word/numbering{number}.xml"
    numbering = NumberingPart(PackURI(name), CT.WML_NUMBERING, element, part.package)
    part.relate_to(numbering, RT.NUMBERING)


def _abstract_ids(document: DocxDocument) -> set[str]:
    numbering = document.part.numbering_part.element
    return {el.get(w("abstractNumId"), "") for el in numbering.iter(w("abstractNum"))}


def _stable_list_ids(document: DocxDocument, original: set[str]) -> None:
    """Replace the random w:nsid docxcompose gives copied lists with one derived from the list's id."""
    numbering = document.part.numbering_part.element
    taken = {n.get(w("val")) for n in numbering.iter(w("nsid"))}
    for abstract in numbering.iter(w("abstractNum")):
        key = abstract.get(w("abstractNumId"), "")
        nsid = abstract.find(w("nsid"))
        if key in original or nsid is None:
            continue
        attempt = 0
        while True:
            digest = hashlib.sha256(f"list:{key}:{attempt}".encode()).hexdigest()[:8].upper()
            if digest not in taken:
                break
            attempt += 1
        taken.discard(nsid.get(w("val")))
        taken.add(digest)
        nsid.set(w("val"), digest)

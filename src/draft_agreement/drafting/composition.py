"""Append annexes to an agreement with docxcompose: each after a page break, nothing of the main changed.

docxcompose copies an annex's body, styles, numbering and media into the main document. On top of it:
every input passes the safe-open checks first; styles are preserved rather than merged (an annex's
"Heading 1" that differs from the main's gets its own name instead of restyling either side); annex
lists get their own numbering instances, so the main agreement's clause numbers do not move; comment
ids are renumbered (docxcompose leaves them clashing); and the random list ids docxcompose writes are
replaced by deterministic ones, so the same inputs always give the same bytes.
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
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml as docx_parse_xml
from docxcompose.composer import Composer
from docxcompose.utils import xml_elements_equal
from lxml import etree

from draft_agreement.atomicio import check_output_path
from draft_agreement.drafting.comments import CommentMerger
from draft_agreement.drafting.namespaces import docxcompose_prefixes
from draft_agreement.drafting.output import freeze, write_docx
from draft_agreement.errors import UnsupportedDocument
from draft_agreement.ooxml import W_NS, W_P, W_PPR, W_R, W_RPR, w
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
_PAGE_BREAK = f'<w:p xmlns:w="{W_NS}"><w:r><w:br w:type="page"/></w:r></w:p>'


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


def compose_bytes(main: bytes, annexes: Sequence[bytes], names: Sequence[str] = ()) -> tuple[bytes, int]:
    """The composed package (fixed zip dates) and the number of annex comments carried over."""
    labels = list(names) or [f"document {i}" for i in range(len(annexes) + 1)]
    document = _open(main, labels[0])
    with docxcompose_prefixes():
        composer = _Composer(document, preserve_styles=True)
        composer.restart_numbering = False  # annex lists are new instances already; restarting adds clones
        original_lists = _abstract_ids(document)
        merger = CommentMerger(document)
        for index, data in enumerate(annexes, start=1):
            annex = _open(data, labels[index])
            _drop_undefined_style_references(annex)
            merger.prepare(annex, seed=f"annex{index}")
            document.element.body.insert(composer.append_index(), docx_parse_xml(_PAGE_BREAK))
            composer.append(annex)
            merger.merge(annex, composer)
    _stable_list_ids(document, original_lists)
    buffer = io.BytesIO()
    document.save(buffer)
    return freeze(buffer.getvalue()), merger.merged


class _Composer(Composer):
    """docxcompose, with its default-style carry-over fixed.

    When an annex's Normal style differs from the main's, docxcompose copies the annex's defaults onto
    each run and paragraph so the annex keeps its look, but it appends them out of schema order and
    repeats properties a run already has; Word then "repairs" the file. Same intent here, each property
    inserted in schema order and only where the run or paragraph does not set it.
    """

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
    except (ValueError, KeyError) as exc:
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


def _numbering(document: DocxDocument) -> etree._Element | None:
    """The numbering part's root, or None: a document without lists has none (Word adds it with the
    first list), and python-docx cannot create one."""
    try:
        return document.part.rels.part_with_reltype(RT.NUMBERING).element
    except KeyError:
        return None


def _abstract_ids(document: DocxDocument) -> set[str]:
    numbering = _numbering(document)
    if numbering is None:
        return set()
    return {el.get(w("abstractNumId"), "") for el in numbering.iter(w("abstractNum"))}


def _stable_list_ids(document: DocxDocument, original: set[str]) -> None:
    """Replace the random w:nsid docxcompose gives copied lists with one derived from the list's id."""
    numbering = _numbering(document)
    if numbering is None:
        return
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

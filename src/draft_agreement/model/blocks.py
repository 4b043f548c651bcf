"""Walk the block level of a story (paragraphs, tables, content controls) in reading order.

Only block containers are visited, never run internals, so the walk costs one step per paragraph or cell.
Text boxes are collected separately: their paragraphs sit inside runs of another paragraph and form their
own story.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from draft_agreement.ooxml import MC_FALLBACK, W_P, W_TBL, W_TC, W_TR, W_TXBXCONTENT, w

_W_CUSTOMXML = w("customXml")
_W_SDT = w("sdt")
_W_SDTCONTENT = w("sdtContent")
# Wrappers whose content is more blocks of the same level (content controls, custom XML, tracked moves).
_TRANSPARENT = {_W_CUSTOMXML, _W_SDT, _W_SDTCONTENT, w("ins"), w("del"), w("moveTo"), w("moveFrom")}


@dataclass(frozen=True, slots=True)
class CellRef:
    """Where a table-cell paragraph sits: the n-th table of its story (document order), row and column."""

    table: int
    row: int
    col: int
    depth: int  # 1 for a top-level table, 2 for a table nested in a cell...


class TableCounter:
    """Numbers the tables of one story in document order, across however many walks feed it."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n - 1


def _children(el: etree._Element, wanted: str) -> Iterator[etree._Element]:
    """Direct children with tag `wanted`, looking through transparent wrappers."""
    for child in el:
        tag = child.tag
        if tag == wanted:
            yield child
        elif tag in _TRANSPARENT:
            yield from _children(child, wanted)


def walk_blocks(
    children: Iterable[etree._Element], cell: CellRef | None, tables: TableCounter
) -> Iterator[tuple[etree._Element, CellRef | None]]:
    """Paragraphs of a run of sibling blocks; a story streamed block by block shares one `tables`."""
    for child in children:
        tag = child.tag
        if tag == W_P:
            yield child, cell
        elif tag == W_TBL:
            table = tables.next()
            depth = cell.depth + 1 if cell else 1
            for r, row in enumerate(_children(child, W_TR)):
                for c, tc in enumerate(_children(row, W_TC)):
                    yield from walk_blocks(tc, CellRef(table, r, c, depth), tables)
        elif tag in _TRANSPARENT:
            yield from walk_blocks(child, cell, tables)


def block_paragraphs(container: etree._Element) -> Iterator[tuple[etree._Element, CellRef | None]]:
    """Every paragraph of a story root (w:body, w:hdr, w:footnote, w:txbxContent...) with its table cell."""
    return walk_blocks(container, None, TableCounter())


def text_boxes(root: etree._Element) -> list[etree._Element]:
    """Text-box contents under `root`, skipping the VML fallback copies of DrawingML text boxes."""
    boxes = []
    for box in root.iter(W_TXBXCONTENT):
        anc = box.getparent()
        while anc is not None and anc.tag != MC_FALLBACK:
            anc = anc.getparent()
        if anc is None:
            boxes.append(box)
    return boxes


_HEADER_REF, _FOOTER_REF = w("headerReference"), w("footerReference")
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def section_refs(root: etree._Element) -> Iterator[tuple[str, str]]:
    """(header or footer, relationship id) of every section's references under `root`, in order."""
    for ref in root.iter(_HEADER_REF, _FOOTER_REF):
        yield ("header" if ref.tag == _HEADER_REF else "footer"), ref.get(_R_ID, "")

"""Each story of a loaded document as a tree of blocks: paragraphs and tables of rows of cells.

The model keeps paragraphs only (with the table cell each sits in); compare aligns paragraphs and table
rows, so the tree is rebuilt from the cell references. While the model parses each paragraph, an
observer records what alignment needs and the model does not keep: the base-view text (tracked changes
rejected), whether the paragraph is hidden in that view, and a fingerprint of its XML so that two
identical paragraphs are never read again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from draft_agreement.comparing.pieces import REVISION_TAGS
from draft_agreement.model.blocks import block_paragraphs
from draft_agreement.model.document import Document, Paragraph, Story, load_document
from draft_agreement.model.paragraph_props import paragraph_props
from draft_agreement.model.paragraph_text import View, paragraph_text
from draft_agreement.ooxml import W_INS, W_TBL, W_TC, W_TR, w

_W_TRPR = w("trPr")


@dataclass(slots=True)
class Facts:
    fingerprint: int
    base: str  # text with every tracked change rejected
    revised: bool  # holds tracked changes (or a marked paragraph mark)
    hidden: bool  # absent from the base view: another author inserted it, mark and all
    row_inserted: bool  # sits in a table row another author inserted


@dataclass(slots=True)
class PBlock:
    para: Paragraph
    facts: Facts

    @property
    def key(self) -> str:
        return "p\x00" + self.facts.base


@dataclass(slots=True)
class Cell:
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    cells: list[Cell] = field(default_factory=list)
    anchor: PBlock | None = None  # a paragraph directly in the row's first cell: reaches the w:tr
    hidden: bool = False

    @property
    def key(self) -> str:
        return "r\x00" + "\x01".join(_cell_text(c) for c in self.cells)


@dataclass(slots=True)
class TBlock:
    rows: list[Row] = field(default_factory=list)

    @property
    def key(self) -> str:
        return "t\x00" + "\x02".join(r.key for r in self.rows if not r.hidden)

    @property
    def anchor(self) -> PBlock:
        for row in self.rows:
            if row.anchor is not None:
                return row.anchor
        raise ValueError("table without paragraphs")


Block = PBlock | TBlock


def _cell_text(cell: Cell) -> str:
    parts = []
    for block in cell.blocks:
        parts.append(block.facts.base if isinstance(block, PBlock) else block.key)
    return "\n".join(parts)


class Observed:
    """A document loaded with the facts compare needs of every paragraph."""

    def __init__(self, source: str | os.PathLike[str]) -> None:
        self.facts: dict[tuple[str, int], Facts] = {}
        self.doc: Document = load_document(source, observe=self._observe)

    def _observe(self, para: Paragraph, p: etree._Element) -> None:
        self.facts[(para.story, para.index)] = facts_of(para, p)

    def blocks(self, story: Story) -> list[tuple[str | None, list[Block]]]:
        """The story's containers (one for most stories, one per note for notes: its id), each with
        its blocks."""
        return build_blocks([(para, self.facts[(para.story, para.index)]) for para in story.paragraphs])


def facts_of(para: Paragraph, p: etree._Element) -> Facts:
    revised = next(p.iter(REVISION_TAGS), None) is not None
    base = paragraph_text(p, View.REJECTED) if revised else para.text
    hidden = revised and para.mark_revision == "inserted" and not base
    row_inserted = para.cell is not None and _row_inserted(p)
    return Facts(hash(etree.tostring(p)), base, revised, hidden or row_inserted, row_inserted)


def container_blocks(container: etree._Element, story: str) -> list[Block]:
    """The blocks of a container the model does not hold as a story of its own here (the content of a
    text box), read from its elements."""
    paragraphs = []
    for index, (p, cell) in enumerate(block_paragraphs(container)):
        props = paragraph_props(p)
        para = Paragraph(story, index, p, paragraph_text(p), cell, mark_revision=props.mark)
        paragraphs.append((para, facts_of(para, p)))
    found = build_blocks(paragraphs)
    return found[0][1] if found else []


def build_blocks(paragraphs: list[tuple[Paragraph, Facts]]) -> list[tuple[str | None, list[Block]]]:
    """Paragraphs in reading order (with their cells) as containers of blocks: tables rebuilt from the
    cell references, a new container for each note."""
    containers: list[tuple[str | None, list[Block]]] = []
    current_note: object = object()
    stack: list[tuple[int, TBlock]] = []  # (table index, block) per depth
    top: list[Block] = []
    for para, facts in paragraphs:
        if para.note_id != current_note:
            current_note = para.note_id
            top = []
            containers.append((para.note_id, top))
            stack = []
        block = PBlock(para, facts)
        cell = para.cell
        if cell is None:
            stack = []
            if not facts.hidden:
                top.append(block)
            continue
        del stack[cell.depth :]
        if len(stack) == cell.depth and stack[-1][0] != cell.table:
            stack.pop()
        if len(stack) < cell.depth:
            table = TBlock()
            parent = top if cell.depth == 1 else _open_cell(stack[-1][1])
            parent.append(table)
            stack.append((cell.table, table))
        table = stack[-1][1]
        while len(table.rows) <= cell.row:
            table.rows.append(Row())
        row = table.rows[cell.row]
        while len(row.cells) <= cell.col:
            row.cells.append(Cell())
        if row.anchor is None and cell.col == 0:
            row.anchor = block
            row.hidden = facts.row_inserted
        if not facts.hidden:
            row.cells[cell.col].blocks.append(block)
    for _, container in containers:
        _prune(container)
    return containers


def _open_cell(table: TBlock) -> list[Block]:
    return table.rows[-1].cells[-1].blocks


def _prune(blocks: list[Block]) -> None:
    """Drop rows that another author inserted (absent from the base view) and rows with no cells."""
    for block in blocks:
        if isinstance(block, TBlock):
            block.rows = [r for r in block.rows if r.cells and r.anchor is not None and not r.hidden]
            for row in block.rows:
                for cell in row.cells:
                    _prune(cell.blocks)
    blocks[:] = [b for b in blocks if not isinstance(b, TBlock) or b.rows]


def _row_inserted(p: etree._Element) -> bool:
    anc = p.getparent()
    while anc is not None and anc.tag != W_TR:
        anc = anc.getparent()
    trpr = anc.find(_W_TRPR) if anc is not None else None
    return trpr is not None and trpr.find(W_INS) is not None


def row_element(row: Row, p: etree._Element) -> etree._Element:
    """The w:tr of `row`, from an element of its anchor paragraph."""
    anc = p.getparent()
    while anc is not None and anc.tag != W_TC:
        anc = anc.getparent()
    while anc is not None and anc.tag != W_TR:
        anc = anc.getparent()
    if anc is None:
        raise ValueError("row anchor outside a table row")
    return anc


def table_element(tr: etree._Element) -> etree._Element:
    anc = tr.getparent()
    while anc is not None and anc.tag != W_TBL:
        anc = anc.getparent()
    if anc is None:
        raise ValueError("row outside a table")
    return anc


def paragraphs_of(blocks: list[Block]) -> Iterator[PBlock]:
    """Every paragraph under `blocks`, tables included, in reading order."""
    for block in blocks:
        if isinstance(block, PBlock):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from paragraphs_of(cell.blocks)

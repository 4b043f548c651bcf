"""Map every character of a paragraph's text back to the XML node that holds it.

The redline writer edits runs through this map and never searches text again, so the map must be exact:
concatenating the pieces' characters gives the paragraph text, and each piece names its node, run and
the enclosing revision wrapper.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree


@dataclass(frozen=True, slots=True)
class Piece:
    """One text-bearing node (w:t, w:delText, w:tab, w:br, w:sym...) and where its characters sit."""

    start: int  # offset of the first character in the paragraph text
    text: str  # the characters this node contributes (one char for tabs, breaks and symbols)
    node: etree._Element
    run: etree._Element  # the w:r that holds the node
    revision: etree._Element | None  # nearest w:ins/w:del/w:moveTo/w:moveFrom inside the paragraph

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Slice:
    """The part of one piece that falls inside a requested span."""

    piece: Piece
    node_start: int  # offset inside piece.text
    node_end: int

    @property
    def text(self) -> str:
        return self.piece.text[self.node_start : self.node_end]


class TextMap:
    """Offsets of one paragraph view; built once by the paragraph reader, queried by bisection."""

    __slots__ = ("pieces", "_starts")

    def __init__(self, pieces: list[Piece]) -> None:
        self.pieces = pieces
        self._starts = [p.start for p in pieces]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def __len__(self) -> int:
        return self.pieces[-1].end if self.pieces else 0

    def locate(self, offset: int) -> tuple[Piece, int]:
        """The piece holding character `offset` and the offset inside that piece."""
        if not 0 <= offset < len(self):
            raise IndexError(f"offset {offset} outside paragraph of length {len(self)}")
        i = bisect_right(self._starts, offset) - 1
        piece = self.pieces[i]
        return piece, offset - piece.start

    def slices(self, start: int, end: int) -> Iterator[Slice]:
        """The pieces covering [start, end), each cut to the span."""
        if not 0 <= start <= end <= len(self):
            raise IndexError(f"span {start}:{end} outside paragraph of length {len(self)}")
        if start == end:
            return
        i = bisect_right(self._starts, start) - 1
        while i < len(self.pieces):
            piece = self.pieces[i]
            if piece.start >= end:
                break
            lo = max(start, piece.start) - piece.start
            hi = min(end, piece.end) - piece.start
            if hi > lo:
                yield Slice(piece, lo, hi)
            i += 1

    def runs(self, start: int, end: int) -> list[etree._Element]:
        """The distinct runs touched by [start, end), in document order."""
        seen: dict[int, etree._Element] = {}
        for s in self.slices(start, end):
            seen.setdefault(id(s.piece.run), s.piece.run)
        return list(seen.values())

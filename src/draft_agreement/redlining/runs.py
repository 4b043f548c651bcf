"""Run surgery for tracked changes: split runs at span edges, wrap deletions, build inserted runs.

Everything works from the paragraph's TextMap; no text is searched here. Runs are split only where a
span starts or ends, and a split copies the run's properties, so formatting never moves.
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from collections.abc import Callable, Sequence

from lxml import etree

from draft_agreement.model.paragraph_text import read_paragraph
from draft_agreement.model.textmap import TextMap
from draft_agreement.ooxml import (
    W_DEL,
    W_DELINSTRTEXT,
    W_DELTEXT,
    W_INS,
    W_INSTRTEXT,
    W_MOVEFROM,
    W_MOVETO,
    W_R,
    W_RPR,
    W_T,
    XML_NS,
    w,
)

_XML_SPACE = f"{{{XML_NS}}}space"
_W_FLDCHAR = w("fldChar")
_W_FLDCHARTYPE = w("fldCharType")
_W_RPRCHANGE = w("rPrChange")
_W_BR = w("br")
_W_TAB = w("tab")
_FOREIGN_WRAPPERS = (W_INS, W_MOVETO)
_TEXT_NODES = (W_T, W_DELTEXT)


def set_text(node: etree._Element, text: str) -> None:
    """Set a w:t (or w:delText) text, preserving space where Word would lose it."""
    node.text = text
    if text != text.strip() or "  " in text:
        node.set(_XML_SPACE, "preserve")


def _split_run_before(run: etree._Element, node: etree._Element, k: int, rest: str) -> etree._Element:
    """Cut `run` so that a new run, returned, starts at character k of `node`.

    The new run gets a copy of the properties and attributes, so both halves look the same. `rest` is
    the text of `node` from k on (when k > 0), which moves to the new run; the caller trims `node`
    itself, once, however many times it is cut.
    """
    new = etree.Element(run.tag, attrib=dict(run.attrib))
    rpr = run.find(W_RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    if k > 0:
        set_text(etree.SubElement(new, node.tag), rest)
        followers = list(node.itersiblings())
    else:
        followers = [node, *node.itersiblings()]
    for follower in followers:
        new.append(follower)
    run.addnext(new)
    return new


def _content_before(run: etree._Element, node: etree._Element) -> bool:
    return any(child.tag != W_RPR for child in node.itersiblings(preceding=True))


class _Cutter:
    """Cuts runs at offsets taken right to left, from one TextMap read before the first cut.

    A cut only changes the map to its right (the piece it splits keeps its start; the pieces after it
    move to new runs), so after each cut the map is trimmed there and stays true for every offset to
    its left: a paragraph with a thousand spans is read once, not three thousand times.
    """

    def __init__(self, tm: TextMap) -> None:
        self.pieces = list(tm.pieces)
        self.starts = [piece.start for piece in self.pieces]
        self.count = len(self.pieces)  # pieces[:count] are still true
        self.length = len(tm)  # offsets below this are still mapped
        # Text nodes cut inside: how many characters each keeps. They are trimmed once, in finish():
        # trimming a long w:t at every cut would copy it once per cut.
        self.kept: dict[etree._Element, int] = {}
        self._text: dict[etree._Element, str] = {}

    def _cut_inside(self, i: int, k: int) -> None:
        piece = self.pieces[i]  # piece.text is the node's text as read, before any cut
        end = self.kept.get(piece.node, len(piece.text))
        _split_run_before(piece.run, piece.node, k, piece.text[k:end])
        self.kept[piece.node] = k
        self._trim(i, piece.start + k)
        self._text[piece.node] = piece.text

    def finish(self) -> None:
        """Trim every node that was cut inside to what it keeps."""
        for node, keep in self.kept.items():
            set_text(node, self._text[node][:keep])

    def _locate(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset, 0, self.count) - 1
        return i, offset - self.pieces[i].start

    def _trim(self, i: int, end: int) -> None:
        """Pieces after i moved to a new run, and piece i now ends at `end` (the last mapped offset)."""
        self.count = i + 1
        self.length = end

    def cut_at(self, offset: int) -> None:
        """Make `offset` a run boundary, leaving other nodes in the runs they were in."""
        if offset <= 0 or offset >= self.length:
            return
        i, k = self._locate(offset)
        piece = self.pieces[i]
        if piece.run.tag != W_R:
            return  # a piece held by no run (a math object standing for one character) is a boundary
        if k > 0:
            self._cut_inside(i, k)
        elif _content_before(piece.run, piece.node):
            _split_run_before(piece.run, piece.node, 0, "")
            self.count = i
            self.length = piece.start

    def cut_after(self, offset: int) -> None:
        """Make a boundary right after character `offset - 1`, so trailing non-text nodes stay outside."""
        if offset <= 0 or offset > self.length:
            return
        i, k = self._locate(offset - 1)
        piece = self.pieces[i]
        if piece.run.tag != W_R:
            return
        end = self.length if i == self.count - 1 else piece.end  # the last piece may have been cut
        if piece.start + k + 1 < end:
            self._cut_inside(i, k + 1)
            return
        followers = list(piece.node.itersiblings())
        if followers:
            _split_run_before(piece.run, followers[0], 0, "")
            self._trim(i, end)


Reader = Callable[[etree._Element], TextMap]


def isolate_all(
    p: etree._Element, spans: Sequence[tuple[int, int]], reader: Reader = read_paragraph
) -> list[list[etree._Element]]:
    """Split runs so each [start, end) is made of whole runs; return each span's runs, in order given.

    Spans may nest or touch (a comment and the replacement inside it). Every boundary is cut once,
    right to left; at one offset the start of the span on the right is cut before the end of the span
    on the left, which is the order isolating touching spans one by one from the right would take.
    Offsets are in the current view, or in `reader`'s (compare reads the base view).
    """
    cutter = _Cutter(reader(p))
    cuts = {(start, 0) for start, _ in spans} | {(end, 1) for _, end in spans}
    for offset, after in sorted(cuts, key=lambda cut: (-cut[0], cut[1])):
        if after:
            cutter.cut_after(offset)
        else:
            cutter.cut_at(offset)
    cutter.finish()
    tm = reader(p)
    return [tm.runs(start, end) for start, end in spans]


def isolate(p: etree._Element, start: int, end: int, reader: Reader = read_paragraph) -> list[etree._Element]:
    """Split runs so [start, end) is made of whole runs, and return those runs in order."""
    return isolate_all(p, [(start, end)], reader)[0]


def split_at(p: etree._Element, offset: int, reader: Reader = read_paragraph) -> None:
    """Make `offset` a run boundary, leaving other nodes in the runs they were in."""
    cutter = _Cutter(reader(p))
    cutter.cut_at(offset)
    cutter.finish()


def _field_runs_between(
    p: etree._Element, first: etree._Element, last: etree._Element, chosen: set[int]
) -> list[etree._Element]:
    """Runs between `first` and `last` that carry only field characters or instructions.

    They are deleted with the span when every field they open also closes inside it, so accepting the
    deletion removes whole fields rather than leaving a code without its result.
    """
    runs = [r for r in p.iter(W_R) if _in_current_view(r, p)]
    try:
        lo, hi = runs.index(first), runs.index(last)
    except ValueError:
        return []
    extra, depth = [], 0
    for run in runs[lo : hi + 1]:
        for fc in run.iter(_W_FLDCHAR):
            kind = fc.get(_W_FLDCHARTYPE)
            depth += 1 if kind == "begin" else -1 if kind == "end" else 0
            if depth < 0:
                return []
        if id(run) not in chosen and (run.find(_W_FLDCHAR) is not None or run.find(W_INSTRTEXT) is not None):
            extra.append(run)
    return extra if depth == 0 else []


def _in_current_view(run: etree._Element, p: etree._Element) -> bool:
    anc = run.getparent()
    while anc is not None and anc is not p:
        if anc.tag in (W_DEL, W_MOVEFROM):
            return False
        anc = anc.getparent()
    return anc is p


def _ordered(p: etree._Element, runs: list[etree._Element]) -> list[etree._Element]:
    wanted = {id(r) for r in runs}
    return [r for r in p.iter(W_R) if id(r) in wanted]


def wrap_deleted(
    p: etree._Element, runs: list[etree._Element], make_del: Callable[[], etree._Element]
) -> list[etree._Element]:
    """Wrap runs in w:del (adjacent siblings share one wrapper) and turn their text into deleted text.

    Returns the wrappers in document order. Runs inside another author's w:ins end up as
    <w:ins A><w:del us>…</w:del></w:ins>, which is what Word writes.
    """
    if not runs:
        return []
    chosen = {id(r) for r in runs}
    runs = _ordered(p, runs + _field_runs_between(p, runs[0], runs[-1], chosen))
    wrappers: list[etree._Element] = []
    for run in runs:
        prev = run.getprevious()
        if wrappers and prev is wrappers[-1]:
            wrapper = prev
        else:
            wrapper = make_del()
            run.addprevious(wrapper)
            wrappers.append(wrapper)
        wrapper.append(run)
        for node in run.iter(W_T, W_INSTRTEXT):
            node.tag = W_DELTEXT if node.tag == W_T else W_DELINSTRTEXT
    return wrappers


def split_wrapper_after(child: etree._Element, clone_id: Callable[[], str]) -> etree._Element:
    """If `child` sits in another author's w:ins/w:moveTo, cut that wrapper after it.

    Returns the element after which new content may be placed at paragraph level: our w:ins cannot go
    inside someone else's, and placing it after their whole wrapper would move it.
    """
    anchor = child
    while anchor.getparent() is not None and anchor.getparent().tag in _FOREIGN_WRAPPERS:
        wrapper = anchor.getparent()
        followers = list(anchor.itersiblings())
        if followers:
            clone = etree.Element(wrapper.tag, attrib=dict(wrapper.attrib))
            clone.set(w("id"), clone_id())
            for follower in followers:
                clone.append(follower)
            wrapper.addnext(clone)
        anchor = wrapper
    return anchor


def clean_rpr(run: etree._Element | None) -> etree._Element | None:
    """A copy of a run's properties for new text: every font slot kept, revision history dropped."""
    rpr = run.find(W_RPR) if run is not None else None
    if rpr is None:
        return None
    out = copy.deepcopy(rpr)
    for change in out.findall(_W_RPRCHANGE):
        out.remove(change)
    for marker in (W_INS, W_DEL, W_MOVEFROM, W_MOVETO):
        for el in out.findall(marker):
            out.remove(el)
    return out if len(out) or out.attrib else None


def make_runs(text: str, rpr: etree._Element | None) -> list[etree._Element]:
    """Runs for new text: tabs become w:tab and line breaks w:br, never literal characters in w:t."""
    run = etree.Element(W_R)
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    buffer = ""
    for ch in text:
        if ch in "\t\n":
            if buffer:
                set_text(etree.SubElement(run, W_T), buffer)
                buffer = ""
            etree.SubElement(run, _W_TAB if ch == "\t" else _W_BR)
        else:
            buffer += ch
    if buffer:
        set_text(etree.SubElement(run, W_T), buffer)
    return [run]

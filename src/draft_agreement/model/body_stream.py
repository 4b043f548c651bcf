"""The main part, parsed and kept as windows of its own bytes rather than as one lxml tree.

lxml spends about 12 bytes per byte of WordprocessingML (every attribute value is a node of its own),
so a 20,000-clause agreement would need hundreds of MiB as one tree. Instead the body is cut, between
top-level blocks, into windows of a few KiB. Each window is parsed on its own (inside the part's own
root and body start tags, so every namespace is in scope), modelled, and dropped. A paragraph keeps a
BlockRef; the writer parses again only the windows it edits, and the part is written back as the
original bytes with just those windows re-serialised.

A cut is only ever trusted after the window before it parses: the window starts between two top-level
blocks, and a byte range that parses as a sequence of elements ends at the depth it started at, so it
ends between two top-level blocks too. Counting table, text-box and content-control tags beforehand
only spares parses that would fail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from draft_agreement import compiled
from draft_agreement.errors import UnsupportedDocument
from draft_agreement.model.blocks import (
    CellRef,
    TableCounter,
    block_paragraphs,
    section_refs,
    text_boxes,
    walk_blocks,
)
from draft_agreement.model.paragraph_text import only_plain_paragraphs
from draft_agreement.ooxml import W_BODY, W_NS, decimal_number
from draft_agreement.package import Package

WINDOW_BYTES = 1 << 14  # a window ends at the first top-level paragraph end after this many bytes

_BODY_START = compiled.pattern(rb"<(?:([A-Za-z_][\w.-]*):)?body(?=[\s/>])")
_START_TAG = compiled.pattern(rb"<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*(/?)>")
_ENCODING = compiled.pattern(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']+)")
_IDS = etree.XPath("descendant::*/@w:id", namespaces={"w": W_NS})
# Containers whose paragraphs are not top-level blocks: a cut inside one cannot parse.
_NESTING = ("tbl", "txbxContent", "sdtContent")

# (paragraph, its table cell, where it lives, whether its window holds plain text only)
ParagraphSink = Callable[[etree._Element, CellRef | None, "BlockRef", bool], None]
Located = tuple[etree._Element, CellRef | None]
# A parsed window: its body, then its paragraphs and its text-box paragraphs in reading order.
_Window = tuple[etree._Element, list[Located], list[Located]]


@dataclass(frozen=True, slots=True)
class BlockRef:
    """Where a streamed paragraph lives: the n-th paragraph (or text-box paragraph) of a window."""

    store: BodyStore
    window: int
    ordinal: int
    textbox: bool = False

    def element(self, *, edit: bool = False) -> etree._Element:
        """The paragraph, parsed again from its window; with `edit`, changes to it are written back."""
        return self.store.paragraph(self.window, self.ordinal, self.textbox, edit=edit)


class BodyStore:
    """One part's bytes cut into windows of whole top-level blocks, and what the writer needs of it.

    The writer pins a window to edit it and settles it when done: the window is serialised and its
    tree dropped, so only the window being edited is ever held as a tree.
    """

    def __init__(
        self, package: Package, part: str, data: bytes, body: tuple[int, int], prefix: bytes
    ) -> None:
        self.package = package
        self.part = part
        self.body = body  # where the body's content starts and ends in `data`
        self.prefix = prefix  # the WordprocessingML prefix with its colon (b"w:"), or b""
        self._data = data
        self._head = data[: body[0]]  # prolog, root start tag, anything before the body, body start tag
        self._tail = data[body[1] :]  # body end tag, anything after it, root end tag
        self.windows: list[tuple[int, int]] = []
        self.highest_id = -1  # largest w:id anywhere in the body, for the package-wide id allocator
        self.section_refs: list[tuple[str, str]] = []  # (header|footer, relationship id) in order
        self._cache: tuple[int, _Window] | None = None
        self._pinned: dict[int, _Window] = {}
        self._written: dict[int, bytes] = {}

    @property
    def edited(self) -> bool:
        return bool(self._pinned or self._written)

    def paragraph(
        self, window: int, ordinal: int, textbox: bool = False, *, edit: bool = False
    ) -> etree._Element:
        parsed = self._pinned.get(window)
        if parsed is None:
            if self._cache is not None and self._cache[0] == window:
                parsed = self._cache[1]
            else:
                parsed = _window_content(self._parse_window(window))
                self._cache = (window, parsed)
            if edit:
                self._pinned[window] = parsed
        return (parsed[2] if textbox else parsed[1])[ordinal][0]

    def settle(self, window: int, finish: Callable[[etree._Element], None] | None = None) -> None:
        """Serialise a pinned window (after `finish` has run on its body) and drop its tree."""
        parsed = self._pinned.pop(window, None)
        if parsed is None:
            return
        if finish is not None:
            finish(parsed[0])
        self._written[window] = _body_content(parsed[0])
        if self._cache is not None and self._cache[0] == window:
            self._cache = None

    def parse(self, start: int, end: int) -> etree._Element:
        """The bytes [start, end) of the body as a document of their own; raises if they are not whole
        blocks."""
        return self.package.parse(
            self._head + self._data[start:end] + self._tail, self.part, prolog_checked=True
        )

    def chunks(self) -> list[bytes | memoryview]:
        """The whole part in order: original bytes, with edited windows as serialised afresh."""
        view = memoryview(self._data)
        out: list[bytes | memoryview] = [self._head]
        for i, (start, end) in enumerate(self.windows):
            pinned = self._pinned.get(i)
            if pinned is not None:
                out.append(_body_content(pinned[0]))
            else:
                out.append(self._written.get(i, view[start:end]))
        out.append(self._tail)
        return out

    def _parse_window(self, window: int) -> etree._Element:
        written = self._written.get(window)
        if written is None:
            return self.parse(*self.windows[window])
        return self.package.parse(self._head + written + self._tail, self.part, prolog_checked=True)


def stream_body(
    package: Package, part: str, on_paragraph: ParagraphSink, on_text_box: ParagraphSink
) -> BodyStore | None:
    """Model the body of `part` window by window, handing each paragraph (and text-box paragraph) to
    the sinks while its window is parsed. None, before any sink is called, when the part cannot be cut
    safely (not UTF-8, no body found where expected): the caller then parses it whole, which also
    reports a damaged part in the usual words."""
    data = package.read(part)
    store = _store(package, part, data)
    if store is None:
        return None
    package.release(part)
    tables = TableCounter()
    pos, limit = store.body
    cuts = _Cuts(data, store.prefix, pos, limit)
    while pos < limit:
        end = cuts.after(pos + WINDOW_BYTES)
        while True:
            try:
                root = store.parse(pos, end)
                break
            except UnsupportedDocument:
                if end >= limit:
                    raise  # the rest of the part does not parse: it is damaged
                # A container the tag counts missed: grow the window geometrically, so even a damaged
                # part costs a bounded number of parses before its error is reported.
                end = cuts.after(pos + 2 * (end - pos))
        k = len(store.windows)
        store.windows.append((pos, end))
        body, paragraphs, boxed = _window_content(root, tables)
        plain = only_plain_paragraphs(body)
        for ordinal, (p, cell) in enumerate(paragraphs):
            on_paragraph(p, cell, BlockRef(store, k, ordinal), plain)
        for ordinal, (p, cell) in enumerate(boxed):
            on_text_box(p, cell, BlockRef(store, k, ordinal, textbox=True), False)
        if data.find(b"id=", pos, end) >= 0:
            ids = [n for v in _IDS(body) if (n := decimal_number(v)) is not None]
            store.highest_id = max([store.highest_id, *ids])
        store.section_refs.extend(section_refs(body))
        pos = end
    return store


def _store(package: Package, part: str, data: bytes) -> BodyStore | None:
    declared = _ENCODING.match(data)
    if declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:2] in (b"<\x00", b"\x00<"):
        return None
    found = _BODY_START.search(data)
    start_tag = _START_TAG.match(data, found.start()) if found is not None else None
    if found is None or start_tag is None or start_tag.group(1):
        return None  # no body, or an empty one written <w:body/>: nothing worth streaming
    prefix = found.group(1) + b":" if found.group(1) else b""
    tail_start = data.rfind(b"</" + prefix + b"body>")
    if tail_start < start_tag.end():
        return None
    store = BodyStore(package, part, data, (start_tag.end(), tail_start), prefix)
    try:
        shell = store.parse(tail_start, tail_start)  # the part with an empty body
    except UnsupportedDocument:
        return None
    return store if shell.find(W_BODY) is not None else None


class _Cuts:
    """Candidate cuts (ends of paragraphs) outside tables, text boxes and content controls, found by
    counting their start and end tags once over the part, left to right."""

    def __init__(self, data: bytes, prefix: bytes, start: int, limit: int) -> None:
        self._data = data
        self._limit = limit
        self._end_p = b"</" + prefix + b"p>"
        # (a substring every tag of the kind contains, its start tags, its end tag): the substring is
        # looked for first, so a stretch without any such container costs one search, not three counts.
        self._kinds = [
            (
                prefix + b"tbl" if name == "tbl" else b"Content",
                (b"<" + prefix + name.encode() + b">", b"<" + prefix + name.encode() + b" "),
                b"</" + prefix + name.encode() + b">",
            )
            for name in _NESTING
        ]
        self._counted_to = start
        self._depth = 0

    def after(self, target: int) -> int:
        """The first candidate cut at or after `target` (the end of the body if none)."""
        data, limit = self._data, self._limit
        while target < limit:
            found = data.find(self._end_p, max(target, self._counted_to), limit)
            if found < 0:
                break
            cut = found + len(self._end_p)
            start = self._counted_to
            present: dict[bytes, bool] = {}
            for gate, opens, close in self._kinds:
                if gate not in present:
                    present[gate] = data.find(gate, start, cut) >= 0
                if present[gate]:
                    self._depth += sum(data.count(tag, start, cut) for tag in opens) - data.count(
                        close, start, cut
                    )
            self._depth = max(0, self._depth)
            self._counted_to = cut
            if self._depth == 0:
                return cut
            target = cut
        return limit


def _window_content(root: etree._Element, tables: TableCounter | None = None) -> _Window:
    """A parsed window's paragraphs; `tables` numbers its tables on from the story's earlier ones."""
    body = root.find(W_BODY)
    paragraphs = list(walk_blocks(body, None, tables or TableCounter()))
    boxes = [pc for box in text_boxes(body) for pc in block_paragraphs(box)]
    return body, paragraphs, boxes


def _body_content(body: etree._Element) -> bytes:
    """What lies between a window's body tags, serialised."""
    raw = etree.tostring(body, encoding="UTF-8", with_tail=False)
    start_tag = _START_TAG.match(raw)
    if start_tag is None or start_tag.group(1):
        return b""
    return raw[start_tag.end() : raw.rindex(b"</")]

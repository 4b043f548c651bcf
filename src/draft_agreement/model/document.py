"""The document model: every story of a Word package as paragraphs with exact text maps.

XML stays the source of truth (as in python-docx): a paragraph reaches its lxml element, and the redline
writer edits that element in place through the TextMap. The main part is streamed (body_stream): its
paragraphs keep where they came from and are parsed again on demand, so the body is never one tree;
headers, footers and notes are small and held whole.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from draft_agreement.model.blocks import CellRef, block_paragraphs, section_refs, text_boxes
from draft_agreement.model.body_stream import BlockRef, BodyStore, stream_body
from draft_agreement.model.labels import ClausePathTracker, LiteralLabel, literal_label
from draft_agreement.model.language import detect_language
from draft_agreement.model.numbering import ListLabel, NumberingRenderer
from draft_agreement.model.paragraph_props import paragraph_props
from draft_agreement.model.paragraph_text import View, paragraph_text, plain_text, read_paragraph
from draft_agreement.model.textmap import TextMap
from draft_agreement.ooxml import W_BODY, W_DEL, W_INS, W_MOVEFROM, W_MOVETO, W_TR, w
from draft_agreement.package import Package, convert_legacy_doc, is_legacy_doc, open_package

if TYPE_CHECKING:
    from draft_agreement.model.context import Context

_W_FOOTNOTE = w("footnote")
_W_ENDNOTE = w("endnote")
_W_COMMENT = w("comment")
_W_TYPE = w("type")
_W_TRPR = w("trPr")
_W_ID = w("id")
_W_COMMENTRANGESTART = w("commentRangeStart")
_BLOCK_TAGS = (w("p"), w("tbl"), w("sdt"))
Observer = Callable[["Paragraph", etree._Element], None]
_REVISION_TAGS = (W_INS, W_DEL, W_MOVETO, W_MOVEFROM)


@dataclass(slots=True)
class Paragraph:
    """One paragraph of one story, in the current view (tracked insertions in, deletions out).

    `node` is the lxml element, or None for a paragraph of the streamed main part: then `source` parses
    its window again on demand. Facts review needs for every paragraph (mark
    revision, heading style) are read while the element is in hand, so review never re-parses.
    """

    story: str
    index: int
    node: etree._Element | None
    text: str
    cell: CellRef | None = None
    list_label: ListLabel | None = None
    literal: LiteralLabel | None = None
    clause_path: tuple[str, ...] = ()
    note_id: str | None = None
    mark_revision: str | None = None  # 'inserted' or 'deleted' when the paragraph mark is a tracked change
    joins_next: bool = False  # the mark is a revision and the next paragraph is its next sibling block
    styled_heading: bool = False  # a heading or title style, or an outline level
    source: BlockRef | None = None

    @property
    def element(self) -> etree._Element:
        if self.node is not None:
            return self.node
        assert self.source is not None
        return self.source.element()

    @property
    def textmap(self) -> TextMap:
        """The text mapped to its nodes, read when asked (writer, tests); the model keeps text only."""
        return read_paragraph(self.element)

    @property
    def label(self) -> str | None:
        """The clause label a lawyer sees: the automatic number, else the literal one."""
        if self.list_label is not None and self.list_label.text:
            return self.list_label.text
        return self.literal.text if self.literal else None

    @property
    def display_text(self) -> str:
        """The text as Word shows it, with the automatic number in front."""
        if self.list_label is not None and self.list_label.text:
            return f"{self.list_label.text} {self.text}"
        return self.text

    @property
    def revisions(self) -> list[dict[str, str | None]]:
        """Tracked changes inside the paragraph: kind, author, date."""
        found = []
        for el in self.element.iter(_REVISION_TAGS):
            found.append(
                {"kind": etree.QName(el).localname, "author": el.get(w("author")), "date": el.get(w("date"))}
            )
        return found

    @property
    def comment_ids(self) -> list[str]:
        return [el.get(_W_ID, "") for el in self.element.iter(_W_COMMENTRANGESTART)]

    @property
    def row_revision(self) -> str | None:
        """'inserted' or 'deleted' when the table row holding the paragraph is a tracked change."""
        anc = self.element.getparent()
        while anc is not None and anc.tag != W_TR:
            anc = anc.getparent()
        trpr = anc.find(_W_TRPR) if anc is not None else None
        if trpr is not None:
            if trpr.find(W_DEL) is not None:
                return "deleted"
            if trpr.find(W_INS) is not None:
                return "inserted"
        return None

    def view(self, view: View) -> TextMap:
        """This paragraph read in another view; the current view is `textmap`."""
        return self.textmap if view is View.CURRENT else read_paragraph(self.element, view)


class _StoryBuilder:
    """Models the paragraphs of one story as they arrive in reading order (from a tree or a stream)."""

    def __init__(
        self,
        story: Story,
        numbering: etree._Element | None,
        styles: etree._Element | None,
        observe: Observer | None = None,
    ) -> None:
        self.story = story
        self.observe = observe
        self.renderer = NumberingRenderer(numbering, styles)
        self.tracker = ClausePathTracker()
        self._expect: etree._Element | None = None  # next sibling block of a paragraph with a mark revision

    def add(
        self,
        p: etree._Element,
        cell: CellRef | None,
        note_id: str | None = None,
        source: BlockRef | None = None,
        plain: bool = False,
    ) -> None:
        """`plain`: the paragraph is known to hold only w:t in runs (see body_stream)."""
        paragraphs = self.story.paragraphs
        if self._expect is not None:
            if self._expect is _NEXT_WINDOW:
                parent = p.getparent()
                paragraphs[-1].joins_next = parent.tag == W_BODY and _first_block(parent) is p
            else:
                paragraphs[-1].joins_next = p is self._expect
            self._expect = None
        text = plain_text(p) if plain else paragraph_text(p)
        props = paragraph_props(p)
        auto = self.renderer.label(p, props)
        literal = None if auto is not None and auto.text else literal_label(text)
        if auto is not None and auto.text:
            path = self.tracker.feed(auto.text, f"auto-{auto.level}")
        elif literal is not None:
            path = self.tracker.feed(literal.text, literal.kind)
        else:
            path = self.tracker.feed(None, None)
        mark = props.mark
        if mark is not None:
            self._expect = _next_block(p)
            if self._expect is None and source is not None and p.getparent().tag == W_BODY:
                self._expect = _NEXT_WINDOW  # the window ends here; its next block opens the next one
        streamed = source is not None
        paragraphs.append(
            Paragraph(
                self.story.id,
                len(paragraphs),
                None if streamed else p,
                text,
                cell,
                auto,
                literal,
                path,
                note_id,
                mark,
                False,
                props.outline or bool(props.style and _HEADING_STYLE.match(props.style)),
                source,
            )
        )
        if self.observe is not None:
            self.observe(paragraphs[-1], p)


@dataclass(slots=True)
class Story:
    """A sequence of paragraphs Word lays out together: the body, one header, the footnotes..."""

    id: str
    kind: str  # body | header | footer | footnotes | endnotes | textbox
    part: str
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Comment:
    """An existing comment, read-only: review never matches inside comments."""

    id: str
    author: str | None
    initials: str | None
    date: str | None
    text: str


class Document:
    """A loaded agreement: package, stories in reading order, comments, language and Context."""

    def __init__(self, package: Package, observe: Observer | None = None) -> None:
        """`observe(paragraph, element)` is called for each paragraph while its element is parsed, for
        a stage that needs more of every paragraph than the model keeps (compare's fingerprints)."""
        self.package = package
        self._observe = observe
        self.workdir: tempfile.TemporaryDirectory[str] | None = None  # holds a converted .doc, if any
        self.main_part = package.main_part
        self.stories: list[Story] = []
        self.streamed: dict[str, BodyStore] = {}  # parts held as windows of their bytes, not one tree
        self._build()

    # -- construction -------------------------------------------------------------------------------
    def _related_xml(self, type_suffix: str) -> tuple[str, etree._Element] | None:
        parts = self.package.related(self.main_part, type_suffix)
        return (parts[0], self.package.xml(parts[0])) if parts else None

    def _build(self) -> None:
        pkg = self.package
        numbering = self._related_xml("numbering")
        styles = self._related_xml("styles")
        self._numbering_xml = numbering[1] if numbering is not None else None
        self._styles_xml = styles[1] if styles is not None else None

        body_boxes: Story | None = None
        store = None
        if pkg.streams(self.main_part):
            body = self._builder("body", "body", self.main_part)
            boxes = self._builder("body.textbox", "textbox", self.main_part)
            store = stream_body(
                pkg,
                self.main_part,
                lambda p, cell, ref, plain: body.add(p, cell, None, ref, plain),
                lambda p, cell, ref, plain: boxes.add(p, cell, None, ref, plain),
            )
        if store is not None:
            self.streamed[self.main_part] = store
            self._keep(body.story)
            body_boxes = boxes.story
            refs = store.section_refs
        else:
            main = pkg.xml(self.main_part)
            body_el = main.find(W_BODY)
            if body_el is not None:
                self._add_story("body", "body", self.main_part, block_paragraphs(body_el))
            refs = list(section_refs(main))
        for part, kind in self._header_footer_parts(refs):
            root = pkg.xml(part)
            self._add_story(Path(part).stem, kind, part, block_paragraphs(root))
        for kind, tag in (("footnotes", _W_FOOTNOTE), ("endnotes", _W_ENDNOTE)):
            found = self._related_xml(kind)
            if found is None:
                continue
            part, root = found
            self._add_story(kind, kind, part, self._note_paragraphs(root, tag))
        for story in list(self.stories):
            if story.part in self.streamed:
                if body_boxes is not None:
                    self._keep(body_boxes)
                continue
            root = pkg.xml(story.part)
            container = root.find(W_BODY) if story.kind == "body" else root
            found_boxes = text_boxes(container) if container is not None else []
            if found_boxes:
                self._add_story(
                    f"{story.id}.textbox",
                    "textbox",
                    story.part,
                    (pc for box in found_boxes for pc in block_paragraphs(box)),
                )

    def _header_footer_parts(self, refs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """Headers and footers in section order, then any the sections do not reference."""
        rels = {r.id: r.target for r in self.package.rels(self.main_part) if not r.external}
        ordered: list[tuple[str, str]] = []
        seen: set[str] = set()
        for kind, rel_id in refs:
            target = rels.get(rel_id)
            if target and target not in seen and self.package.has(target):
                seen.add(target)
                ordered.append((target, kind))
        for kind in ("header", "footer"):
            for target in self.package.related(self.main_part, kind):
                if target not in seen and self.package.has(target):
                    seen.add(target)
                    ordered.append((target, kind))
        return ordered

    @staticmethod
    def _note_paragraphs(
        root: etree._Element, tag: str
    ) -> Iterator[tuple[etree._Element, CellRef | None, str]]:
        for note in root.iter(tag):
            if note.get(_W_TYPE) not in (None, "normal"):
                continue  # separators and continuation notices are layout, not text
            note_id = note.get(_W_ID, "")
            for p, cell in block_paragraphs(note):
                yield p, cell, note_id

    def _builder(self, story_id: str, kind: str, part: str) -> _StoryBuilder:
        return _StoryBuilder(
            Story(story_id, kind, part), self._numbering_xml, self._styles_xml, self._observe
        )

    def _keep(self, story: Story) -> None:
        if story.paragraphs:
            self.stories.append(story)

    def _add_story(self, story_id: str, kind: str, part: str, items: Iterator) -> None:
        builder = self._builder(story_id, kind, part)
        for item in items:
            builder.add(item[0], item[1], item[2] if len(item) > 2 else None)
        self._keep(builder.story)

    # -- queries --------------------------------------------------------------------------------------
    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph of every story, body first, in reading order."""
        for story in self.stories:
            yield from story.paragraphs

    def story(self, story_id: str) -> Story:
        for story in self.stories:
            if story.id == story_id:
                return story
        raise KeyError(story_id)

    def paragraph(self, story_id: str, index: int) -> Paragraph:
        return self.story(story_id).paragraphs[index]

    @cached_property
    def comments(self) -> list[Comment]:
        found = self._related_xml("comments")
        if found is None:
            return []
        comments = []
        for c in found[1].iter(_W_COMMENT):
            text = "\n".join(read_paragraph(p).text for p, _ in block_paragraphs(c))
            comments.append(
                Comment(c.get(_W_ID, ""), c.get(w("author")), c.get(w("initials")), c.get(w("date")), text)
            )
        return comments

    @cached_property
    def language(self) -> str:
        return detect_language(p.text for p in self.paragraphs())

    @cached_property
    def context(self) -> Context:
        from draft_agreement.model.context import extract_context

        return extract_context(_context_sample(self), self.language)

    def story_text(self, story_id: str, view: View = View.CURRENT) -> str:
        """A story's text in a view, one line per paragraph as Word would have it after accept/reject.

        A paragraph whose mark is removed by the view merges with the next paragraph in the same
        container, as Word does; it never merges into a table.
        """
        gone = "deleted" if view is View.CURRENT else "inserted"
        paragraphs = [p for p in self.story(story_id).paragraphs if p.cell is None or p.row_revision != gone]
        out: list[str] = []
        for para, nxt in zip(paragraphs, [*paragraphs[1:], None], strict=True):
            out.append(para.view(view).text)
            joins = nxt is not None and para.mark_revision == gone and para.joins_next
            out.append("" if joins else "\n")
        return "".join(out)


_HEADING_STYLE = re.compile(r"^(heading|title|subtitle|标题|標題)", re.IGNORECASE)
_SENTENCE_END = tuple("。；;.:：！!？?")


def is_heading(p: Paragraph) -> bool:
    """A title or heading: it names a topic ("账号交付", "Account Purchase Agreement"); the operative
    words are in the clauses below it, which review judges and redline rewrites."""
    if p.styled_heading:
        return True
    text = p.text.strip()
    return len(text) <= 40 and not text.endswith(_SENTENCE_END) and not any(c in text for c in "，,；;")


_CONTEXT_HEAD, _CONTEXT_TAIL, _CONTEXT_CELLS = 600, 300, 3000


def _context_sample(doc: Document) -> list[Paragraph]:
    """The paragraphs that carry deal facts: the opening (title, parties, price), the closing
    (signature block, date) and the tables (schedules of accounts). Bounded, so a 20,000-paragraph
    agreement costs no more than an ordinary one."""
    if not any(s.id == "body" for s in doc.stories):
        return list(doc.paragraphs())
    body = doc.story("body").paragraphs
    prose = [p for p in body if p.cell is None]
    head = prose[:_CONTEXT_HEAD]
    tail = prose[max(_CONTEXT_HEAD, len(prose) - _CONTEXT_TAIL) :]
    cells = [p for p in body if p.cell is not None][:_CONTEXT_CELLS]
    chosen = {id(p) for p in (*head, *tail, *cells)}
    return [p for p in body if id(p) in chosen]


_NEXT_WINDOW = etree.Element("next-window")  # marker: the next block is the first of the next window


def _first_block(container: etree._Element) -> etree._Element | None:
    first = container[0] if len(container) else None
    return first if first is None or first.tag in _BLOCK_TAGS else _next_block(first)


def _next_block(p: etree._Element) -> etree._Element | None:
    """The paragraph, table or content control that follows `p` in its container, if any."""
    nxt = p.getnext()
    while nxt is not None and nxt.tag not in _BLOCK_TAGS:
        nxt = nxt.getnext()
    return nxt


def load_document(
    source: str | os.PathLike[str] | Package, *, convert_legacy: bool = False, observe: Observer | None = None
) -> Document:
    """Open (safely) and model a Word package.

    With `convert_legacy`, a legacy .doc is converted with LibreOffice into a private temporary folder
    first (the input is never touched); otherwise it is refused with a hint to convert it.
    """
    if isinstance(source, Package):
        return Document(source, observe)
    if convert_legacy and is_legacy_doc(Path(source)):
        # The converted copy lives in a private temporary folder removed with the document.
        workdir = tempfile.TemporaryDirectory(prefix="draft-agreement-")
        package = open_package(convert_legacy_doc(Path(source), Path(workdir.name)))
        package.path = Path(source)
        package.warnings.append("converted from legacy .doc with LibreOffice")
        doc = Document(package, observe)
        doc.workdir = workdir
        return doc
    return Document(open_package(source), observe)

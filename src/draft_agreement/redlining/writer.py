"""Apply an edit plan to the Word package as tracked changes and comments.

Edits address text by (story, paragraph, start, end) in the current view, exactly as findings do; the
writer reaches the runs through the TextMap and never searches text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from lxml import etree

from draft_agreement.model.body_stream import BlockRef
from draft_agreement.model.document import Document, Paragraph
from draft_agreement.model.paragraph_text import read_paragraph
from draft_agreement.ooxml import W_DEL, W_INS, W_MOVETO, W_PPR, w
from draft_agreement.redlining.comments import CommentWriter, range_marker, reference_run
from draft_agreement.redlining.ids import IdAllocator
from draft_agreement.redlining.parts import PartEditor
from draft_agreement.redlining.revisions import accept_all
from draft_agreement.redlining.runs import (
    clean_rpr,
    isolate,
    isolate_all,
    make_runs,
    split_wrapper_after,
    wrap_deleted,
)
from draft_agreement.redlining.settings import enable_track_revisions
from draft_agreement.redlining.tracked import mark_row, set_mark

_W_TR = w("tr")


def revision_date(date: str | None) -> str:
    """A revision timestamp in Word's form (UTC, whole seconds); now when `date` is None."""
    moment = datetime.fromisoformat(date.replace("Z", "+00:00")) if date else datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Mode(StrEnum):
    """track: tracked changes and comments; comments: comments only; clean: the accepted text."""

    track = "track"
    comments = "comments"
    clean = "clean"


@dataclass(frozen=True)
class Edit:
    """One change to one paragraph. replacement None leaves the text; "" deletes it."""

    story: str
    paragraph: int
    start: int
    end: int
    replacement: str | None = None
    comment: str | None = None
    delete_row: bool = False  # also strike the table row holding the paragraph (a whole schedule row)
    # Also delete the paragraph mark (the edit strikes the whole text), so accepting removes the
    # paragraph itself and automatic numbering renumbers; rejecting gives the paragraph back.
    delete_paragraph: bool = False


@dataclass(frozen=True)
class RedlineResult:
    revisions: int  # w:ins and w:del elements written
    comments: int
    paragraphs: int  # paragraphs changed


def minimal_change(old: str, new: str) -> tuple[int, int, str]:
    """The smallest [lo, hi) of `old` to replace, and its replacement, sharing prefix and suffix.

    Character-level, which is right for Chinese; for Latin words the cut is moved to a word start so
    no word is half-struck. At least one character is always deleted, so there is a place to anchor.
    """
    limit = min(len(old), len(new))
    lo = 0
    while lo < limit and old[lo] == new[lo]:
        lo += 1
    while lo > 0 and old[lo - 1].isascii() and old[lo - 1].isalnum() and lo < len(old) and old[lo].isalnum():
        lo -= 1
    tail = 0
    while tail < limit - lo and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    hi = len(old) - tail
    while hi < len(old) and old[hi].isascii() and old[hi].isalnum() and hi > lo and old[hi - 1].isalnum():
        hi += 1
    if hi <= lo:
        # The replacement only adds text: delete one shared character and write it again.
        if lo > 0:
            lo -= 1
        else:
            hi = lo + 1
        hi = max(hi, lo + 1)
    return lo, hi, new[lo : len(new) - (len(old) - hi)]


def _zip_time(date: str) -> tuple[int, int, int, int, int, int]:
    moment = datetime.fromisoformat(date.replace("Z", "+00:00"))
    return (max(moment.year, 1980), moment.month, moment.day, moment.hour, moment.minute, moment.second)


# DrawingML parts (themes, charts, diagrams) hold no WordprocessingML ids, so they are neither read
# nor inflated: a theme we cannot inflate is still copied as stored.
_NO_IDS = ("theme+xml", "drawingml", "chart", "diagram")


def _id_parts(doc: Document) -> list[str]:
    """The word/ XML parts whose w:id values a new revision or comment id must not repeat."""
    return [
        n
        for n in doc.package.names()
        if n.endswith(".xml")
        and n.startswith("word/")
        and n not in doc.streamed
        and not any(kind in (doc.package.content_type(n) or "") for kind in _NO_IDS)
    ]


def _markable(p: etree._Element) -> bool:
    """Whether the paragraph mark can be deleted so that rejecting restores it exactly.

    Rejecting removes the w:rPr, then the w:pPr, that a marker leaves empty (revisions.py), so an
    author's own empty w:rPr or w:pPr could not be told from ours: those paragraphs keep their mark
    and only their text goes. A paragraph without properties (Word writes plain ones so) can go whole.
    """
    ppr = p.find(W_PPR)
    if ppr is None:
        return True
    if len(ppr) == 0 and not ppr.attrib:
        return False
    rpr = ppr.find(w("rPr"))
    return rpr is None or len(rpr) > 0 or bool(rpr.attrib)


_CONTENT = frozenset({w("pPr"), w("r"), W_DEL, W_INS, w("proofErr")})
_RUN_CONTENT = frozenset({w("rPr"), w("t"), w("delText"), w("tab")})


def _goes_whole(
    para: Paragraph, group: Sequence[Edit], p: etree._Element, after: Sequence[Paragraph]
) -> bool:
    """Whether a clean redline removes the paragraph outright: its mark is deleted (see `_markable`),
    all its text goes, it holds nothing else (no bookmark or range to carry over), carries no section
    break, and a paragraph of the same container follows it (else accepting keeps the mark)."""
    if not any(e.delete_paragraph for e in group) or not _markable(p):
        return False
    if sum(e.end - e.start for e in group if e.replacement == "") < len(para.text):
        return False
    ppr = p.find(W_PPR)
    if ppr is not None and ppr.find(w("sectPr")) is not None:
        return False
    if any(child.tag not in _CONTENT for child in p):
        return False
    runs = (r for r in p.iter(w("r")))
    if any(child.tag not in _RUN_CONTENT for r in runs for child in r):  # a drawing, a field: it stays
        return False
    following = after[0] if after else None
    return following is not None and para.cell is None and following.cell is None


class RedlineWriter:
    """Writes tracked changes and comments by one author into one document's XML."""

    def __init__(self, doc: Document, author: str, date: str, mode: Mode = Mode.track) -> None:
        self.doc = doc
        self.author = author
        self.date = date
        self.mode = mode
        self.editor = PartEditor(doc.package, _zip_time(date), doc.streamed)
        roots = [doc.package.xml(n) for n in _id_parts(doc)]
        self.ids = IdAllocator(roots, max((s.highest_id for s in doc.streamed.values()), default=-1))
        initials = "".join(part[0] for part in author.split() if part)[:4].upper() or author[:2]
        self.comments = CommentWriter(self.editor, author, initials, date)
        self._revisions = 0
        self._comments = 0

    @property
    def revision_count(self) -> int:
        return self._revisions

    @property
    def comment_count(self) -> int:
        return self._comments

    def comment(self, p: etree._Element, start: int, end: int, text: str) -> None:
        """Anchor a comment on [start, end) of `p`'s current view (for stages that place their own)."""
        self._comment(isolate(p, start, end), text)

    def revision(self, tag: str) -> etree._Element:
        """A new revision element (w:ins, w:del, w:rPrChange...) by this writer's author, counted."""
        return self._wrapper(tag)

    def _wrapper(self, tag: str) -> etree._Element:
        el = etree.Element(tag)
        el.set(w("id"), self.ids.next())
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        self._revisions += 1
        return el

    def _comment(self, runs: list[etree._Element], text: str) -> None:
        """Anchor a comment on exactly `runs` (a span made of whole runs).

        Range markers may sit inside another author's insertion (the schema allows it, and splitting
        their change would show it as two); the reference run may not, or rejecting their insertion
        would delete our comment, so it goes after their wrapper.
        """
        if not runs:
            return
        cid = self.ids.next()
        runs[0].addprevious(range_marker("Start", cid))
        end_marker = range_marker("End", cid)
        runs[-1].addnext(end_marker)
        anchor = end_marker
        while anchor.getparent() is not None and anchor.getparent().tag in (W_INS, W_MOVETO):
            anchor = anchor.getparent()
        anchor.addnext(reference_run(cid))
        self.comments.add(cid, text)
        self._comments += 1

    def _replace(self, p: etree._Element, runs: list[etree._Element], new_text: str) -> None:
        """Strike `runs` and insert `new_text` after them, in the struck runs' formatting."""
        if not runs:
            return
        rpr = clean_rpr(runs[0])
        dels = wrap_deleted(p, runs, lambda: self._wrapper(W_DEL))
        if new_text:
            ins = self._wrapper(W_INS)
            for run in make_runs(new_text, rpr):
                ins.append(run)
            split_wrapper_after(dels[-1], self.ids.next).addnext(ins)

    def _edit_paragraph(self, p: etree._Element, group: list[Edit]) -> None:
        """Apply one paragraph's edits (sorted, disjoint), right to left so no offset shifts.

        The runs of every span are cut in one pass over the paragraph first, so the work grows with
        the paragraph and its edits, not with their product.
        """
        text = read_paragraph(p).text
        spans: list[tuple[int, int]] = []
        # Per edit: the index in `spans` of its comment's span and of its struck span, and the new text.
        plans: list[tuple[Edit, int | None, int | None, str]] = []
        for edit in reversed(group):
            commented = struck = None
            new_text = ""
            if edit.comment and self.mode is not Mode.clean:
                commented = len(spans)
                spans.append((edit.start, edit.end))
            replace = edit.replacement is not None and self.mode is not Mode.comments
            if replace and text[edit.start : edit.end] != edit.replacement:
                lo, hi, new_text = minimal_change(text[edit.start : edit.end], edit.replacement or "")
                struck = len(spans)
                spans.append((edit.start + lo, edit.start + hi))
            plans.append((edit, commented, struck, new_text))
        runs = isolate_all(p, spans)
        for edit, commented, struck, new_text in plans:
            if commented is not None:
                self._comment(runs[commented], edit.comment or "")
            if struck is not None:
                self._replace(p, runs[struck], new_text)
            if edit.delete_row and edit.replacement is not None and self.mode is not Mode.comments:
                self._delete_row(p)
            if edit.delete_paragraph and self.mode is not Mode.comments and _markable(p):
                set_mark(p, W_DEL, self._wrapper)

    def _delete_row(self, p: etree._Element) -> None:
        """Mark the table row holding `p` as deleted (once), so accepting removes the row itself."""
        row = p.getparent()
        while row is not None and row.tag != _W_TR:
            row = row.getparent()
        if row is not None:
            mark_row(row, W_DEL, self._wrapper)

    def apply(self, edits: Sequence[Edit]) -> RedlineResult:
        by_paragraph: dict[tuple[str, int], list[Edit]] = defaultdict(list)
        for edit in edits:
            by_paragraph[(edit.story, edit.paragraph)].append(edit)
        open_window: BlockRef | None = None  # the streamed window being edited, settled when left
        for (story_id, index), group in sorted(by_paragraph.items()):
            story = self.doc.story(story_id)
            if (
                story.kind in ("header", "footer")
                and any(e.comment for e in group)
                and self.mode is not Mode.clean
            ):
                raise ValueError(
                    f"comments cannot be anchored in the {story.kind} ({story_id}); Word rejects them"
                )
            para = story.paragraphs[index]
            if para.source is not None:
                ref = para.source
                if open_window is not None and (open_window.store, open_window.window) != (
                    ref.store,
                    ref.window,
                ):
                    self._settle(open_window)
                open_window = ref
                p = ref.element(edit=True)
            else:
                self.editor.touch(story.part)
                p = para.element
            group.sort(key=lambda e: (e.start, e.end))
            for a, b in zip(group, group[1:], strict=False):
                if b.start < a.end:
                    raise ValueError(
                        f"overlapping edits in {story_id} paragraph {index}: merge them in the plan"
                    )
            self._edit_paragraph(p, group)
            if self.mode is Mode.clean and _goes_whole(para, group, p, story.paragraphs[index + 1 :]):
                # Accepting would join the emptied paragraph to the next one, which keeps its own
                # properties: the paragraph simply goes, even when the next one is in another window.
                p.getparent().remove(p)
        if open_window is not None:
            self._settle(open_window)
        if self._comments:
            self.comments.ensure_styles()
        if self.mode is Mode.clean:
            for part in dict.fromkeys(self.doc.story(story).part for story, _ in by_paragraph):
                if part not in self.doc.streamed:  # streamed windows were accepted as they settled
                    accept_all(self.editor.touch(part), [self.author])
        elif self.mode is Mode.track and self._revisions:
            enable_track_revisions(self.editor)
        return RedlineResult(self._revisions, self._comments, len(by_paragraph))

    def _settle(self, ref: BlockRef) -> None:
        """Write back a streamed window the edits have left (accepted first in clean mode)."""
        accept = (lambda body: accept_all(body, [self.author])) if self.mode is Mode.clean else None
        ref.store.settle(ref.window, accept)

    def save(self, target: Path) -> None:
        self.editor.save(target)

"""Compare two versions of an agreement and write NEW with tracked changes that take OLD to it."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from draft_agreement.comparing.blocks import Observed, PBlock
from draft_agreement.comparing.emit import Change, Emitter
from draft_agreement.model.document import Document, Story
from draft_agreement.redlining.writer import Mode, RedlineWriter

GRANULARITIES = ("word", "char")


@dataclass
class Comparison:
    """What a comparison found and wrote: the changes by clause, and the review of them if asked."""

    changes: list[Change]
    revisions: int = 0  # revision elements written (w:ins, w:del, w:moveFrom, w:rPrChange...)
    comments: int = 0
    findings: dict[int, list] = field(default_factory=dict)  # change index -> findings on it
    newly_risky: set[int] = field(default_factory=set)  # changes whose clause was safe in OLD


def pair_stories(old: Document, new: Document) -> list[tuple[Story | None, Story]]:
    """NEW's stories with their OLD counterpart: the body with the body, the n-th header (footer) with
    the n-th, notes with notes. Text boxes are compared as part of the drawing that holds them. OLD's
    notes are compared even where NEW's notes part holds none, so a deleted note comes back on reject."""
    by_kind: dict[str, list[Story]] = {}
    for story in old.stories:
        by_kind.setdefault(story.kind, []).append(story)
    stories = list(new.stories)
    for kind in ("footnotes", "endnotes"):
        parts = new.package.related(new.main_part, kind)
        if kind in by_kind and parts and not any(s.kind == kind for s in stories):
            stories.append(Story(kind, kind, parts[0]))
    pairs: list[tuple[Story | None, Story]] = []
    seen: dict[str, int] = {}
    for story in stories:
        if story.kind == "textbox":
            continue
        n = seen.get(story.kind, 0)
        seen[story.kind] = n + 1
        candidates = by_kind.get(story.kind, [])
        pairs.append((candidates[n] if n < len(candidates) else None, story))
    # Notes first: references in the body are keyed by the note they point to.
    pairs.sort(key=lambda pair: 0 if pair[1].kind in ("footnotes", "endnotes") else 1)
    return pairs


class CompareSession:
    """One comparison: load both files, mark the differences, optionally comment, then save."""

    def __init__(
        self,
        old: str | os.PathLike[str],
        new: str | os.PathLike[str],
        *,
        author: str,
        date: str,
        granularity: str = "word",
    ) -> None:
        if granularity not in GRANULARITIES:
            raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
        self.old = Observed(old)
        self.new = Observed(new)
        self.writer = RedlineWriter(self.new.doc, author, date, Mode.track)
        self.emitter = Emitter(self.old, self.new, self.writer, granularity)

    def compare(self) -> Comparison:
        writer = self.writer
        for old_story, new_story in pair_stories(self.old.doc, self.new.doc):
            before = writer.revision_count
            self.emitter.story(old_story, new_story)
            if writer.revision_count != before and new_story.part not in self.new.doc.streamed:
                writer.editor.touch(new_story.part)
        return Comparison(self.emitter.changes, writer.revision_count)

    def comment(self, story: str, index: int, start: int, end: int, text: str) -> None:
        """Anchor a comment on NEW's current-view text (our marks leave its offsets unchanged)."""
        para = self.new.doc.story(story).paragraphs[index]
        p = self.emitter.new_el(PBlock(para, self.new.facts[(story, index)]))
        if para.source is None:
            self.writer.editor.touch(self.new.doc.story(story).part)
        self.writer.comment(p, start, end, text)

    def save(self, output: str | os.PathLike[str]) -> None:
        self.emitter.finish()
        if self.writer.comment_count:
            self.writer.comments.ensure_styles()
        self.writer.save(Path(output))

"""Compare two versions of an agreement and write NEW with tracked changes that take OLD to it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from draft_agreement.comparing.blocks import Observed
from draft_agreement.comparing.emit import Change, Emitter
from draft_agreement.model.document import Story
from draft_agreement.redlining.writer import Mode, RedlineWriter

GRANULARITIES = ("word", "char")


@dataclass(frozen=True)
class Comparison:
    """What a comparison found and wrote."""

    changes: list[Change]
    revisions: int  # revision elements written (w:ins, w:del, w:moveFrom, w:rPrChange...)
    output: Path | None


def _pair_stories(old: list[Story], new: list[Story]) -> list[tuple[Story | None, Story]]:
    """NEW's stories with their OLD counterpart: the body with the body, the n-th header (footer) with
    the n-th, notes with notes. Text boxes are compared as part of the drawing that holds them."""
    by_kind: dict[str, list[Story]] = {}
    for story in old:
        by_kind.setdefault(story.kind, []).append(story)
    pairs: list[tuple[Story | None, Story]] = []
    seen: dict[str, int] = {}
    for story in new:
        if story.kind == "textbox":
            continue
        n = seen.get(story.kind, 0)
        seen[story.kind] = n + 1
        candidates = by_kind.get(story.kind, [])
        pairs.append((candidates[n] if n < len(candidates) else None, story))
    # Notes first: references in the body are keyed by the note they point to.
    pairs.sort(key=lambda pair: 0 if pair[1].kind in ("footnotes", "endnotes") else 1)
    return pairs


def compare_paths(
    old: str | os.PathLike[str],
    new: str | os.PathLike[str],
    output: str | os.PathLike[str] | None,
    *,
    author: str,
    date: str,
    granularity: str = "word",
) -> tuple[Comparison, RedlineWriter, Observed]:
    """Compare and (when `output` is given) save; the writer and NEW's model are returned for review
    comments, which are added before saving by the caller that wants them (see api.compare)."""
    if granularity not in GRANULARITIES:
        raise ValueError(f"granularity must be one of {', '.join(GRANULARITIES)}")
    old_doc = Observed(old)
    new_doc = Observed(new)
    writer = RedlineWriter(new_doc.doc, author, date, Mode.track)
    emitter = Emitter(old_doc, new_doc, writer, granularity)
    for old_story, new_story in _pair_stories(old_doc.doc.stories, new_doc.doc.stories):
        before = writer.revision_count
        emitter.story(old_story, new_story)
        if writer.revision_count != before and new_story.part not in new_doc.doc.streamed:
            writer.editor.touch(new_story.part)
    emitter.finish()
    result = Comparison(emitter.changes, writer.revision_count, Path(output) if output else None)
    if output is not None:
        writer.save(Path(output))
    return result, writer, new_doc

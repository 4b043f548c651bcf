"""`draft-agreement accept|reject`: resolve tracked changes in a whole file, for all or one author."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from draft_agreement.atomicio import check_output_path
from draft_agreement.model.document import load_document
from draft_agreement.redlining.parts import PartEditor
from draft_agreement.redlining.revisions import accept_all, reject_all


def resolved_editor(
    source: str | os.PathLike[str], accept: bool, authors: Iterable[str] | None = None
) -> PartEditor:
    """A PartEditor holding the package with every story part's revisions accepted or rejected."""
    doc = load_document(source)
    editor = PartEditor(doc.package, (1980, 1, 1, 0, 0, 0))
    action = accept_all if accept else reject_all
    chosen = list(authors) if authors is not None else None
    for part in dict.fromkeys(story.part for story in doc.stories):
        action(editor.touch(part), chosen)
    return editor


def resolve_file(
    source: Path, target: Path, accept: bool, authors: Iterable[str] | None = None, in_place: bool = False
) -> None:
    """Write `target`: `source` with its tracked changes accepted (or rejected)."""
    check_output_path(source, target, in_place)
    resolved_editor(source, accept, authors).save(target)

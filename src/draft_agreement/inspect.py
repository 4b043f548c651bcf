"""`draft-agreement inspect`: the document model as a lawyer-readable outline or as JSON.

This is also the debugging view for every later stage: what the model sees is what review matches.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from draft_agreement.model import Document, Paragraph


def paragraph_to_dict(p: Paragraph) -> dict[str, Any]:
    return {
        "index": p.index,
        "text": p.text,
        "label": p.label,
        "list_label": asdict(p.list_label) if p.list_label else None,
        "literal_label": p.literal.text if p.literal else None,
        "clause_path": list(p.clause_path),
        "cell": asdict(p.cell) if p.cell else None,
        "note": p.note_id,
        "mark_revision": p.mark_revision,
        "revisions": p.revisions,
        "comments": p.comment_ids,
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    """The full model: stories, paragraphs with current-view text, labels, marks, comments, Context."""
    return {
        "file": str(doc.package.path),
        "main_part": doc.main_part,
        "language": doc.language,
        "warnings": list(doc.package.warnings),
        "context": doc.context.to_dict(),
        "deal": doc.deal.to_dict(),
        "stories": [
            {
                "id": s.id,
                "kind": s.kind,
                "part": s.part,
                "paragraphs": [paragraph_to_dict(p) for p in s.paragraphs],
            }
            for s in doc.stories
        ],
        "comments": [asdict(c) for c in doc.comments],
    }


def _marks(p: Paragraph) -> str:
    marks = []
    kinds = {r["kind"] for r in p.revisions}
    if kinds & {"ins", "moveTo"}:
        marks.append("+ins")
    if kinds & {"del", "moveFrom"}:
        marks.append("-del")
    if p.mark_revision:
        marks.append(f"¶{p.mark_revision[:3]}")
    if p.comment_ids:
        marks.append(f"💬{len(p.comment_ids)}")
    return " ".join(marks)


def outline_rows(doc: Document, width: int = 70) -> list[tuple[str, str, str, str, str]]:
    """(story, index, label, text, marks) for every non-empty paragraph, text truncated to `width`."""
    rows = []
    for p in doc.paragraphs():
        if not p.text.strip() and not p.label:
            continue
        text = p.text.replace("\n", " ").replace("\t", " ")
        if len(text) > width:
            text = text[: width - 1] + "…"
        where = (
            p.story if p.cell is None else f"{p.story} T{p.cell.table + 1}R{p.cell.row + 1}C{p.cell.col + 1}"
        )
        rows.append((where, str(p.index), p.label or "", text, _marks(p)))
    return rows

"""`draft-agreement inspect`: the document model as a lawyer-readable outline or as JSON.

This is also the debugging view for every later stage: what the model sees is what review matches.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from draft_agreement.deal.build import deal_of
from draft_agreement.model import Document, Paragraph
from draft_agreement.reviewing.masking import mask_strings, mask_text

# Where the file and its parts are: the caller's own paths, never masked.
_PATHS = frozenset({"file", "main_part", "part"})


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


def document_to_dict(doc: Document, show_pii: bool = False) -> dict[str, Any]:
    """The full model: stories, paragraphs with current-view text, labels, marks, comments, Context.

    Every string is masked like the review reports (ID, phone, card numbers, e-mails) unless `show_pii`.
    """
    model = {
        "file": str(doc.package.path),
        "main_part": doc.main_part,
        "language": doc.language,
        "warnings": list(doc.package.warnings),
        "context": doc.context.to_dict(),
        "deal": deal_of(doc).to_dict(),
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
    return model if show_pii else mask_strings(model, _PATHS)


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


def outline_rows(
    doc: Document, width: int = 70, show_pii: bool = False
) -> list[tuple[str, str, str, str, str]]:
    """(story, index, label, text, marks) for every non-empty paragraph, text truncated to `width`.

    The text is masked before it is cut, so a cut never leaves part of a number unmasked.
    """
    rows = []
    for p in doc.paragraphs():
        if not p.text.strip() and not p.label:
            continue
        text = p.text if show_pii else mask_text(p.text)
        text = text.replace("\n", " ").replace("\t", " ")
        if len(text) > width:
            text = text[: width - 1] + "…"
        where = (
            p.story if p.cell is None else f"{p.story} T{p.cell.table + 1}R{p.cell.row + 1}C{p.cell.col + 1}"
        )
        rows.append((where, str(p.index), p.label or "", text, _marks(p)))
    return rows

"""Where a document's clauses start and where a clause's own text lies, after its number.

Shared by the edit plan, the restructuring pass and the deletion rules, so none imports another.
"""

from __future__ import annotations

from draft_agreement.model.document import Document, Paragraph

_OPERATIVE_KINDS = ("article", "chapter", "part", "section", "decimal-1", "decimal-2", "decimal-3", "cn-dun")


def first_operative(doc: Document) -> int:
    """Index of the first numbered clause of the body; what comes before is title, parties, recitals.

    Preambles and recitals describe the deal; they are commented on, and the compliant wording goes
    into the operative clauses that follow.
    """
    if not any(s.id == "body" for s in doc.stories):
        return 0
    for p in doc.story("body").paragraphs:
        if p.cell is not None:
            continue
        if (p.list_label is not None and p.list_label.text) or (
            p.literal and p.literal.kind in _OPERATIVE_KINDS
        ):
            return p.index
    return 0


def clause_span(p: Paragraph) -> tuple[int, int]:
    """The clause text after its number, without surrounding blanks."""
    text = p.text
    start = p.literal.end if (p.literal is not None and not (p.list_label and p.list_label.text)) else 0
    end = len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

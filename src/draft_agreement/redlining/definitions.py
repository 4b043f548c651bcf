"""Definitions the restructured deal no longer uses.

Once the handover goes, “Handover Date” means … is defined and never used: a lawyer strikes it. Only a
term the original used outside its definition, and the accepted text no longer does, is struck; the
author's own unused definitions are not ours to touch. A definition sharing its sentence with others
("“Handover Date” means …, and “Business Day” means …") loses only its own part.
"""

from __future__ import annotations

import re

from draft_agreement.model.document import Document, Paragraph
from draft_agreement.redlining.consistency import accepted_view
from draft_agreement.redlining.restructure import Edits, flatten, is_deleted, whole_clause
from draft_agreement.redlining.writer import Edit

_MEANS = re.compile(r"[“\"「]([^”\"」]{2,40})[”\"」]\s*(?:means|shall\s+mean|指|是指|系指|係指)")
_OPENS = re.compile(r"\s*(?:[\d.()（）一二三四五六七八九十、]+\s*)?" + _MEANS.pattern)
# A definitions list without quotes: two or more capitalised words, then a colon ("Customer Data: …").
_LISTED = re.compile(r"\s*(?:[\d.()]+\s*)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\s*:\s")
_END = re.compile(r"[。；;]|\.(?=\s|$)")
_JOIN = re.compile(r"(?:[,，;；]\s*(?:and\s+)?|\s+and\s+)$")
_LEFTOVER = re.compile(r"[\s\d.()（）、:：]*")


def strike_unused(doc: Document, edits: Edits, since: int) -> None:
    """Add to `edits` the deletion of each definition our other edits left without a use."""
    if not any(s.id == "body" for s in doc.stories):
        return
    body = list(doc.story("body").paragraphs)
    candidates = [
        p
        for p in body[since:]
        if p.cell is None and (p.story, p.index) not in edits and _MEANS.search(p.text)
    ]
    if not candidates:
        return
    view = accepted_view(doc, list(flatten(edits)))
    accepted = {(a.paragraph.story, a.paragraph.index): a.text for a in view}
    for p in candidates:
        ref = (p.story, p.index)
        defs = list(_MEANS.finditer(p.text))
        spans = []
        for i, m in enumerate(defs):
            term = m.group(1)
            end = defs[i + 1].start() if i + 1 < len(defs) else _sentence_end(p.text, m.end())
            own = p.text[: m.start()].count(term) + p.text[end:].count(term)
            before = own + sum(q.text.count(term) for q in body if q is not p)
            now = own + sum(text.count(term) for r, text in accepted.items() if r != ref)
            if before and not now:
                spans.append((m.start(), end))
        if not spans:
            continue
        left = _remaining(p.text, spans)
        if not _LEFTOVER.fullmatch(left):
            edits[ref] = [Edit(p.story, p.index, a, b, "") for a, b in _joined(p.text, spans)]
        elif not is_deleted(edits, ref):
            edits[ref] = [whole_clause(p)]


def defined_term(p: Paragraph) -> str | None:
    """The term `p` opens by defining: 1.2 “Student Records” means …, or Customer Data: all …"""
    m = _OPENS.match(p.text) or _LISTED.match(p.text)
    return m.group(1) if m else None


def defines_a_used_term(doc: Document, p: Paragraph) -> bool:
    """Whether `p` opens with a definition of a term other clauses use."""
    term = defined_term(p) if p.story == "body" else None
    return term is not None and any(term in q.text for q in doc.story("body").paragraphs if q is not p)


def _sentence_end(text: str, start: int) -> int:
    m = _END.search(text, start)
    return m.start() if m else len(text)


def _remaining(text: str, spans: list[tuple[int, int]]) -> str:
    out, at = [], 0
    for a, b in spans:
        out.append(text[at:a])
        at = b
    return "".join(out) + text[at:]


def _joined(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans, a last definition taking with it the ", and" that joined it to the one before."""
    out = []
    for a, b in spans:
        if b == _sentence_end(text, a) and a > 0:
            join = _JOIN.search(text[:a])
            if join:
                a = join.start()
        if out and out[-1][1] >= a:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out

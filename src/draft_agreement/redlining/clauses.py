"""Where a document's clauses start and where a clause's own text lies, after its number.

Shared by the edit plan, the restructuring pass and the deletion rules, so none imports another.
"""

from __future__ import annotations

import re

from draft_agreement.model.amounts import find_amounts
from draft_agreement.model.document import Document, Paragraph

# A sentence ends at 。！？ or at a full stop followed by a blank (not inside 1.5 or U.S.A).
_SENTENCE = re.compile(r"(?:[^。！？!?.]|\.(?!\s|$))+(?:[。！？!?]|\.(?=\s|$)|$)\s*")
# A sentence that opens by pointing back ("上述档案…", "Such records…") belongs with the one before it.
_POINTS_BACK = re.compile(
    r"(?:上述|前述|前款|该|該|此|其|这些|這些)|(?:such|the foregoing|these|those|they|it|this|that)\b",
    re.IGNORECASE,
)
# A run-in heading opening the clause text: "Sale. ", "Follower guarantee. ", "转让标的：".
_RUN_IN = re.compile(
    r"(?:(?![^.]*\b(?:shall|will|must|may|is|are|has|have|agrees?)\b)[A-Z][\w'’-]*(?:[ ][\w'’&-]+){0,3}\."
    r"|[\u4e00-\u9fff]{2,8}[：:])[ \t]*(?=\S)"
)
_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]|\b(?:No|Mr|Mrs|Ms|Dr|Co|Ltd|Inc|etc|vs|cl|Art|Sec))\.\s*$")
_OPERATIVE_KINDS = ("article", "chapter", "part", "section", "decimal-1", "decimal-2", "decimal-3", "cn-dun")
_PARENTHESISED_KINDS = ("cn-paren", "paren-decimal", "decimal-rparen")


def first_operative(doc: Document) -> int:
    """Index of the first numbered clause of the body; what comes before is title, parties, recitals.

    Preambles and recitals describe the deal; they are commented on, and the compliant wording goes
    into the operative clauses that follow. Parenthesised numbers（一）/(1) mark the clauses only in an
    agreement numbered by nothing else: elsewhere they are items inside a clause or a recital.
    """
    if not any(s.id == "body" for s in doc.stories):
        return 0
    paragraphs = [p for p in doc.story("body").paragraphs if p.cell is None]
    for kinds in (_OPERATIVE_KINDS, _PARENTHESISED_KINDS):
        for p in paragraphs:
            if (p.list_label is not None and p.list_label.text) or (p.literal and p.literal.kind in kinds):
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


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of text[start:end], each with its closing mark and the blanks after it."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text, start, end):
        if not m.group().strip():
            continue
        if spans and _ABBREVIATION.search(text, spans[-1][0], spans[-1][1]):  # "U.S. office": one sentence
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def flagged_sentences(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences a clause's findings sit in, with any later sentence that points back at them.

    Empty when they are the whole clause: the clause then goes (or is replaced) as a whole.
    """
    sentences = sentence_spans(text, start, end)
    flagged: list[tuple[int, int]] = []
    for a, b in sentences:
        if any(s < b and a < e for s, e in spans) or (flagged and _POINTS_BACK.match(text, a)):
            flagged.append((a, b))
    return flagged if 0 < len(flagged) < len(sentences) else []


def run_in_heading(text: str, start: int) -> int:
    """Where the clause's own words begin after a run-in heading ("Sale. The Vendor…"); `start` if none."""
    m = _RUN_IN.match(text, start)
    return m.end() if m and not _ABBREVIATION.search(text, start, m.end()) else start


def adjustment_tail(text: str, start: int, end: int, span: tuple[int, int]) -> tuple[int, int] | None:
    """The per-head adjustment after a sum: ", less £90 for every member who cancels…" in "The
    consideration is £210,000, less …", or "，每流失一名会员扣减100元" after "价款为人民币30万元".

    From the first comma after the sentence's first sum to the end of the sentence, when that sum
    comes no later than the flagged span (a rate inside it, 按每位会员100元, is no sum) and the comma
    before the span's end; None otherwise.
    """
    sentence = next(((a, b) for a, b in sentence_spans(text, start, end) if a <= span[0] < b), None)
    if sentence is None:
        return None
    found = next(iter(find_amounts(text[sentence[0] : span[1]])), None)
    at = text.find(found.text, sentence[0]) if found else -1
    if found is None or at > span[0]:
        return None
    after = at + len(found.text)
    comma = min((i for i in (text.find(c, after, span[1]) for c in ",，") if i >= 0), default=-1)
    if comma < 0:
        return None
    stop = sentence[1]
    while stop > comma and (text[stop - 1].isspace() or text[stop - 1] in "。.；;"):
        stop -= 1
    return comma, stop

"""The body of an agreement as the deal stage reads it: folded text, label and region of each paragraph.

Regions are what a lawyer sees at a glance: the party block before the first clause, the clauses, the
signature block after them, and the annexes (schedules) that follow. Folding keeps every offset, so a
span found here is the same span in the paragraph's own text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from draft_agreement import compiled
from draft_agreement.model.context import fold_chars
from draft_agreement.model.document import Document, Paragraph, is_heading
from draft_agreement.regexes import found_in

_SIGNATURE = compiled.pattern(
    r"签字|签章|签名|盖章|签署页|(?:^|\s)(?:by|signed|signature|name|title)\s*:|in\s+witness\s+whereof"
    r"|signed\s+by|executed\s+(?:by|as)|for\s+and\s+on\s+behalf\s+of",
    re.IGNORECASE,
)


def is_signature_line(folded: str) -> bool:
    """Whether a (folded) paragraph is a line of a signature block: 甲方（签字）：, "Signed by"."""
    return _SIGNATURE.search(folded) is not None


_RECITAL = compiled.pattern(r"^\s*(?:鉴于|鉴於|兹因|(?:background|recitals?|whereas)\b)", re.IGNORECASE)
_DEFINES = compiled.pattern(r"以下简称|以下称|下称|简称为|hereinafter|\(\s*(?:the\s+)?[\"“]", re.IGNORECASE)
_NOTICE = compiled.pattern(r"通知|送达|联系方式|联络|notices?\b|communications", re.IGNORECASE)


SCOPE = 2000  # clause lines read for the price and the subject


@dataclass(frozen=True, slots=True)
class Line:
    """One body paragraph: where it is, its text as written and folded, and its clause label."""

    ref: tuple[str, int]
    text: str
    fold: str
    label: str | None  # its own label, else the clause it sits in (a table cell under 附件一)
    own_label: bool
    table: int | None
    heading: bool
    section: tuple[str, int] | None  # the heading or top-level clause this line sits under

    @property
    def index(self) -> int:
        return self.ref[1]

    def has(self, pattern: re.Pattern[str]) -> bool:
        """Whether a case-insensitive cue occurs in the folded line (see regexes.found_in)."""
        return found_in(pattern, self.fold)


@dataclass(frozen=True)
class Body:
    """The body's lines and where its regions begin (indices into `lines`)."""

    lines: tuple[Line, ...]
    first_clause: int  # the first line after the party block
    signature: int | None  # the first line of the signature block, if any
    annexes: int | None  # the first annex heading after the clauses, if any

    def clauses(self, stop: int | None = None) -> tuple[Line, ...]:
        """The clauses the deal is defined in: after the party block, before `stop` (the annexes or the
        signature), and at most SCOPE lines, so a body of 20,000 paragraphs of schedules costs no more
        than an ordinary agreement."""
        end = stop if stop is not None else len(self.lines)
        return self.lines[self.first_clause : min(end, self.first_clause + SCOPE)]

    def party_block(self) -> tuple[Line, ...]:
        return self.lines[: self.first_clause]

    def signature_block(self) -> tuple[Line, ...]:
        if self.signature is None:
            return ()
        end = self.annexes if self.annexes is not None and self.annexes > self.signature else len(self.lines)
        return self.lines[self.signature : end]

    @cached_property
    def notices(self) -> tuple[Line, ...]:
        """The clauses about notices: under a notice heading, or a clause that is one (read once: the
        parties are found twice, before and after the deal's kind is known)."""
        heads = {line.ref: line for line in self.lines if line.heading}
        return tuple(
            line
            for line in self.lines[self.first_clause : self.signature or len(self.lines)]
            if _NOTICE.search(line.fold[:40])
            or (line.section in heads and _NOTICE.search(heads[line.section].fold[:40]))
        )


def _lines(paragraphs: list[Paragraph]) -> tuple[Line, ...]:
    """Each non-empty paragraph as a Line, with the heading or top-level clause it falls under.

    Sections are read from the layout, not from clause paths: a heading starts one, and so does a
    top-level clause that carries its own text ("第五条 违约责任 任何一方……").
    """
    out = []
    section: tuple[str, int] | None = None
    for p in paragraphs:
        text = p.text
        if not text.strip():
            continue
        ref = (p.story, p.index)
        heading = p.cell is None and is_heading(p)
        own = p.label is not None
        if p.cell is None and (heading or (own and len(p.clause_path) == 1)):
            section = ref
        label = p.label or (p.clause_path[-1] if p.clause_path else None)
        table = p.cell.table if p.cell else None
        out.append(Line(ref, text, fold_chars(text), label, own, table, heading, section))
    return tuple(out)


def read_body(doc: Document, annex: re.Pattern[str]) -> Body:
    """The body's non-empty paragraphs with their regions; `annex` recognises an annex heading."""
    if not any(s.id == "body" for s in doc.stories):
        return Body((), 0, None, None)
    lines = _lines(doc.story("body").paragraphs)
    names = [fold_chars(party.name) for party in doc.context.parties if party.name]

    def party_line(line: Line) -> bool:
        """ "(1) Mia Lin (the "Seller"), …" is numbered, but it introduces a party, not a clause."""
        head = line.fold[:160]
        return bool(_DEFINES.search(head)) and any(name in head for name in names)

    def annex_heading(line: Line) -> bool:
        return line.table is None and line.heading and bool(annex.match(line.fold))

    first = next(
        (
            i
            for i, line in enumerate(lines)
            if line.table is None
            and ((line.own_label and not _SIGNATURE.search(line.fold)) or _RECITAL.match(line.fold))
            and not annex_heading(line)
            and not party_line(line)
        ),
        len(lines),
    )
    annexes = next((i for i in range(first, len(lines)) if annex_heading(lines[i])), None)
    end = annexes if annexes is not None else len(lines)
    last_clause = max(
        (i for i in range(first, end) if lines[i].own_label and lines[i].table is None), default=first
    )
    signature = next((i for i in range(last_clause, end) if _SIGNATURE.search(lines[i].fold)), None)
    if signature is None and annexes is not None:
        # The signature block may follow the annexes ("附件一 … 甲方（签字）：").
        signature = next((i for i in range(annexes, len(lines)) if _SIGNATURE.search(lines[i].fold)), None)
    return Body(lines, first, signature, annexes)

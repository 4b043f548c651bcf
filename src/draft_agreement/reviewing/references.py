"""References back to records an earlier clause described (上述档案, "those files").

Agreements describe records once ("1.2 入园档案，包括宝宝姓名、过敏及疫苗接种情况……") and hand them
over clauses later ("甲方应将上述档案交付乙方"). Read alone, the later clause moves nothing personal.
A reference is resolved to the latest earlier clause that names the same kind of record. What that
clause held (others' personal information, sensitive information) is what the reference carries. A
reference whose record was last named in a clause holding nothing personal carries nothing.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from draft_agreement.deal.lines import SCOPE
from draft_agreement.reviewing.engine import Engine
from draft_agreement.reviewing.normalize import fold, normalize
from draft_agreement.reviewing.patterns import PERSONAL

_REACH = 24  # earlier paragraphs a reference may point back to
_SENSITIVE = ("sensitive", "minor_data")  # the term groups for sensitive data, in both languages


@dataclass(slots=True)
class _Clause:
    text: str  # normalised
    carried: frozenset[str]  # what its own references carried into it
    groups: set[str] | None = None  # what it holds, found only when a later clause refers to it


@dataclass(frozen=True, slots=True)
class Carried:
    """A paragraph's references back to records holding personal, and sensitive, information."""

    personal: tuple[str, ...] = ()
    sensitive: tuple[str, ...] = ()


class Antecedents:
    """The paragraphs read so far, to resolve a later paragraph's references back."""

    def __init__(self, engine: Engine, reference: re.Pattern[str] | None) -> None:
        self._engine = engine
        self._reference = reference
        self._read: deque[_Clause] = deque(maxlen=_REACH)

    def carried(self, text: str) -> Carried:
        """What the references of a paragraph (normalised text) carry from the clauses before it."""
        if self._reference is None or not self._read:
            return Carried()
        personal: list[str] = []
        sensitive: list[str] = []
        for found in self._reference.finditer(text):
            kind = _stem(next(g for g in found.groups() if g))
            clause = next((c for c in reversed(self._read) if kind in c.text), None)
            if clause is None and not kind.isascii() and len(kind) > 2:
                # 上述债权档案 where the earlier clause said only 档案: the bare kind of record.
                clause = next((c for c in reversed(self._read) if kind[-2:] in c.text), None)
            if clause is None:
                continue
            if clause.groups is None:
                clause.groups = clause.carried | self._engine.mentions(clause.text, (PERSONAL, *_SENSITIVE))
            if clause.groups:
                personal.append(found.group())
            if not clause.groups.isdisjoint(_SENSITIVE):
                sensitive.append(found.group())
        return Carried(tuple(dict.fromkeys(personal)), tuple(dict.fromkeys(sensitive)))

    def read(self, text: str, carried: Carried | None = None) -> None:
        """Remember a paragraph (normalised text) later ones may refer back to.

        What its own references carried it holds too, so "those files" may point at a clause that
        itself said only "those files".
        """
        carried = carried or Carried()
        held = ({PERSONAL} if carried.personal else set()) | ({_SENSITIVE[0]} if carried.sensitive else set())
        self._read.append(_Clause(text, frozenset(held)))


def _stem(kind: str) -> str:
    """The kind of record as an earlier clause may name it: "files" is named as "client file(s)"."""
    return kind[:-1] if kind.isascii() and kind.endswith("s") and len(kind) > 4 else kind


# A definition that says its records hold nobody: "which contain no customer names", "do not include the sales
# ledger or any list of the Seller's customers", "without any customer-level detail".
_HOLDS_NOBODY = re.compile(
    r"\b(?:contains? no|containing no|with no|do(?:es)? not (?:include|contain|hold)|without any"
    r"|exclud(?:e|es|ing))\b"
)


@dataclass(frozen=True, slots=True)
class Defined:
    """Terms a definitions clause defines as holding others' personal (and sensitive) information."""

    personal: tuple[str, ...] = ()
    sensitive: tuple[str, ...] = ()
    where: tuple[int, ...] = ()  # for each personal term, the paragraph that defines it

    def used(self, raw: str, text: str, index: int, definition: re.Pattern[str] | None) -> Defined:
        """The terms paragraph `index` uses (`raw` as written, `text` normalised), unless it defines terms.

        A definition moves nothing. A term is read only after its definition, as the terms review already
        reads as sensitive are: a recital that "wishes to sell the Acquired Assets" comes before anyone says
        what they hold.
        """
        if not self.personal or (definition is not None and definition.search(raw)):
            return Defined()
        used = [t for t, at in zip(self.personal, self.where, strict=True) if at < index and _names(t, text)]
        return Defined(tuple(used), tuple(t for t in used if t in self.sensitive))


def defined_records(engine: Engine, definition: re.Pattern[str] | None, texts: list[str]) -> Defined:
    """What the agreement's defined terms hold, read from the paragraphs (as written) before any is reviewed.

    "“Loan Book” means the loans in Schedule 1 and, for each, the Client File" then "“Client File” means the
    borrower's payslips and bank statements": a later "assigns the Loan Book" hands over the payslips. A term
    holds personal information when its definition names it or names another term that does (resolved to a
    fixed point, so the order of the definitions does not matter), unless the definition says it holds nobody.
    """
    if definition is None:
        return Defined()
    bodies: dict[str, str] = {}
    where: dict[str, int] = {}
    # Definitions open an agreement; like the deal model, read no further than its clauses (a schedule of
    # 20,000 rows defines nothing, and searching each row cost half a second).
    for index, text in enumerate(texts[:SCOPE]):
        found = list(definition.finditer(text))
        for i, match in enumerate(found):
            term = next((g for g in match.groups() if g), None)
            if not term or len(term.strip()) < 4:
                continue
            end = found[i + 1].start() if i + 1 < len(found) else len(text)
            term = fold(term.strip())
            bodies.setdefault(term, normalize(text[match.end() : end]).text)
            where.setdefault(term, index)
    holding = {term: body for term, body in bodies.items() if not _HOLDS_NOBODY.search(body)}
    personal: set[str] = set()
    sensitive: set[str] = set()
    for term, body in holding.items():
        groups = engine.mentions(body, (PERSONAL, *_SENSITIVE))
        if groups:  # sensitive data is someone's: "the borrower's payslips and bank statements"
            personal.add(term)
        if not groups.isdisjoint(_SENSITIVE):
            sensitive.add(term)
    changed = True
    while changed:
        changed = False
        for term, body in holding.items():
            for other in [*personal]:
                if other != term and _names(other, body):
                    if term not in personal:
                        personal.add(term)
                        changed = True
                    if other in sensitive and term not in sensitive:
                        sensitive.add(term)
                        changed = True
    ordered = tuple(sorted(personal))
    return Defined(ordered, tuple(sorted(sensitive)), tuple(where[t] for t in ordered))


def _names(term: str, text: str) -> bool:
    """Whether `text` names the defined term (not inside a longer word: "Records" in "Sub-Records")."""
    return re.search(rf"(?<![\w-]){re.escape(term)}", text) is not None

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

from draft_agreement.reviewing.engine import Engine
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

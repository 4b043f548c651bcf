"""The deal as a whole: what a lawyer reads each clause against (docs/taxonomy.md, "The deal").

The same words ("客户资料移交乙方") mean different things in a WeChat-account sale, in the sale of a
salon as a going concern and in a DPA. Review, the redline plan and drafting therefore read one Deal
per document: its kinds, who the parties are and which details are their own, the governing law, the
signing date, the price clauses and the clauses that say what is transferred.

Paragraphs are referred to by (story, index), the same coordinates findings use, so no later stage
searches the text again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from draft_agreement.chinese import chinese_number

Ref = tuple[str, int]  # (story id, paragraph index in the story)

GIVING_ROLES = ("transferor", "provider", "licensor", "lessor", "principal", "seller", "referrer")
RECEIVING_ROLES = ("transferee", "recipient", "licensee", "lessee", "agent", "processor", "buyer")


def side_of(role: str) -> str | None:
    """'giving' for who hands something over, 'receiving' for who gets it, None if neither."""
    if role in GIVING_ROLES:
        return "giving"
    if role in RECEIVING_ROLES:
        return "receiving"
    return None


@dataclass(frozen=True)
class DealParty:
    """One contracting party: the label its clauses use, its role, and what is its own.

    `own` holds the paragraphs with its own details (party block, signature block, notice clause);
    `accounts` the account identifiers it holds or sells (a schedule of the seller's accounts is its
    own, not a list of third parties).
    """

    role: str
    label: str
    name: str | None
    aliases: tuple[str, ...]
    own: tuple[Ref, ...] = ()
    accounts: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """Every designation the document uses for this party, the main label first."""
        return (self.label, *(a for a in self.aliases if a != self.label))

    @property
    def side(self) -> str | None:
        return side_of(self.role)

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "label": self.label, "name": self.name, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class GoverningLaw:
    """The chosen law as written, its jurisdiction (ISO 3166 code, plus TW and HK) and clause."""

    text: str | None
    jurisdiction: str | None
    clause: str | None
    ref: Ref | None
    forum: str | None = None  # the dispute forum as written (court, arbitration), if any
    forum_jurisdiction: str | None = None

    @property
    def foreign(self) -> bool:
        """Whether the agreement chooses, or sends disputes to, somewhere other than mainland China."""
        place = self.jurisdiction or self.forum_jurisdiction
        return place is not None and place != "CN"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "jurisdiction": self.jurisdiction, "clause": self.clause}
        if self.forum is not None:
            out["forum"] = self.forum
            out["forum_jurisdiction"] = self.forum_jurisdiction
        return out


@dataclass(frozen=True)
class Consideration:
    """The clauses that set the price: the amount, its schedule and adjustments, per head or not."""

    clause: str | None
    amount: str | None  # a decimal string, "500000"
    currency: str | None  # ISO 4217
    per_head: bool
    price: tuple[Ref, ...] = ()
    schedule: tuple[Ref, ...] = ()
    adjustments: tuple[Ref, ...] = ()

    @property
    def refs(self) -> tuple[Ref, ...]:
        """Every paragraph of the consideration, in document order."""
        return tuple(sorted({*self.price, *self.schedule, *self.adjustments}, key=lambda r: (r[0], r[1])))

    def to_dict(self) -> dict[str, Any]:
        return {
            "clause": self.clause,
            "amount": self.amount,
            "currency": self.currency,
            "per_head": self.per_head,
        }


@dataclass(frozen=True)
class Subject:
    """What is transferred: the clauses that define it and the annexes or schedules that list it."""

    clauses: tuple[Ref, ...] = ()
    annexes: tuple[Ref, ...] = ()  # annex headings
    tables: tuple[tuple[str, int], ...] = ()  # (story, table index) of the schedules under them
    account_tables: tuple[tuple[str, int], ...] = ()  # schedules that list a party's own accounts

    def to_dict(self, labels: dict[Ref, str | None]) -> dict[str, Any]:
        def named(refs: tuple[Ref, ...]) -> list[str]:
            return [label for ref in refs if (label := labels.get(ref))]

        return {"clauses": named(self.clauses), "annexes": named(self.annexes)}


@dataclass(frozen=True)
class Deal:
    """The document-level model that review, the redline plan and drafting read."""

    kind: str
    kinds: tuple[str, ...]
    parties: tuple[DealParty, ...]
    governing_law: GoverningLaw | None
    signed: str | None  # ISO date
    consideration: Consideration | None
    subject: Subject
    title: str | None = None
    clause_labels: dict[Ref, str | None] = field(default_factory=dict, repr=False, compare=False)
    _owners: dict[Ref, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def jurisdiction(self) -> str | None:
        return self.governing_law.jurisdiction if self.governing_law else None

    @property
    def foreign_law(self) -> bool:
        return self.governing_law is not None and self.governing_law.foreign

    def party(self, role: str) -> DealParty | None:
        return next((p for p in self.parties if p.role == role), None)

    def side(self, side: str) -> tuple[DealParty, ...]:
        """The parties on one side of the deal ('giving' or 'receiving')."""
        return tuple(p for p in self.parties if p.side == side)

    def labels(self, side: str | None = None) -> tuple[str, ...]:
        """Every party label (of one side, if given), longest first so a matcher prefers 受让方 to 受."""
        chosen = self.parties if side is None else self.side(side)
        found = {label for p in chosen for label in p.labels}
        return tuple(sorted(found, key=lambda s: (-len(s), s)))

    def owner(self, ref: Ref) -> DealParty | None:
        """The party whose own details paragraph `ref` holds (party block, signature, notices)."""
        index = self._owners.get(ref)
        return self.parties[index] if index is not None else None

    def next_annex(self, lang: str, nth: int = 1) -> str:
        """The label an annex added to this agreement takes: after its own ("附件三", "Annex 3").

        It follows the word the agreement uses for its own annexes (附件/附表, Annex/Schedule/
        Exhibit/Appendix), so a drafted consent notice reads as one more of them. `nth` counts the
        annexes added: the second drafted annex of an agreement with two of its own is 附件四.
        """
        own = [self.clause_labels.get(ref) or "" for ref in self.subject.annexes]
        count = len(own) + max(nth, 1)
        if lang == "zh":
            word = "附表" if own and all(label.startswith("附表") for label in own) else "附件"
            return f"{word}{chinese_number(count)}"
        words = [
            w
            for w in ("Schedule", "Exhibit", "Appendix", "Annex")
            if any(label.startswith(w) for label in own)
        ]
        return f"{words[0] if words else 'Annex'} {count}"

    def is_own_account(self, identifier: str) -> bool:
        return any(identifier in p.accounts for p in self.parties)

    def to_dict(self) -> dict[str, Any]:
        """The report's `deal` object (taxonomy.md); notes are added by the report, in its language."""
        return {
            "kind": self.kind,
            "kinds": list(self.kinds),
            "parties": [p.to_dict() for p in self.parties],
            "governing_law": self.governing_law.to_dict() if self.governing_law else None,
            "signed": self.signed,
            "consideration": self.consideration.to_dict() if self.consideration else None,
            "subject": self.subject.to_dict(self.clause_labels),
        }

"""The review report as dataclasses: what the API returns and every output format serialises.

Field names follow docs/taxonomy.md, a fixed public interface; additions are backward compatible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from draft_agreement.reviewing.masking import mask_strings

if TYPE_CHECKING:
    from draft_agreement.deal.model import Deal

SEVERITIES = ("high", "medium", "low", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}  # info 0 ... high 3


def at_least(severity: str, threshold: str) -> bool:
    """Whether `severity` is at or above `threshold`."""
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]


@dataclass(frozen=True)
class Location:
    """Where a finding sits: story, paragraph index in the story, and offsets in its current-view text."""

    story: str
    paragraph: int
    start: int
    end: int
    table: int | None = None  # set when the finding is a whole table (a customer list schedule)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "story": self.story,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
        }
        if self.table is not None:
            out["table"] = self.table
        return out


@dataclass(frozen=True)
class LegalBasis:
    law: str
    article: str
    quote: str
    ref: str
    applies_from: str | None = None  # the act's date of effect, when that is after the signing date

    def to_dict(self) -> dict[str, str]:
        out = {"law": self.law, "article": self.article, "quote": self.quote, "ref": self.ref}
        if self.applies_from is not None:
            out["applies_from"] = self.applies_from
        return out


@dataclass(frozen=True)
class Finding:
    rule: str
    category: str
    severity: str
    title: str
    text: str | None
    paragraph_text: str | None
    clause: str | None
    location: Location | None
    legal_basis: tuple[LegalBasis, ...]
    explanation: str
    suggestion: str
    replacement: str | None = None  # id of the replacement clause template
    clause_path: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # document-level findings: the safeguards not found
    applies_from: str | None = None  # every cited act took effect after signing: the earliest such date

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "title": self.title,
            "text": self.text,
            "paragraph_text": self.paragraph_text,
            "clause": self.clause,
            "clause_path": list(self.clause_path),
            "location": self.location.to_dict() if self.location else None,
            "legal_basis": [basis.to_dict() for basis in self.legal_basis],
            "explanation": self.explanation,
            "suggestion": self.suggestion,
            "replacement": self.replacement,
        }
        if self.missing:
            out["missing"] = list(self.missing)
        if self.applies_from is not None:
            out["applies_from"] = self.applies_from
        return out


@dataclass(frozen=True)
class ToDecide:
    """A point the lawyer must still settle: a blank left in our wording, or what the consistency check
    of the accepted redline could not fix (an orphan reference, a term the document never defines).

    `kind` is a stable code (``blank``, ``orphan-number``, ``dangling-reference``, ``unknown-term``,
    ``duplicate-sentence``, ``wrong-script``, ``unknown-platform``); `message` says it in the report's
    language; `location` is where it sits in the accepted document, when it has one place.
    """

    kind: str
    message: str
    location: Location | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "message": self.message}
        if self.location is not None:
            out["location"] = self.location.to_dict()
        return out


@dataclass(frozen=True)
class Report:
    """One file's review: findings in document order, then document-level ones."""

    file: str
    language: str
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = field(default=())
    deal: Deal | None = None
    notes: tuple[str, ...] = ()  # governing law and signing date, in the explanation language: shown first
    show_pii: bool = False  # the deal's quoted clauses are masked like the findings unless asked
    to_decide: tuple[ToDecide, ...] = ()  # what the lawyer must still settle (redline and drafting)

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(SEVERITIES, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def worst(self) -> str | None:
        """The highest severity found, or None."""
        for severity in SEVERITIES:
            if self.summary[severity]:
                return severity
        return None

    def to_dict(self) -> dict[str, Any]:
        notes = list(self.notes) if self.show_pii else mask_strings(list(self.notes))
        out: dict[str, Any] = {"notes": notes, "file": self.file, "language": self.language}
        if self.deal is not None:
            deal = self.deal.to_dict()
            # Quoted clauses and the parties' own details (their ID numbers, phones) are masked too.
            out["deal"] = {**(deal if self.show_pii else mask_strings(deal)), "notes": notes}
        out.update(
            findings=[f.to_dict() for f in self.findings], summary=self.summary, warnings=list(self.warnings)
        )
        if self.to_decide:
            decide = [d.to_dict() for d in self.to_decide]
            out["to_decide"] = decide if self.show_pii else mask_strings(decide)
        return out

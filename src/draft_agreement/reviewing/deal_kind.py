"""Findings read against the kind of deal (legal-brief §5.1): its law, and its look-alikes.

The same words mean different things in different deals: customer files handed over with a salon
call for PIPL art. 23 and a word on art. 22's unsettled reach; prepaid course hours for Civil Code
555-556; an agency holding SIM cards for the Anti-Fraud Law art. 31 and PIPL art. 21; in a share deal
or a DPA the processor does not change, so those findings are at most `low`. Which articles and
notes go with which kind is data (clauses/deal/treatment.yaml), never code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from draft_agreement import compiled
from draft_agreement.deal.model import Deal
from draft_agreement.errors import RuleFileError
from draft_agreement.library import LANGUAGES, default_clauses_dir, read_yaml
from draft_agreement.model.context import fold_chars
from draft_agreement.reviewing.findings import SEVERITY_RANK, Finding
from draft_agreement.reviewing.legal import LegalLibrary, legal_basis
from draft_agreement.reviewing.rules import CATEGORY_SEVERITY

_KEYS = {"kinds", "main", "categories", "cue", "unless", "foreign_without", "cite", "note", "at_most"}


@dataclass(frozen=True)
class Treatment:
    """One entry of treatment.yaml: when it applies and what it does to a finding."""

    kinds: frozenset[str]
    main: frozenset[str]
    categories: frozenset[str]
    cue: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    foreign_without: re.Pattern[str] | None
    cite: tuple[str, ...]
    note: dict[str, str]
    at_most: str | None

    def applies(
        self, deal: Deal, finding: Finding, paragraph: Callable[[], str], document: _Searches
    ) -> bool:
        """``paragraph`` gives the finding's folded paragraph; ``document`` answers searches of the
        folded agreement, each pattern searched once for all findings."""
        if finding.category not in self.categories:
            return False
        if self.main and deal.kind not in self.main:
            return False
        if self.kinds and not self.kinds.intersection(deal.kinds):
            return False
        if self.cue is not None:
            found = (
                document.found(self.cue) if finding.paragraph_text is None else self.cue.search(paragraph())
            )
            if not found:
                return False
        if self.unless is not None:
            if finding.paragraph_text is not None:
                if self.unless.search(paragraph()):
                    return False
            elif document.in_clauses(self.unless, self.categories):
                # A document-level finding follows its clauses: where a clause of these categories kept its
                # severity (the founder's own WeChat account in a share deal), so does the safeguard check.
                return False
        if self.foreign_without is not None:
            return deal.foreign_law and not document.found(self.foreign_without)
        return True


def _folded(text: str) -> str:
    return fold_chars(text).lower()


class _Searches:
    """Whether each pattern occurs in one folded text, searched at most once per pattern."""

    def __init__(self, text: str, clauses: tuple[tuple[str, str], ...] = ()) -> None:
        self._text = text
        self._found: dict[re.Pattern[str], bool] = {}
        self._clauses = clauses  # (category, folded paragraph) of the clause-level findings

    def in_clauses(self, pattern: re.Pattern[str], categories: frozenset[str] | set[str]) -> bool:
        """Whether a clause-level finding of one of `categories` lies in a paragraph `pattern` matches."""
        return any(category in categories and pattern.search(text) for category, text in self._clauses)

    def found(self, pattern: re.Pattern[str]) -> bool:
        known = self._found.get(pattern)
        if known is None:
            known = self._found[pattern] = pattern.search(self._text) is not None
        return known


def _pattern(path: Path, where: str, source: Any) -> re.Pattern[str] | None:
    """A cue, searched in folded, lower-cased text: written in lower case it needs no IGNORECASE,
    which makes Python's re test every position of a long agreement many times slower."""
    if source is None:
        return None
    source = str(source)
    try:
        return compiled.pattern(source, 0 if source == source.lower() else re.IGNORECASE)
    except re.error as exc:
        raise RuleFileError(str(path), None, where, f"bad regular expression: {exc}") from None


def _entry(path: Path, index: int, data: Any) -> Treatment:
    where = f"entries[{index}]"
    if not isinstance(data, dict) or set(data) - _KEYS:
        raise RuleFileError(str(path), None, where, f"a mapping with keys among {', '.join(sorted(_KEYS))}")
    categories = frozenset(data.get("categories") or ())
    unknown = categories - set(CATEGORY_SEVERITY)
    if not categories or unknown:
        raise RuleFileError(str(path), None, f"{where}.categories", f"unknown or empty: {sorted(unknown)}")
    note = data.get("note") or {}
    if not isinstance(note, dict) or any(not isinstance(note.get(lang), str) for lang in LANGUAGES):
        raise RuleFileError(str(path), None, f"{where}.note", "needs zh and en texts")
    at_most = data.get("at_most")
    if at_most is not None and at_most not in SEVERITY_RANK:
        raise RuleFileError(str(path), None, f"{where}.at_most", f"not a severity: {at_most!r}")
    if not (data.get("kinds") or data.get("main")):
        raise RuleFileError(str(path), None, where, "needs kinds or main")
    return Treatment(
        kinds=frozenset(data.get("kinds") or ()),
        main=frozenset(data.get("main") or ()),
        categories=categories,
        cue=_pattern(path, f"{where}.cue", data.get("cue")),
        unless=_pattern(path, f"{where}.unless", data.get("unless")),
        foreign_without=_pattern(path, f"{where}.foreign_without", data.get("foreign_without")),
        cite=tuple(str(ref) for ref in data.get("cite") or ()),
        note={lang: note[lang] for lang in LANGUAGES},
        at_most=at_most,
    )


@lru_cache(maxsize=4)
def _read(folder: str | None) -> tuple[Path, dict[str, Any]]:
    path = Path(folder or default_clauses_dir() / "deal") / "treatment.yaml"
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(str(path), None, None, f"unreadable ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise RuleFileError(str(path), None, None, "expected a mapping with entries and pi_deals")
    return path, data


@lru_cache(maxsize=4)
def load_treatments(folder: str | None = None) -> tuple[Treatment, ...]:
    """The entries of clauses/deal/treatment.yaml, checked; a broken file is a RuleFileError."""
    path, data = _read(folder)
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise RuleFileError(str(path), None, "entries", "must be a list")
    return tuple(_entry(path, i, entry) for i, entry in enumerate(entries))


@lru_cache(maxsize=4)
def _pi_deals(folder: str | None = None) -> tuple[tuple[str, ...], ...]:
    path, data = _read(folder)
    combos = data.get("pi_deals") or []
    if not isinstance(combos, list) or not all(isinstance(c, list) and c for c in combos):
        raise RuleFileError(str(path), None, "pi_deals", "must be a list of lists of deal kinds")
    return tuple(tuple(str(k) for k in combo) for combo in combos)


def hands_over_personal_information(deal: Deal, folder: str | None = None) -> bool:
    """Whether the deal's kind is one that hands personal information over by its nature.

    A combination [main, other…] holds when `main` is the deal's main kind and the others are among
    its kinds: a data-sharing deal, or a business transfer that carries its customers.
    """
    return any(deal.kind == combo[0] and set(combo[1:]) <= set(deal.kinds) for combo in _pi_deals(folder))


class _Once:
    """A finding's paragraph folded on first use: every treatment that reads it shares the result."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._folded: str | None = None

    def __call__(self) -> str:
        if self._folded is None:
            self._folded = _folded(self._text)
        return self._folded


def by_kind(
    findings: tuple[Finding, ...],
    deal: Deal,
    legal: LegalLibrary,
    lang: str,
    document: str,
    treatments: tuple[Treatment, ...] | None = None,
) -> tuple[Finding, ...]:
    """Each finding with the law of its deal kind cited and explained, look-alikes lowered.

    `document` is the agreement's text (any form; it is folded here) for document-level findings'
    cues and for telling whether anything ties the data to mainland China.
    """
    chosen = load_treatments() if treatments is None else treatments
    clauses = tuple((f.category, _folded(f.paragraph_text)) for f in findings if f.paragraph_text is not None)
    searches = _Searches(_folded(document), clauses)
    gap = "" if lang == "zh" else " "
    out = []
    for f in findings:
        lead: list[str] = []  # the deal kind's articles, in the order the entries give them
        notes: list[str] = []
        severity = f.severity
        paragraph = _Once(f.paragraph_text or "")
        for t in chosen:
            if not t.applies(deal, f, paragraph, searches):
                continue
            lead.extend(ref for ref in t.cite if ref not in lead)
            notes.append(t.note.get(lang) or t.note["en"])
            if t.at_most is not None and SEVERITY_RANK[severity] > SEVERITY_RANK[t.at_most]:
                severity = t.at_most
        if notes:
            # The rule's own articles first (they are specific to the clause: PIPL 28 for sensitive
            # data), then the deal kind's, which set the clause in its deal.
            own = {b.ref for b in f.legal_basis}
            added = tuple(legal_basis(legal, ref, lang) for ref in lead if ref not in own)
            f = replace(
                f,
                severity=severity,
                legal_basis=f.legal_basis + added,
                explanation=gap.join([f.explanation, *notes]),
            )
        out.append(f)
    return tuple(out)

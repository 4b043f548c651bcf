"""The deal vocabulary (clauses/deal/*.yaml), loaded and compiled once per process.

Kinds, governing-law places, price and subject cues are data a firm can read and change; this module
only checks them and compiles each cue list into one case-insensitive pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from draft_agreement import __version__
from draft_agreement.cache import cached, content_key
from draft_agreement.errors import RuleFileError
from draft_agreement.library import default_clauses_dir, read_yaml

KINDS = (
    "account-sale",
    "customer-data-sale",
    "business-transfer",
    "data-sharing",
    "agency",
    "referral",
    "processing",
    "share-deal",
    "other",
)


@dataclass(frozen=True)
class KindCues:
    title: re.Pattern[str] | None
    subject: re.Pattern[str] | None
    body: re.Pattern[str] | None


@dataclass(frozen=True)
class Place:
    code: str
    cue: re.Pattern[str]
    name: dict[str, str]


@dataclass(frozen=True)
class Vocabulary:
    kinds: dict[str, KindCues]
    leads: tuple[tuple[str, str], ...]
    min_score: float
    share: float
    body_cap: int
    prohibition: re.Pattern[str]
    law_clause: re.Pattern[str]
    forum: re.Pattern[str]
    places: tuple[Place, ...]
    notes: dict[str, dict[str, str]]
    price: re.Pattern[str]
    schedule: re.Pattern[str]
    adjustment: re.Pattern[str]
    per_head: re.Pattern[str]
    subject_heading: re.Pattern[str]
    transfer_verbs: re.Pattern[str]
    receiving_verbs: re.Pattern[str]
    annex: re.Pattern[str]
    annex_reference: re.Pattern[str]
    definition: re.Pattern[str] | None = None  # group 1: the term a clause defines
    reference: re.Pattern[str] | None = None  # group 1: the kind of record a clause refers back to


def _compile(path: Path, where: str, cues: Any) -> re.Pattern[str] | None:
    """One pattern for a list of cues; None for an empty list."""
    if cues is None or cues == []:
        return None
    if not isinstance(cues, list) or not all(isinstance(c, str) and c for c in cues):
        raise RuleFileError(str(path), None, where, "must be a list of regular expressions")
    try:
        pattern = re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE)
    except re.error as exc:
        raise RuleFileError(str(path), None, where, f"bad regular expression ({exc})") from None
    if pattern.fullmatch(""):
        raise RuleFileError(str(path), None, where, "a cue matches the empty string")
    return pattern


def _required(path: Path, where: str, cues: Any) -> re.Pattern[str]:
    pattern = _compile(path, where, cues)
    if pattern is None:
        raise RuleFileError(str(path), None, where, "missing")
    return pattern


def _read(path: Path) -> dict[str, Any]:
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RuleFileError(str(path), None, "file", f"unreadable ({type(exc).__name__})") from None
    if not isinstance(data, dict):
        raise RuleFileError(str(path), None, "file", "must be a mapping")
    return data


def _leads(path: Path, pairs: Any) -> tuple[tuple[str, str], ...]:
    out = []
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2 and all(k in KINDS for k in pair)):
            raise RuleFileError(str(path), None, "leads", f"{pair!r} is not a pair of deal kinds")
        out.append((pair[0], pair[1]))
    return tuple(out)


@lru_cache(maxsize=4)
def load_vocabulary(folder: str | None = None) -> Vocabulary:
    """The vocabulary in `folder` (default: clauses/deal of the clause library), compiled once and
    kept between processes (draft_agreement.cache) like the rule packs."""
    base = Path(folder) if folder else default_clauses_dir() / "deal"
    paths = [base / "kinds.yaml", base / "law.yaml", base / "terms.yaml"]
    try:
        key = content_key([Path(__file__), *paths], __version__)
    except OSError:
        return _build(base)  # an unreadable file is refused by the build, in its own words
    return cached("deal", key, lambda: _build(base))


def _build(base: Path) -> Vocabulary:
    kinds_path, law_path, terms_path = base / "kinds.yaml", base / "law.yaml", base / "terms.yaml"
    kinds_data, law, terms = _read(kinds_path), _read(law_path), _read(terms_path)
    kinds: dict[str, KindCues] = {}
    for name, cues in (kinds_data.get("kinds") or {}).items():
        if name not in KINDS:
            raise RuleFileError(str(kinds_path), None, f"kinds.{name}", "not a deal kind of taxonomy.md")
        if not isinstance(cues, dict):
            raise RuleFileError(str(kinds_path), None, f"kinds.{name}", "must be a mapping")
        kinds[name] = KindCues(
            *(
                _compile(kinds_path, f"kinds.{name}.{part}", cues.get(part))
                for part in ("title", "subject", "body")
            )
        )
    places = []
    for entry in law.get("jurisdictions") or []:
        try:
            places.append(
                Place(
                    entry["code"],
                    _required(law_path, f"jurisdictions.{entry['code']}", entry["cues"]),
                    entry["name"],
                )
            )
        except (KeyError, TypeError):
            raise RuleFileError(
                str(law_path), None, "jurisdictions", "each needs code, cues and name"
            ) from None
    consideration, subject = terms.get("consideration") or {}, terms.get("subject") or {}
    try:
        return Vocabulary(
            kinds=kinds,
            leads=_leads(kinds_path, kinds_data.get("leads") or []),
            min_score=float(kinds_data["min_score"]),
            share=float(kinds_data["share"]),
            body_cap=int(kinds_data["body_cap"]),
            prohibition=_required(kinds_path, "prohibition", [kinds_data["prohibition"]]),
            law_clause=_required(law_path, "clause", law.get("clause")),
            forum=_required(law_path, "forum", law.get("forum")),
            places=tuple(places),
            notes={str(k): dict(v) for k, v in (law.get("notes") or {}).items()},
            price=_required(terms_path, "consideration.price", consideration.get("price")),
            schedule=_required(terms_path, "consideration.schedule", consideration.get("schedule")),
            adjustment=_required(terms_path, "consideration.adjustment", consideration.get("adjustment")),
            per_head=_required(terms_path, "consideration.per_head", consideration.get("per_head")),
            subject_heading=_required(terms_path, "subject.heading", subject.get("heading")),
            transfer_verbs=_required(terms_path, "subject.transfer_verbs", subject.get("transfer_verbs")),
            receiving_verbs=_required(terms_path, "subject.receiving_verbs", subject.get("receiving_verbs")),
            annex=_required(terms_path, "subject.annex", subject.get("annex")),
            annex_reference=_required(terms_path, "subject.annex_reference", subject.get("annex_reference")),
            definition=_compile(terms_path, "definition.term", (terms.get("definition") or {}).get("term")),
            reference=_compile(
                terms_path, "definition.reference", (terms.get("definition") or {}).get("reference")
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise RuleFileError(str(kinds_path), None, str(exc), "missing or malformed") from None

"""Restructuring strategies per kind of deal (clauses/strategies/*.yaml), loaded and validated.

A strategy is data a firm can override in its own pack: what the new deal is called, which compliant
clause stands in for which, whether the price survives, and which clauses of the old deal go. This
module only reads and checks them; redlining/restructure.py applies one to a document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from draft_agreement.errors import RuleFileError
from draft_agreement.library import read_yaml
from draft_agreement.model.context import fold_chars
from draft_agreement.regexes import found_in
from draft_agreement.reviewing.findings import Finding

_CONSIDERATION = {"fee", "keep"}
_ANNEXES = {"remove", "keep"}
_SUBJECT = {"replace", "qualify"}
_LANGS = ("zh", "en")
_FIELDS = {
    "kinds",
    "title",
    "deal_phrase",
    "recital",
    "recital_cues",
    "substitute",
    "require",
    "consideration",
    "stale",
    "protect",
    "headings",
    "terms",
    "roles",
    "annexes",
    "subject",
    "rewrite",
    "mixed",
    "items",
    "advice",
}
_MIXED_FIELDS = {"assets", "items", "substitute", "title"}


def fold(text: str) -> str:
    """The text as patterns see it: one character for one, Traditional made Simplified (帳 -> 账)."""
    return fold_chars(text)


@dataclass(frozen=True)
class DealPhrase:
    pattern: re.Pattern[str]
    text: str


@dataclass(frozen=True)
class Mixed:
    """The same deal when it also sells other assets (equipment, stock): that sale stays.

    `assets`: a subject clause the review left alone that names one of these sells something else;
    `items`: what leaves the lists of the clauses that stay (the accounts, the customers);
    `substitute`: replacements written instead in such a deal (a price for the assets beside the fee);
    `title`: the title where the old one names only what no longer moves (Account Purchase Agreement).
    """

    assets: dict[str, re.Pattern[str]]
    items: dict[str, tuple[re.Pattern[str], ...]]
    substitute: dict[str, str | None]
    title: dict[str, str]


@dataclass(frozen=True)
class Strategy:
    """One deal kind's restructuring, per language where the text differs."""

    id: str
    kinds: tuple[str, ...]
    consideration: str = "keep"
    annexes: str = "keep"
    subject: str = "replace"
    title: dict[str, str] = field(default_factory=dict)
    deal_phrase: dict[str, DealPhrase] = field(default_factory=dict)
    recital: dict[str, str] = field(default_factory=dict)
    recital_cues: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    substitute: dict[str, str | None] = field(default_factory=dict)
    require: tuple[str, ...] = ()
    stale: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    protect: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    headings: dict[str, dict[str, str]] = field(default_factory=dict)
    terms: dict[str, dict[str, str]] = field(default_factory=dict)
    roles: dict[str, dict[str, str]] = field(default_factory=dict)
    rewrite: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = field(default_factory=dict)
    mixed: Mixed | None = None
    items: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)
    assets: dict[str, re.Pattern[str]] = field(default_factory=dict)  # set by with_assets
    advice: dict[str, dict[str, str]] = field(default_factory=dict)  # category -> language -> text

    def advise(self, findings: Sequence[Finding], lang: str) -> list[Finding]:
        """The findings with this deal's own suggestion where it differs from the rule's: a business
        transfer keeps its price, so a per-head term is struck, not turned into a referral fee."""
        return [
            replace(f, suggestion=text) if (text := self.advice.get(f.category, {}).get(lang)) else f
            for f in findings
        ]

    def sells_assets(self, lang: str, text: str) -> bool:
        """Whether `text` (what a subject clause sells) names an asset that still moves; a deal that
        survives whole (a business transfer) names no assets, and whatever its lists keep still moves."""
        assets = self.mixed.assets if self.mixed is not None else self.assets
        pattern = assets.get(lang)
        return pattern is None or pattern.search(fold(text)) is not None

    def with_assets(self) -> Strategy:
        """This strategy for a deal that also sells other assets: the deal keeps its name, roles and
        defined terms; only the accounts and customers leave it and its title (`items`), and the
        price clause becomes the mixed one (`substitute`)."""
        if self.mixed is None:
            return self
        return replace(
            self,
            title=self.mixed.title,
            deal_phrase={},
            recital={},
            headings={},
            terms={},
            roles={},
            substitute={
                **{k: self.mixed.substitute.get(v, v) if v else v for k, v in self.substitute.items()},
                **self.mixed.substitute,
            },
            items={**self.items, **self.mixed.items},
            assets=self.mixed.assets,
            mixed=None,
        )

    def instead_of(self, replacement: str) -> str | None:
        """The replacement this strategy writes where a rule names `replacement` (None: nothing)."""
        return self.substitute.get(replacement, replacement)

    def matches(self, kind: str, lang: str, text: str) -> bool:
        """Whether `text` matches one of the strategy's `kind` patterns (stale, protect, recital_cues).

        Patterns are written in Simplified characters and match the text folded character for
        character (Traditional made Simplified, full-width made half-width), as the deal cues do.
        """
        patterns: dict[str, tuple[re.Pattern[str], ...]] = getattr(self, kind)
        folded = fold(text)
        return any(found_in(p, folded) for p in patterns.get(lang, ()))


def _fail(path: Path, sid: str, name: str, problem: str) -> RuleFileError:
    return RuleFileError(str(path), sid, name, problem)


def _per_lang(path: Path, sid: str, name: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not set(value) <= set(_LANGS):
        raise _fail(path, sid, name, f"must map languages {list(_LANGS)} to values")
    return value


def _patterns(path: Path, sid: str, name: str, value: Any) -> dict[str, tuple[re.Pattern[str], ...]]:
    out = {}
    for lang, items in _per_lang(path, sid, name, value).items():
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise _fail(path, sid, name, "must be a list of regular expressions")
        try:
            out[lang] = tuple(re.compile(i, re.IGNORECASE) for i in items)
        except re.error as exc:
            raise _fail(path, sid, name, f"bad regular expression: {exc}") from None
    return out


def _texts(path: Path, sid: str, name: str, value: Any) -> dict[str, str]:
    texts = _per_lang(path, sid, name, value)
    if not all(isinstance(t, str) and t.strip() for t in texts.values()):
        raise _fail(path, sid, name, "must be non-empty text per language")
    return texts


def _maps(path: Path, sid: str, name: str, value: Any) -> dict[str, dict[str, str]]:
    maps = _per_lang(path, sid, name, value)
    for mapping in maps.values():
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise _fail(path, sid, name, "must map old text to new text")
    return {lang: {str(k): v for k, v in m.items()} for lang, m in maps.items()}


def _rewrites(
    path: Path, sid: str, value: Any, known: Sequence[str]
) -> dict[str, tuple[tuple[re.Pattern[str], str], ...]]:
    out = {}
    for lang, items in _per_lang(path, sid, "rewrite", value).items():
        if not isinstance(items, list):
            raise _fail(path, sid, "rewrite", "must list {pattern, with} items")
        found = []
        for item in items:
            try:
                pattern, rid = re.compile(item["pattern"], re.IGNORECASE), str(item["with"])
            except (KeyError, TypeError, re.error) as exc:
                raise _fail(path, sid, "rewrite", f"needs pattern and with ({exc})") from None
            if rid not in known:
                raise _fail(path, sid, "rewrite", f"no replacement {rid!r}")
            found.append((pattern, rid))
        out[lang] = tuple(found)
    return out


def _mixed(path: Path, sid: str, value: Any, known: Sequence[str]) -> Mixed | None:
    if value is None:
        return None
    if not isinstance(value, dict) or not set(value) <= _MIXED_FIELDS:
        raise _fail(path, sid, "mixed", f"must map {sorted(_MIXED_FIELDS)} to values")
    substitute = value.get("substitute") or {}
    if not isinstance(substitute, dict) or not all(
        rid in known for rid in [*substitute, *(v for v in substitute.values() if v is not None)]
    ):
        raise _fail(path, sid, "mixed", "substitute must map replacement ids to replacement ids")
    assets = {}
    for lang, patterns in _patterns(path, sid, "mixed", value.get("assets")).items():
        assets[lang] = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)
    return Mixed(
        assets=assets,
        items=_patterns(path, sid, "mixed", value.get("items")),
        substitute={str(k): (None if v is None else str(v)) for k, v in substitute.items()},
        title=_texts(path, sid, "mixed", value.get("title")),
    )


def _advice(path: Path, sid: str, value: Any) -> dict[str, dict[str, str]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _fail(path, sid, "advice", "must map finding categories to a suggestion per language")
    return {str(category): _texts(path, sid, "advice", texts) for category, texts in value.items()}


def parse_strategy(path: Path, known_replacements: Sequence[str]) -> Strategy:
    """One strategy file, checked field by field; a broken one is a RuleFileError naming the field."""
    sid = path.stem
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(path, sid, None, f"unreadable ({type(exc).__name__})") from None  # type: ignore[arg-type]
    if not isinstance(data, dict):
        raise _fail(path, sid, None, "must be a mapping")  # type: ignore[arg-type]
    unknown = set(data) - _FIELDS
    if unknown:
        raise _fail(path, sid, sorted(unknown)[0], "unknown field")
    kinds = data.get("kinds")
    if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) for k in kinds):
        raise _fail(path, sid, "kinds", "must list the deal kinds it applies to")
    consideration = data.get("consideration", "keep")
    if consideration not in _CONSIDERATION:
        raise _fail(path, sid, "consideration", f"must be one of {sorted(_CONSIDERATION)}")
    annexes = data.get("annexes", "keep")
    if annexes not in _ANNEXES:
        raise _fail(path, sid, "annexes", f"must be one of {sorted(_ANNEXES)}")
    subject = data.get("subject", "replace")
    if subject not in _SUBJECT:
        raise _fail(path, sid, "subject", f"must be one of {sorted(_SUBJECT)}")
    substitute = data.get("substitute") or {}
    if not isinstance(substitute, dict):
        raise _fail(path, sid, "substitute", "must map replacement ids to replacement ids")
    require = data.get("require") or []
    named = [v for v in substitute.values() if v is not None] + list(require)
    for rid in [*substitute, *named]:
        if rid not in known_replacements:
            raise _fail(
                path, sid, "substitute" if rid not in require else "require", f"no replacement {rid!r}"
            )
    phrases = {}
    for lang, spec in _per_lang(path, sid, "deal_phrase", data.get("deal_phrase")).items():
        try:
            pattern = re.compile(spec["pattern"], re.IGNORECASE)
            text = str(spec["text"])
        except (KeyError, TypeError, re.error) as exc:
            raise _fail(path, sid, "deal_phrase", f"needs pattern and text ({exc})") from None
        if "deal" not in pattern.groupindex:
            raise _fail(path, sid, "deal_phrase", "the pattern needs a group named deal")
        phrases[lang] = DealPhrase(pattern, text)
    recital = _texts(path, sid, "recital", data.get("recital"))
    for text in recital.values():
        try:
            jinja2.Environment().parse(text)
        except jinja2.TemplateSyntaxError as exc:
            raise _fail(path, sid, "recital", exc.message or "template syntax error") from None
    return Strategy(
        id=sid,
        kinds=tuple(kinds),
        consideration=consideration,
        annexes=annexes,
        subject=subject,
        title=_texts(path, sid, "title", data.get("title")),
        deal_phrase=phrases,
        recital=recital,
        recital_cues=_patterns(path, sid, "recital_cues", data.get("recital_cues")),
        substitute={str(k): (None if v is None else str(v)) for k, v in substitute.items()},
        require=tuple(require),
        stale=_patterns(path, sid, "stale", data.get("stale")),
        protect=_patterns(path, sid, "protect", data.get("protect")),
        headings=_maps(path, sid, "headings", data.get("headings")),
        terms=_maps(path, sid, "terms", data.get("terms")),
        roles=_maps(path, sid, "roles", data.get("roles")),
        rewrite=_rewrites(path, sid, data.get("rewrite"), known_replacements),
        mixed=_mixed(path, sid, data.get("mixed"), known_replacements),
        items=_patterns(path, sid, "items", data.get("items")),
        advice=_advice(path, sid, data.get("advice")),
    )


@lru_cache(maxsize=8)
def load_strategies(folders: tuple[str, ...], known_replacements: tuple[str, ...]) -> dict[str, Strategy]:
    """Strategies by deal kind; a later folder's file replaces an earlier one of the same name."""
    by_file: dict[str, Strategy] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.yaml")):
            by_file[path.stem] = parse_strategy(path, known_replacements)
    by_kind: dict[str, Strategy] = {}
    for strategy in by_file.values():
        for kind in strategy.kinds:
            by_kind[kind] = strategy
    return by_kind


def strategy_folders(default: Path, packs: Sequence[Path]) -> tuple[str, ...]:
    """The bundled strategies, then each firm pack's own `strategies/` folder."""
    found = [str(default)]
    for pack in packs:
        folder = (pack if pack.is_dir() else pack.parent) / "strategies"
        if folder.is_dir():
            found.append(str(folder))
    return tuple(found)

"""The categories of personal information drafts name, and what the law says about each of them.

The catalogue is data (clauses/drafting/categories.yaml): each kind's name in both languages, the
pattern that finds it, whether PIPL art. 28 makes it sensitive, the number of items at which the 2017
interpretation (art. 5) makes providing it a crime, and whether drafts may carry it only when the lawyer
gives it explicitly. Pre-filling, the data-minimisation policy and the impact assessment's risk levels
all read this one table, so a category cannot be sensitive in one document and ordinary in the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from draft_agreement.errors import RuleFileError
from draft_agreement.library import default_clauses_dir, read_yaml
from draft_agreement.model.context import fold_chars

TIERS = (50, 500, 5000)
_KIND_KEYS = {"key", "zh", "en", "pattern", "sensitive", "pipl28", "tier", "statute", "restricted"}


@dataclass(frozen=True)
class Kind:
    """A category of personal information, named as a consent notice names it."""

    key: str
    zh: str
    en: str
    pattern: re.Pattern[str]
    tier: int  # items that make providing it 情节严重 (2017 interpretation art. 5 ¶1 items 3-5)
    sensitive: bool = False  # PIPL art. 28
    restricted: bool = False  # only when the lawyer gives it, with the necessity statement
    pipl28: str | None = None  # the words of art. 28 that make it sensitive
    statute: str | None = None  # the words of art. 5 item 3 or 4 that place it in its tier

    def label(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def level(self) -> str:
        """high (sensitive, or 50 items), elevated (500 items) or ordinary (5,000 items)."""
        if self.sensitive or self.tier == 50:
            return "high"
        return "elevated" if self.tier == 500 else "ordinary"

    def found_in(self, text: str) -> bool:
        return bool(self.pattern.search(fold_chars(text)))


@dataclass(frozen=True)
class Catalogue:
    kinds: tuple[Kind, ...]
    minimum: tuple[str, ...]  # kind keys a referral needs
    minimum_children: dict[str, tuple[str, ...]]  # the same for children, per language
    children: re.Pattern[str]
    levels: dict[str, dict[str, str]]
    legal_basis: dict[str, Any]

    def kind(self, key: str) -> Kind:
        return next(k for k in self.kinds if k.key == key)

    def classify(self, item: str) -> Kind | None:
        """The kind a category as written names: its own label first, else the first pattern that
        matches ("病历资料" is medical information). None for a category the catalogue does not know."""
        text = item.strip()
        for k in self.kinds:
            if text in (k.zh, k.en):
                return k
        return next((k for k in self.kinds if k.found_in(text)), None)

    def minimal(self, lang: str, *, children: bool = False) -> list[str]:
        """The categories a draft names by default (PIPL art. 6: the minimum the purpose needs)."""
        if children:
            return list(self.minimum_children[lang])
        return [self.kind(key).label(lang) for key in self.minimum]

    def level_label(self, level: str, lang: str) -> str:
        return self.levels[level][lang]


def _fail(path: Path, where: str, problem: str) -> RuleFileError:
    return RuleFileError(str(path), None, where, problem)


def _kind(path: Path, index: int, raw: Any) -> Kind:
    where = f"kinds[{index}]"
    if not isinstance(raw, dict) or set(raw) - _KIND_KEYS:
        raise _fail(path, where, f"a kind is a mapping with keys among {', '.join(sorted(_KIND_KEYS))}")
    try:
        pattern = re.compile(raw["pattern"], re.IGNORECASE)
        kind = Kind(
            key=str(raw["key"]),
            zh=str(raw["zh"]),
            en=str(raw["en"]),
            pattern=pattern,
            tier=int(raw["tier"]),
            sensitive=bool(raw.get("sensitive", False)),
            restricted=bool(raw.get("restricted", False) or raw.get("sensitive", False)),
            pipl28=raw.get("pipl28"),
            statute=raw.get("statute"),
        )
    except KeyError as exc:
        raise _fail(path, where, f"missing {exc.args[0]}") from None
    except re.error as exc:
        raise _fail(path, where, f"bad pattern ({exc})") from None
    if kind.tier not in TIERS:
        raise _fail(path, f"{where}.tier", f"must be one of {TIERS}")
    if kind.sensitive != (kind.pipl28 is not None):
        raise _fail(path, where, "a sensitive kind quotes art. 28 in pipl28, and only a sensitive one does")
    if (kind.tier != 5000) != (kind.statute is not None):
        raise _fail(
            path, where, "a kind in the 50 or 500 tier quotes art. 5 in statute, and only such a kind"
        )
    return kind


@lru_cache(maxsize=4)
def load_catalogue(path: str | None = None) -> Catalogue:
    """The catalogue at `path` (default: clauses/drafting/categories.yaml of the clause library)."""
    file = Path(path) if path else default_clauses_dir() / "drafting" / "categories.yaml"
    try:
        data = read_yaml(file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(file, "file", f"unreadable ({type(exc).__name__})") from None
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), list):
        raise _fail(file, "kinds", "the catalogue is a mapping with a list of kinds")
    kinds = tuple(_kind(file, i, raw) for i, raw in enumerate(data["kinds"]))
    keys = [k.key for k in kinds]
    if len(set(keys)) != len(keys):
        raise _fail(file, "kinds", "a key is used twice")
    minimum = tuple(data.get("minimum") or ())
    if not minimum or set(minimum) - set(keys):
        raise _fail(file, "minimum", "lists kind keys")
    children = data.get("minimum_children") or {}
    try:
        return Catalogue(
            kinds=kinds,
            minimum=minimum,
            minimum_children={lang: tuple(children[lang]) for lang in ("zh", "en")},
            children=re.compile(data["children"], re.IGNORECASE),
            levels={name: dict(labels) for name, labels in data["levels"].items()},
            legal_basis=dict(data.get("legal_basis") or {}),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise _fail(file, str(exc), "missing or malformed") from None


def catalogue() -> Catalogue:
    return load_catalogue(None)

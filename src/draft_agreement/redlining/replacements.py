"""Replacement clauses: jinja2 templates in clauses/replacements, rendered in the agreement's voice.

The templates are data a firm can edit; this module only loads, validates and renders them, with
StrictUndefined so a wrong variable is an error rather than a hole in the lawyer's document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from draft_agreement.errors import RuleFileError
from draft_agreement.library import read_yaml

_ACTIONS = {"replace", "delete", "comment"}
_SCOPES = {"clause", "span", "table", "document"}


@dataclass(frozen=True)
class Replacement:
    id: str
    action: str  # replace | delete | comment
    scope: str  # clause | span | table | document
    templates: dict[str, jinja2.Template]

    @property
    def edits_text(self) -> bool:
        return self.action != "comment"

    def render(self, lang: str, variables: dict[str, Any]) -> str:
        if self.action != "replace":
            return ""
        template = self.templates.get(lang) or self.templates["zh"]
        try:
            return (
                " ".join(template.render(**variables).split())
                if lang == "en"
                else "".join(template.render(**variables).split())
            )
        except jinja2.UndefinedError as exc:
            raise RuleFileError(f"replacements/{lang}/{self.id}.j2", self.id, "template", str(exc)) from None


class ReplacementLibrary:
    """All replacement clauses of one clauses folder, validated on load."""

    def __init__(
        self,
        replacements: dict[str, Replacement],
        platform_names_zh: dict[str, str],
        people: dict[str, tuple[tuple[str, str], ...]] | None = None,
        own_words: tuple[OwnWord, ...] = (),
        kept_words: tuple[str, ...] = (),
        sensitive: dict[str, SensitiveKinds] | None = None,
    ) -> None:
        self._by_id = replacements
        self.platform_names_zh = platform_names_zh
        # Per language, (singular, plural) words for the people whose information it is; first = default.
        self.people = people or {"zh": (("客户", "客户"),), "en": (("customer", "customers"),)}
        # Chinese (ours, the agreement's) word pairs, and the law names never rewritten.
        self.own_words = own_words
        self.kept_words = kept_words
        # Per language, the kinds of sensitive information the sensitive-data clause may list.
        self.sensitive = sensitive or {}

    def get(self, replacement_id: str) -> Replacement:
        found = self._by_id.get(replacement_id)
        if found is None:
            raise RuleFileError(
                "replacements/index.yaml", replacement_id, "replacement", "no such replacement clause"
            )
        return found

    def ids(self) -> list[str]:
        return sorted(self._by_id)

    @classmethod
    def load(cls, folder: Path) -> ReplacementLibrary:
        index = folder / "index.yaml"
        try:
            data = read_yaml(index.read_text(encoding="utf-8"))
            entries = data["replacements"]
            platform_names = dict(data.get("platform_names_zh") or {})
            people = _people(data.get("people"))
            own_words, kept_words = _own_words(data.get("own_words"))
            sensitive = _sensitive(data.get("sensitive"))
        except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
            raise RuleFileError(
                str(index), None, "replacements", f"unreadable ({type(exc).__name__})"
            ) from None
        env = jinja2.Environment(
            undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False
        )
        env.filters["capfirst"] = lambda text: text[:1].upper() + text[1:]
        found = {}
        for rid, spec in entries.items():
            action, scope = spec.get("action"), spec.get("scope")
            if action not in _ACTIONS:
                raise RuleFileError(str(index), rid, "action", f"must be one of {sorted(_ACTIONS)}")
            if scope not in _SCOPES:
                raise RuleFileError(str(index), rid, "scope", f"must be one of {sorted(_SCOPES)}")
            templates = {}
            for lang in ("zh", "en"):
                path = folder / lang / f"{rid}.j2"
                if action == "replace" and not path.exists():
                    raise RuleFileError(str(path), rid, "template", "missing")
                if path.exists():
                    try:
                        templates[lang] = env.from_string(path.read_text(encoding="utf-8"))
                    except jinja2.TemplateSyntaxError as exc:
                        raise RuleFileError(
                            str(path), rid, f"line {exc.lineno}", exc.message or "syntax error"
                        ) from None
            found[rid] = Replacement(rid, action, scope, templates)
        return cls(found, platform_names, people, own_words, kept_words, sensitive)


@lru_cache(maxsize=4)
def load_replacements(folder: str) -> ReplacementLibrary:
    return ReplacementLibrary.load(Path(folder))


def _people(data: object) -> dict[str, tuple[tuple[str, str], ...]] | None:
    """index.yaml's `people`: Chinese words, English [singular, plural] pairs; None when absent."""
    if data is None:
        return None
    if not isinstance(data, dict) or not all(
        isinstance(data.get(lang), list) and data[lang] for lang in ("zh", "en")
    ):
        raise RuleFileError("replacements/index.yaml", None, "people", "needs zh and en word lists")
    zh = tuple((str(w), str(w)) for w in data["zh"])
    en = tuple(
        (str(pair[0]), str(pair[1])) for pair in data["en"] if isinstance(pair, list) and len(pair) == 2
    )
    if len(en) != len(data["en"]):
        raise RuleFileError("replacements/index.yaml", None, "people.en", "each entry is [singular, plural]")
    return {"zh": zh, "en": en}


@dataclass(frozen=True)
class SensitiveKinds:
    """The sensitive kinds one language's clause may list, and the list when the deal names none."""

    default: str
    kinds: tuple[tuple[str, re.Pattern[str]], ...]


def _sensitive(data: object) -> dict[str, SensitiveKinds]:
    """index.yaml's `sensitive`: per language, a `default` text and `kinds` of [words, regex]."""
    if data is None:
        return {}
    where = "replacements/index.yaml"
    if not isinstance(data, dict):
        raise RuleFileError(where, None, "sensitive", "must map languages to a default and kinds")
    found = {}
    for lang, spec in data.items():
        kinds = spec.get("kinds") if isinstance(spec, dict) else None
        default = spec.get("default") if isinstance(spec, dict) else None
        if not isinstance(default, str) or not isinstance(kinds, list):
            raise RuleFileError(where, None, f"sensitive.{lang}", "needs a default text and a kinds list")
        compiled = []
        for kind in kinds:
            if not (
                isinstance(kind, list) and len(kind) == 2 and all(isinstance(k, str) and k for k in kind)
            ):
                raise RuleFileError(where, None, f"sensitive.{lang}", "each kind is [words, regex]")
            try:
                compiled.append((kind[0], re.compile(kind[1], re.IGNORECASE)))
            except re.error as exc:
                raise RuleFileError(
                    where, None, f"sensitive.{lang}", f"bad regex for {kind[0]}: {exc}"
                ) from None
        found[str(lang)] = SensitiveKinds(default, tuple(compiled))
    return found


@dataclass(frozen=True)
class OwnWord:
    """Our word and the agreement's, and the words that show which one the agreement writes."""

    ours: str
    theirs: str
    when: str
    unless: str
    traditional: bool  # the agreement's word in every zh-Hant agreement that never writes `unless`


def _own_words(data: object) -> tuple[tuple[OwnWord, ...], tuple[str, ...]]:
    """index.yaml's `own_words`: its `pairs` and the `keep` law names."""
    if data is None:
        return (), ()
    pairs, keep = (data.get("pairs"), data.get("keep", [])) if isinstance(data, dict) else (None, None)
    fields = ("ours", "theirs", "when", "unless", "traditional")
    if not isinstance(pairs, list) or not all(
        isinstance(p, dict)
        and set(p) <= set(fields)
        and all(isinstance(p.get(f), str) and p[f] for f in ("ours", "theirs"))
        and all(isinstance(p.get(f, "-"), str) and p.get(f, "-") for f in ("when", "unless"))
        and isinstance(p.get("traditional", False), bool)
        for p in pairs
    ):
        raise RuleFileError(
            "replacements/index.yaml", None, "own_words.pairs", "each entry needs ours and theirs words"
        )
    if not isinstance(keep, list) or not all(isinstance(w, str) and w for w in keep):
        raise RuleFileError("replacements/index.yaml", None, "own_words.keep", "must be a list of words")
    found = tuple(
        OwnWord(
            p["ours"],
            p["theirs"],
            p.get("when", p["theirs"]),
            p.get("unless", p["ours"]),
            p.get("traditional", False),
        )
        for p in pairs
    )
    return found, tuple(keep)

"""Replacement clauses: jinja2 templates in clauses/replacements, rendered in the agreement's voice.

The templates are data a firm can edit; this module only loads, validates and renders them, with
StrictUndefined so a wrong variable is an error rather than a hole in the lawyer's document.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml

from draft_agreement.deal.words import Words
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
        words: Words | None = None,
    ) -> None:
        self._by_id = replacements
        self.platform_names_zh = platform_names_zh
        # The people words, own-word pairs and sensitive kinds, which the drafts read too.
        self.words = words or Words.parse({})

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
            words = Words.parse(data)
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
        return cls(found, platform_names, words)


@lru_cache(maxsize=4)
def load_replacements(folder: str) -> ReplacementLibrary:
    return ReplacementLibrary.load(Path(folder))

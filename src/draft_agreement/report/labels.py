"""The report's codes as a lawyer reads them (高, 账号转让, 账号买卖…), from clauses/labels.yaml.

Shared by the terminal table and the upload page, so both say the same thing in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from draft_agreement.library import default_clauses_dir, read_yaml

_SECTIONS = ("severities", "categories", "kinds", "roles", "suggested", "by_category", "words", "acts")


@dataclass(frozen=True)
class Labels:
    """Every label of one language; a code without a label reads as itself."""

    lang: str
    sections: dict[str, dict[str, str]]

    def _get(self, section: str, code: str | None) -> str:
        if code is None:
            return ""
        return self.sections.get(section, {}).get(code, code)

    def severity(self, code: str) -> str:
        return self._get("severities", code)

    def category(self, code: str) -> str:
        return self._get("categories", code)

    def kind(self, code: str | None) -> str:
        return self._get("kinds", code)

    def role(self, code: str | None) -> str:
        return self._get("roles", code)

    def act(self, code: str) -> str:
        return self._get("acts", code)

    def word(self, code: str) -> str:
        return self._get("words", code)

    def suggested(self, replacement: str | None, category: str) -> str:
        """The short remedy: the replacement clause's, else the category's, else nothing."""
        by_replacement = self.sections.get("suggested", {})
        if replacement and replacement in by_replacement:
            return by_replacement[replacement]
        return self.sections.get("by_category", {}).get(category, "")


@cache
def _raw() -> dict[str, Any]:
    path = default_clauses_dir() / "labels.yaml"
    data = read_yaml(path.read_text(encoding="utf-8")) or {}
    return {section: data.get(section) or {} for section in _SECTIONS}


def labels(lang: str) -> Labels:
    """The labels in `lang` (zh or en)."""
    raw = _raw()
    return Labels(
        lang,
        {section: {code: str(texts[lang]) for code, texts in raw[section].items()} for section in _SECTIONS},
    )

"""The statute articles findings cite, loaded from clauses/legal/*.yaml.

Article texts are quoted verbatim from the statute files (tools/extract_law.py writes them), never typed
from memory. A finding shows the article in its official Chinese form (第二百五十三条之一), which is
derived here from the numeric key so the YAML cannot get it wrong.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from draft_agreement import compiled
from draft_agreement.chinese import chinese_number
from draft_agreement.errors import RuleFileError
from draft_agreement.library import read_yaml
from draft_agreement.reviewing.findings import LegalBasis

_ARTICLE_KEY = compiled.pattern(r"^([1-9][0-9]{0,3})(?:-([1-9]))?$")
_REF = compiled.pattern(r"^([a-z0-9][a-z0-9-]*):([1-9][0-9]{0,3}(?:-[1-9])?)$")


def article_display(key: str) -> str:
    """'23' -> 第二十三条; '253-1' -> 第二百五十三条之一."""
    match = _ARTICLE_KEY.match(key)
    if not match:
        raise ValueError(f"bad article key {key!r}: expected a number such as 23 or 253-1")
    text = f"第{chinese_number(int(match.group(1)))}条"
    if match.group(2):
        text += f"之{chinese_number(int(match.group(2)))}"
    return text


def article_display_en(key: str) -> str:
    """'253-1' -> 'Art. 253-1'."""
    return f"Art. {key}"


@dataclass(frozen=True, slots=True)
class Citation:
    """One cited article, ready for a report: the act's name, the article, and its exact wording."""

    law: str
    article: str
    quote: str
    ref: str
    law_en: str = ""
    article_en: str = ""
    note: str | None = None
    effective: str | None = None  # ISO date the act took effect, as its own text states it


@dataclass(frozen=True, slots=True)
class Act:
    """One statute file's worth of cited articles."""

    id: str
    law: str
    law_en: str
    sources: tuple[str, ...]
    articles: Mapping[str, str]
    note: str | None
    path: str
    effective: str | None = None


class LegalLibrary:
    """All acts under clauses/legal, addressed by refs such as 'pipl:23' or 'criminal-law:253-1'."""

    def __init__(self, acts: Mapping[str, Act]) -> None:
        self._acts = dict(acts)

    @classmethod
    def load(cls, directory: Path) -> LegalLibrary:
        acts: dict[str, Act] = {}
        for path in sorted(Path(directory).glob("*.yaml")):
            act = _load_act(path)
            if act.id in acts:
                raise RuleFileError(
                    str(path), None, "id", f"act id {act.id!r} also defined in {acts[act.id].path}"
                )
            acts[act.id] = act
        if not acts:
            raise RuleFileError(str(directory), None, None, "no legal act files (*.yaml) found")
        return cls(acts)

    def acts(self) -> list[Act]:
        return list(self._acts.values())

    def has(self, ref: str) -> bool:
        match = _REF.match(ref)
        return (
            bool(match)
            and match.group(1) in self._acts
            and match.group(2) in self._acts[match.group(1)].articles
        )

    def cite(self, ref: str) -> Citation:
        """The citation for 'act:article'; an unknown act or article is a RuleFileError."""
        match = _REF.match(ref)
        if not match:
            raise RuleFileError("clauses/legal", None, "legal_basis", f"malformed legal reference {ref!r}")
        act = self._acts.get(match.group(1))
        if act is None:
            known = ", ".join(sorted(self._acts))
            raise RuleFileError(
                "clauses/legal", None, "legal_basis", f"unknown act in {ref!r} (known: {known})"
            )
        key = match.group(2)
        quote = act.articles.get(key)
        if quote is None:
            raise RuleFileError(
                act.path, None, "articles", f"article {key} of {act.id} is not in the library"
            )
        return Citation(
            law=act.law,
            article=article_display(key),
            quote=quote,
            ref=ref,
            law_en=act.law_en,
            article_en=article_display_en(key),
            note=act.note,
            effective=act.effective,
        )


def legal_basis(library: LegalLibrary, ref: str, lang: str) -> LegalBasis:
    """A finding's citation of `ref`, with the act's English name in an English report."""
    c = library.cite(ref)
    if lang == "en" and c.law_en:
        return LegalBasis(c.law_en, c.article_en or c.article, c.quote, c.ref)
    return LegalBasis(c.law, c.article, c.quote, c.ref)


def _load_act(path: Path) -> Act:
    where = str(path)
    try:
        data = read_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RuleFileError(where, None, None, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise RuleFileError(where, None, None, "expected a mapping with id, law, source and articles")
    for field in ("id", "law", "source", "articles"):
        if field not in data:
            raise RuleFileError(where, None, field, "missing")
    act_id = data["id"]
    if not isinstance(act_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", act_id):
        raise RuleFileError(
            where, None, "id", f"must be lower-case letters, digits and dashes, got {act_id!r}"
        )
    sources = data["source"]
    sources = (sources,) if isinstance(sources, str) else tuple(sources or ())
    if not sources or not all(isinstance(s, str) and s for s in sources):
        raise RuleFileError(where, None, "source", "must name the statute file(s) the quotes come from")
    articles = data["articles"]
    if not isinstance(articles, dict) or not articles:
        raise RuleFileError(where, None, "articles", "must be a non-empty mapping of article number to text")
    checked: dict[str, str] = {}
    for key, text in articles.items():
        key = str(key)
        if not _ARTICLE_KEY.match(key):
            raise RuleFileError(
                where, None, f"articles.{key}", "article keys are numbers such as 23 or 253-1"
            )
        if not isinstance(text, str) or not text.strip():
            raise RuleFileError(where, None, f"articles.{key}", "article text is empty")
        checked[key] = text.strip()
    for field in ("law", "law_en"):
        if field in data and not (isinstance(data[field], str) and data[field].strip()):
            raise RuleFileError(where, None, field, "must be a non-empty string")
    note = data.get("note")
    if note is not None and not isinstance(note, str):
        raise RuleFileError(where, None, "note", "must be a string")
    effective = data.get("effective")
    if effective is not None and not (
        isinstance(effective, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", effective)
    ):
        raise RuleFileError(where, None, "effective", "must be an ISO date such as 2021-11-01")
    return Act(
        effective=effective,
        id=act_id,
        law=data["law"],
        law_en=data.get("law_en", ""),
        sources=sources,
        articles=checked,
        note=note,
        path=where,
    )

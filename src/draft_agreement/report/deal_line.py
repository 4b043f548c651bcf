"""The deal in three short lines (kind, parties, governing law), read from a report's JSON form.

The JSON form is used so the parties' details are already masked as the report masks them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from draft_agreement.deal.vocabulary import load_vocabulary
from draft_agreement.report.labels import Labels


@cache
def _places() -> dict[str, dict[str, str]]:
    return {place.code: place.name for place in load_vocabulary().places}


def place_name(code: str | None, lang: str) -> str:
    """The jurisdiction's name in `lang` (clauses/deal/law.yaml), or the code itself."""
    if not code:
        return ""
    return _places().get(code, {}).get(lang, code)


def deal_lines(deal: dict[str, Any] | None, words: Labels) -> list[tuple[str, str]]:
    """(heading, text) pairs: the deal's kind, its parties, its governing law; none without a deal."""
    if not deal:
        return []
    sep = "；" if words.lang == "zh" else "; "
    kind = words.kind(deal.get("kind"))
    others = [words.kind(k) for k in deal.get("kinds") or () if k != deal.get("kind")]
    if others:
        kind += (
            f"（{words.word('also')}：{'、'.join(others)}）"
            if words.lang == "zh"
            else (f" ({words.word('also')}: {', '.join(others)})")
        )
    parties = []
    for party in deal.get("parties") or ():
        role = words.role(party.get("role"))
        name = party.get("name") or ""
        shown = " ".join(part for part in (party.get("label"), name) if part)
        if role and role != party.get("label") and party.get("role") != "party":
            shown += f"（{role}）" if words.lang == "zh" else f" ({role})"
        parties.append(shown)
    law = deal.get("governing_law") or {}
    stated = law.get("text") or place_name(law.get("jurisdiction"), words.lang)
    law_text = stated or words.word("no_law")
    if stated and law.get("clause"):
        law_text += (
            f"（{law['clause']}）" if words.lang == "zh" else f" ({words.word('clause')} {law['clause']})"
        )
    forum = place_name(law.get("forum_jurisdiction"), words.lang)
    if forum:
        law_text += (
            f"{sep}{words.word('forum')}：{forum}"
            if words.lang == "zh"
            else (f"{sep}{words.word('forum')}: {forum}")
        )
    lines = [(words.word("deal"), kind)]
    if parties:
        lines.append((words.word("parties"), sep.join(parties)))
    lines.append((words.word("law"), law_text))
    return lines

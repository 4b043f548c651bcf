"""Detect whether an agreement is Simplified Chinese, Traditional Chinese or English.

The language picks the rule pack, the explanation language and the replacement-clause language, so it
must be decided by the document's own text. Traditional is told from Simplified by counting characters
that exist in only one of the two scripts (OpenCC's character tables).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from draft_agreement import compiled
from draft_agreement.chinese import opencc_char_table, opencc_entries

_SAMPLE_CHARS = 200_000  # enough to decide; keeps detection cheap on huge files


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """Character map Traditional -> Simplified; one char to one char so offsets survive folding."""
    return opencc_char_table("TSCharacters.txt")


@lru_cache(maxsize=1)
def _simplified_only() -> frozenset[str]:
    """Simplified characters Traditional text never uses: not 干, a Traditional form of itself (若干), and
    not 群, the form Taiwan and Hong Kong write for OpenCC's 羣 (their variant tables)."""
    regional = {
        form
        for table in ("TWVariants.txt", "HKVariants.txt")
        for forms in opencc_entries(table).values()
        for form in forms
    }
    return frozenset(
        key
        for key, forms in opencc_entries("STCharacters.txt").items()
        if key not in forms and key not in regional
    )


_CJK_RUNS = compiled.pattern("[\u4e00-\u9fff\u3400-\u4dbf]+")
_LATIN_RUNS = compiled.pattern("[A-Za-z]+")


@lru_cache(maxsize=1)
def _deleting() -> tuple[dict[int, None], dict[int, None]]:
    """translate() tables deleting Traditional characters, and Simplified-only ones (counted by what
    translate removes: a C loop instead of a Python one per character)."""
    traditional = set(traditional_to_simplified())
    simplified = _simplified_only() - traditional
    return dict.fromkeys(map(ord, traditional)), dict.fromkeys(map(ord, simplified))


def detect_language(texts: Iterable[str]) -> str:
    """'zh-Hans', 'zh-Hant' or 'en' by the script most of the text is written in."""
    sample: list[str] = []
    seen = 0
    for text in texts:
        sample.append(text)
        seen += len(text)
        if seen > _SAMPLE_CHARS:
            break
    cjk_text = "".join(_CJK_RUNS.findall("\n".join(sample)))
    latin = sum(map(len, _LATIN_RUNS.findall("\n".join(sample))))
    cjk = len(cjk_text)
    drop_traditional, drop_simplified = _deleting()
    trad = cjk - len(cjk_text.translate(drop_traditional))
    simp = cjk - len(cjk_text.translate(drop_simplified))
    # A Chinese agreement quotes English names and amounts; one CJK character carries about
    # as much as a three-letter word, hence the weighting.
    if cjk == 0 or cjk * 3 < latin:
        return "en"
    return "zh-Hant" if trad > simp else "zh-Hans"


def simplified_only(text: str) -> str:
    """The characters of `text` written only in Simplified script (没, 们, 转), in order."""
    _, drop_simplified = _deleting()
    kept = text.translate(drop_simplified)
    if len(kept) == len(text):
        return ""
    return "".join(c for c in text if ord(c) in drop_simplified)

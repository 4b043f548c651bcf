"""Detect whether an agreement is Simplified Chinese, Traditional Chinese or English.

The language picks the rule pack, the explanation language and the replacement-clause language, so it
must be decided by the document's own text. Traditional is told from Simplified by counting characters
that exist in only one of the two scripts (OpenCC's character tables).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from draft_agreement.chinese import opencc_char_table

_SAMPLE_CHARS = 200_000  # enough to decide; keeps detection cheap on huge files


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[str, str]:
    """Character map Traditional -> Simplified; one char to one char so offsets survive folding."""
    return opencc_char_table("TSCharacters.txt")


@lru_cache(maxsize=1)
def _simplified_only() -> frozenset[str]:
    return frozenset(opencc_char_table("STCharacters.txt"))


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def detect_language(texts: Iterable[str]) -> str:
    """'zh-Hans', 'zh-Hant' or 'en' by the script most of the text is written in."""
    cjk = latin = trad = simp = 0
    seen = 0
    t2s = traditional_to_simplified()
    s_only = _simplified_only()
    for text in texts:
        for ch in text:
            if _is_cjk(ch):
                cjk += 1
                if ch in t2s:
                    trad += 1
                elif ch in s_only:
                    simp += 1
            elif ch.isascii() and ch.isalpha():
                latin += 1
        seen += len(text)
        if seen > _SAMPLE_CHARS:
            break
    # A Chinese agreement quotes English names and amounts; one CJK character carries about
    # as much as a three-letter word, hence the weighting.
    if cjk == 0 or cjk * 3 < latin:
        return "en"
    return "zh-Hant" if trad > simp else "zh-Hans"

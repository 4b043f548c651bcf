"""Chinese text helpers shared by every stage: OpenCC's character tables and Chinese numerals.

Only one-to-one character entries are kept: phrase conversion can change a text's length, and both
the matcher and the language detector need offsets that survive folding.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc

_DIGITS = "零一二三四五六七八九"


def opencc_dictionary(name: str) -> Path:
    return Path(opencc.__file__).parent / "dictionary" / name


@lru_cache(maxsize=8)
def opencc_entries(name: str) -> dict[str, tuple[str, ...]]:
    """Each one-character key of an OpenCC dictionary file with all its one-character candidates."""
    entries: dict[str, tuple[str, ...]] = {}
    for line in opencc_dictionary(name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        candidates = tuple(v for v in values.split(" ") if len(v) == 1)
        if len(key) == 1 and candidates:
            entries[key] = candidates
    return entries


@lru_cache(maxsize=8)
def opencc_char_table(name: str) -> dict[str, str]:
    """Character-to-character mappings of one OpenCC dictionary file (first candidate of each entry)."""
    return {key: first for key, (first, *_) in opencc_entries(name).items() if key != first}


def chinese_number(n: int) -> str:
    """1038 -> 一千零三十八, 10 -> 十, 110 -> 一百一十: the form statutes use in article headings."""
    if not 0 < n < 10000:
        raise ValueError(f"article number out of range: {n}")
    out: list[str] = []
    zero_pending = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero_pending = bool(out)
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        out.append(_DIGITS[digit] + unit)
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def parse_chinese_number(text: str) -> int:
    """Inverse of chinese_number for article headings (第一千零三十八条 -> 1038)."""
    total = 0
    digit = 0
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS.index(ch)
        elif ch in "千百十":
            total += (digit or 1) * {"千": 1000, "百": 100, "十": 10}[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit

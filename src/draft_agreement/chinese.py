"""OpenCC's character tables, read once, for every module that folds or detects Chinese scripts.

Only one-to-one character entries are kept: phrase conversion can change a text's length, and both
the matcher and the language detector need offsets that survive folding.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc


def opencc_dictionary(name: str) -> Path:
    return Path(opencc.__file__).parent / "dictionary" / name


@lru_cache(maxsize=8)
def opencc_char_table(name: str) -> dict[str, str]:
    """Character-to-character mappings of one OpenCC dictionary file (first candidate of each entry)."""
    path = opencc_dictionary(name)
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1 and key != first:
            table[key] = first
    return table

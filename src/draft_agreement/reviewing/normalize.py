"""Fold text into the one form rules are written in, keeping a map back to the user's characters.

Clauses arrive in full-width forms, Traditional characters, with stray spaces between Chinese characters
or odd Unicode spaces. Rules are written once, in NFKC, lower-case, Simplified Chinese with single spaces
between Latin words, and match all of those variants. Findings must still point at the original
characters, so every normalised character records the original span it came from.

Folding is per character (or per base character plus its combining marks): Traditional → Simplified uses
OpenCC's one-to-one character table, never its phrase table, because phrase conversion changes lengths
and would break the offset map.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from draft_agreement import compiled
from draft_agreement.chinese import opencc_char_table, opencc_dictionary

# Variant spellings that OpenCC's tables leave apart but that mean the same in a contract: 帐号/账号,
# 暱称/昵称, and curly quotes, so "Seller’s" matches a rule written as "seller's".
_EXTRA_FOLDS = {"帐": "账", "暱": "昵", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


class Normalized:
    """Normalised text plus, for each of its characters, the original span [start, end) it came from.

    The map is kept as segments (a stretch copied one-to-one, or one original cluster folded into
    several characters) and expanded into per-character arrays only when asked: most paragraphs never
    produce a finding, so never need it.
    """

    __slots__ = ("text", "original_length", "_segments", "_lists", "_arrays")

    def __init__(self, text: str, original_length: int, segments: list[tuple[int, int, int, bool]]) -> None:
        """``segments``: (normalised start, original start, original end, copied one-to-one), in order."""
        self.text = text
        self.original_length = original_length
        self._segments = segments
        self._lists: tuple[list[int], list[int], list[int], list[bool]] | None = None
        self._arrays: tuple[array, array] | None = None

    def _columns(self) -> tuple[list[int], list[int], list[int], list[bool]]:
        if self._lists is None:
            self._lists = (
                [seg[0] for seg in self._segments],
                [seg[1] for seg in self._segments],
                [seg[2] for seg in self._segments],
                [seg[3] for seg in self._segments],
            )
        return self._lists

    def _char(self, index: int) -> tuple[int, int]:
        norm, start, end, identity = self._columns()
        k = bisect_right(norm, index) - 1
        if identity[k]:
            first = start[k] + index - norm[k]
            return first, first + 1
        return start[k], end[k]

    @property
    def to_original(self) -> array:
        """Original start offset of each normalised character."""
        return self._expanded()[0]

    @property
    def to_original_end(self) -> array:
        """Original end offset (exclusive) of each normalised character."""
        return self._expanded()[1]

    def _expanded(self) -> tuple[array, array]:
        if self._arrays is None:
            starts, ends = array("l"), array("l")
            bounds = [*(seg[0] for seg in self._segments[1:]), len(self.text)] if self._segments else []
            for (norm, start, end, identity), stop in zip(self._segments, bounds, strict=True):
                count = stop - norm
                if identity:
                    starts.extend(_identity(start, start + count))
                    ends.extend(_identity(start + 1, start + count + 1))
                else:
                    starts.extend(array("l", (start,)) * count)
                    ends.extend(array("l", (end,)) * count)
            self._arrays = (starts, ends)
        return self._arrays

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering the normalised span [start, end)."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside normalised text of length {len(self.text)}")
        if start == end:
            pos = self._char(start)[0] if start < len(self.text) else self.original_length
            return pos, pos
        return self._char(start)[0], self._char(end - 1)[1]


@lru_cache(maxsize=1)
def _char_maps() -> tuple[dict[str, str], dict[str, str]]:
    """(regional variant → OpenCC standard, Traditional → Simplified), both character to character."""
    variants = {**opencc_char_table("HKVariantsRev.txt"), **opencc_char_table("TWVariantsRev.txt")}
    return variants, opencc_char_table("TSCharacters.txt")


@lru_cache(maxsize=65536)
def fold_cluster(cluster: str) -> str:
    """Fold one base character with its combining marks: NFKC, lower case, variants, Simplified."""
    variants, t2s = _char_maps()
    out = []
    for ch in unicodedata.normalize("NFKC", cluster).lower():
        if unicodedata.category(ch) == "Cf":
            continue
        ch = variants.get(ch, ch)
        ch = t2s.get(ch, ch)
        out.append(_EXTRA_FOLDS.get(ch, ch))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class _Tables:
    simple: dict[str, str]  # one-to-one folds
    changes: re.Pattern[str]  # any character with a one-to-one fold
    interesting: re.Pattern[str]  # any character that is folded, handled slowly, or whitespace
    slow: re.Pattern[str]  # any character that folds to several or none, a combining mark, or astral
    wide: re.Pattern[str]  # any East Asian wide character: spaces next to it vanish
    clusters: re.Pattern[str]  # the stretches the slow path folds cluster by cluster
    # Whitespace runs that do not stay as they are: all but a lone ASCII space between two narrow
    # characters (a run of two or more, other whitespace, at either end, or next to a wide character).
    loose_spaces: re.Pattern[str]


# Whitespace that is not a lone ASCII space between two characters.
_OTHER_WHITESPACE = "\t\n\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# A run holding a non-space whitespace character or two spaces, from its first character (a lone space
# at either end of the text is added separately).
_ODD_RUN = compiled.pattern(f"[{_OTHER_WHITESPACE}]\\s*| [ {_OTHER_WHITESPACE}]\\s*")
# Full-width punctuation found in almost every Chinese paragraph: str.replace is cheaper than a regex
# callback per character (the result is the same as folding them one by one).
_COMMON_FOLDS = (("，", ","), ("；", ";"), ("：", ":"), ("（", "("), ("）", ")"), ("？", "?"), ("！", "!"))
_SPACE = compiled.pattern(r"\s")
_SPACE_RUN = compiled.pattern(r"\s+")
# Every whitespace character except the ASCII space (an explicit class scans faster than [^\S ]).
_NON_SPACE_WHITESPACE = compiled.pattern(f"[{_OTHER_WHITESPACE}]")


def _is_simple(ch: str, folded: str) -> bool:
    return (
        len(folded) == 1
        and not folded.isspace()
        and not ch.isspace()
        and not unicodedata.category(ch).startswith("M")
    )


def _cache_file() -> Path:
    """Where the folding tables are kept between runs, keyed by everything they are derived from."""
    key = hashlib.sha256()
    key.update(Path(__file__).read_bytes())
    key.update(unicodedata.unidata_version.encode())
    for name in ("HKVariantsRev.txt", "TWVariantsRev.txt", "TSCharacters.txt"):
        key.update(str(opencc_dictionary(name).stat().st_size).encode())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "draft-agreement" / f"fold-{key.hexdigest()[:16]}.json"


def _table_sources() -> tuple[dict[str, str], list[str], list[str], list[str]]:
    """The folding tables' raw material, from the cache when its key matches (about 0.5 s saved per
    process); computing it walks the whole Basic Multilingual Plane."""
    try:
        cache = _cache_file()
    except OSError:
        return _compute_table_sources()
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        return data["simple"], data["special"], data["combining"], data["wide"]
    except (OSError, ValueError, KeyError, TypeError):
        pass
    sources = _compute_table_sources()
    simple, special, combining, wide = sources
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temp = cache.with_suffix(f".{os.getpid()}.tmp")
        temp.write_text(
            json.dumps({"simple": simple, "special": special, "combining": combining, "wide": wide}),
            encoding="utf-8",
        )
        os.replace(temp, cache)
    except OSError:
        pass  # a read-only home only costs the computation next time
    return sources


def _compute_table_sources() -> tuple[dict[str, str], list[str], list[str], list[str]]:
    variants, t2s = _char_maps()
    simple: dict[str, str] = {}
    special_chars: list[str] = []
    combining: list[str] = []
    wide: list[str] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        if _is_wide(ch):
            wide.append(ch)
        if unicodedata.category(ch).startswith("M"):
            combining.append(ch)
            continue
        if ch.isspace():
            continue
        if (
            unicodedata.is_normalized("NFKC", ch)
            and ch.lower() == ch
            and ch not in variants
            and ch not in t2s
            and ch not in _EXTRA_FOLDS
            and unicodedata.category(ch) != "Cf"
        ):
            continue  # cheap proof that the character folds to itself (most of the BMP)
        folded = fold_cluster(ch)
        if folded == ch:
            continue
        if _is_simple(ch, folded):
            simple[ch] = folded
        else:
            special_chars.append(ch)
    return simple, special_chars, combining, wide


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    simple, special_chars, combining, wide = _table_sources()
    comb = _char_class(combining)
    spec = _char_class(special_chars)
    wide_class = _char_class(wide)
    return _Tables(
        simple=simple,
        changes=compiled.pattern(f"[{_char_class(list(simple))}]"),
        interesting=compiled.pattern(f"[{_char_class(list(simple))}{spec}{comb}\\s\U00010000-\U0010ffff]"),
        slow=compiled.pattern(f"[{spec}{comb}\U00010000-\U0010ffff]"),
        wide=compiled.pattern(f"[{wide_class}]"),
        # A base with its combining marks (astral characters may be marks too), or a multi-char or
        # vanishing fold; whitespace is never a base.
        clusters=compiled.pattern(f"[^\\s]?[{comb}\U00010000-\U0010ffff]+|[{spec}]"),
        # Every alternative starts with whitespace, so the scan tests one class per character.
        loose_spaces=compiled.pattern(
            f"[^\\S ]\\s*|\\s{{2,}}| (?:(?<=\\A )|(?<=[{wide_class}] )|(?=[{wide_class}])|\\Z)"
        ),
    )


def _char_class(chars: list[str]) -> str:
    """A compact regex character class body (ranges of consecutive code points)."""
    parts: list[str] = []
    codes = sorted(ord(c) for c in chars)
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "".join(parts)


def _is_wide(ch: str) -> bool:
    """East Asian wide or full-width: no word spaces are needed next to such a character."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


_IDENTITY = array("l", range(4097))


def _identity(begin: int, end: int) -> array:
    """Offsets begin..end-1 as an array (sliced from a shared one: building from range() is slow)."""
    global _IDENTITY
    if end > len(_IDENTITY):
        _IDENTITY = array("l", range(2 * end))
    return _IDENTITY[begin:end]


def _has_odd_space(folded: str) -> bool:
    """True unless every whitespace character is a lone ASCII space inside the text."""
    return (
        folded[:1].isspace()
        or folded[-1:].isspace()
        or "  " in folded
        or _NON_SPACE_WHITESPACE.search(folded) is not None
    )


Stretch = tuple[int, int, bool]  # [start, end) of the folded text, and whether it is a whitespace run


def _odd_spaces(folded: str) -> list[Stretch]:
    """Whitespace runs other than a lone ASCII space between two characters."""
    if not _has_odd_space(folded):
        return []
    runs = [(m.start(), m.end(), True) for m in _ODD_RUN.finditer(folded)]
    last = len(folded)
    if folded[0] == " " and (not runs or runs[0][0] != 0):
        runs.insert(0, (0, 1, True))
    if folded[-1] == " " and (not runs or runs[-1][1] != last):
        runs.append((last - 1, last, True))
    return runs


def _space_runs(folded: str) -> list[Stretch]:
    """Every whitespace run (str.find when all of them are ASCII spaces: cheaper than a regex here)."""
    if _NON_SPACE_WHITESPACE.search(folded) is not None:
        return [(m.start(), m.end(), True) for m in _SPACE_RUN.finditer(folded)]
    runs: list[Stretch] = []
    last = len(folded)
    start = folded.find(" ")
    while start != -1:
        end = start + 1
        while end < last and folded[end] == " ":
            end += 1
        runs.append((start, end, True))
        start = folded.find(" ", end)
    return runs


def _specials(text: str) -> tuple[str, list[Stretch]]:
    """The one-to-one folded text and the stretches of it that need the slow path."""
    tables = _tables()
    if text.isascii():
        folded = text.lower()
        return folded, _odd_spaces(folded)
    folded = text
    for wide_form, narrow in _COMMON_FOLDS:
        if wide_form in folded:
            folded = folded.replace(wide_form, narrow)
    first = tables.interesting.search(folded)
    if first is None:
        return folded, []
    begin = first.start()
    if tables.changes.search(folded, begin) is not None:
        simple = tables.simple
        folded = tables.changes.sub(lambda m: simple[m.group()], folded)
    has_slow = tables.slow.search(folded, begin) is not None
    if not has_slow and (_SPACE.search(folded, begin) is None or tables.wide.search(folded) is None):
        return folded, _odd_spaces(folded)
    if not has_slow:  # only the runs that change: their neighbours are final here
        return folded, [(m.start(), m.end(), True) for m in tables.loose_spaces.finditer(folded)]
    # Every whitespace run goes to the slow path, which decides from its neighbours (folded clusters,
    # possibly wide or vanishing) whether it stays.
    runs = _space_runs(folded)
    clusters = [(m.start(), m.end(), False) for m in tables.clusters.finditer(folded)]
    return folded, sorted(runs + clusters)


def _spaces_only(folded: str, runs: list[Stretch]) -> Normalized:
    """The common slow case (a clause number before Chinese text): only whitespace runs to decide."""
    out: list[str] = []
    segments: list[tuple[int, int, int, bool]] = []
    length = pos = 0
    last = len(folded)
    for start, end, _ in runs:
        if start > pos:
            segments.append((length, pos, start, True))
            out.append(folded[pos:start])
            length += start - pos
        if start > 0 and end < last and not _is_wide(folded[start - 1]) and not _is_wide(folded[end]):
            segments.append((length, start, end, False))
            out.append(" ")
            length += 1
        pos = end
    if pos < last:
        segments.append((length, pos, last, True))
        out.append(folded[pos:])
    return Normalized("".join(out), last, segments)


def normalize(text: str) -> Normalized:
    """Fold ``text`` for matching; whitespace next to CJK vanishes, other whitespace runs become one space."""
    folded, specials = _specials(text)
    if not specials:
        return Normalized(folded, len(text), [(0, 0, len(text), True)])
    if all(is_space for _, _, is_space in specials):
        return _spaces_only(folded, specials)
    out: list[str] = []
    segments: list[tuple[int, int, int, bool]] = []
    length = 0
    pending_space: tuple[int, int] | None = None  # whitespace run waiting to see its right neighbour

    def emit(chunk: str, begin: int, finish: int | None) -> None:
        """Append ``chunk``; ``finish`` None means copied one-to-one from ``begin``."""
        nonlocal pending_space, length
        if not chunk:
            return
        if pending_space is not None:
            if out and not _is_wide(out[-1][-1]) and not _is_wide(chunk[0]):
                out.append(" ")
                segments.append((length, pending_space[0], pending_space[1], False))
                length += 1
            pending_space = None
        out.append(chunk)
        if finish is None:
            segments.append((length, begin, begin + len(chunk), True))
        else:
            segments.append((length, begin, finish, False))
        length += len(chunk)

    pos = 0
    for start, end, is_space in specials:
        emit(folded[pos:start], pos, None)
        if is_space:
            first = start if pending_space is None else pending_space[0]
            pending_space = (first, end)
        else:
            _emit_clusters(text, start, end, emit)
        pos = end
    emit(folded[pos:], pos, None)
    return Normalized("".join(out), len(text), segments)


def _emit_clusters(text: str, start: int, end: int, emit: Callable[[str, int, int | None], None]) -> None:
    """Fold the original characters in [start, end) cluster by cluster (base + combining marks)."""
    i = start
    while i < end:
        j = i + 1
        while j < end and unicodedata.category(text[j]).startswith("M"):
            j += 1
        emit(fold_cluster(text[i:j]), i, j)
        i = j


def fold(text: str) -> str:
    """Just the normalised text (for rule terms and other strings that need no offsets)."""
    return normalize(text).text


__all__ = ["Normalized", "fold", "fold_cluster", "normalize"]


def join_normalized(normalized: Iterable[str]) -> str:
    """normalize("\n".join(texts)).text, built from each text's normalize(text).text.

    A line break between two paragraphs is whitespace like any other: one space between two narrow
    characters, nothing next to a wide one, and an empty paragraph adds nothing. Review normalises
    each paragraph once and reuses the result for the document-level checks.
    """
    out: list[str] = []
    last = ""
    for text in normalized:
        if not text:
            continue
        if last and not _is_wide(last) and not _is_wide(text[0]):
            out.append(" ")
        out.append(text)
        last = text[-1]
    return "".join(out)

"""Clause labels typed into the text (第三条, 1.1, (a), 一、, Article 3) and the clause path they build.

Findings cite clauses by label, so a label must be a real heading, never the start of a sentence or an
amount: "2021年3月", "1.5万元", "3.5%", "Section 2 of this Agreement" and "第三条规定的" are not labels.
Numbers are trusted only when punctuation, spacing or what follows marks them as a label: a bare or
dotted number must not run straight into a unit (万, 元, %, 年...), a digit or, after a space, a lowercase
word; a bare integer (at most two digits) also needs a tab, a wide space, or a space before a capital or a
CJK character.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from draft_agreement import compiled

_SPACE = " \t\u3000\u00a0"
_DIGIT = "0-9０-９"
_CN_NUMERAL = "〇零一二两兩三四五六七八九十百千壹贰貳叁參肆伍陆陸柒捌玖拾佰仟"
# Characters that make a preceding number a quantity, not a label.
_UNITS = set("万萬亿億千百元圆圓角分%％‰倍个個年月日号號天周週时時小秒米吨噸克斤升度")
_UNITS |= set("份次名人户戶家件台臺辆輛页頁岁歲层層楼樓平亩畝")
# Words that make "第三条…" a reference ("第三条规定的…", "第三条至第五条") rather than a heading.
_REFERENCE_AFTER = ("规定", "規定", "约定", "約定", "所", "中", "之", "的", "项下", "項下", "第")
_REFERENCE_AFTER += ("和", "及", "与", "與", "或", "至", "到", "、", "款", "项", "項")

_ORDINAL_UNIT_KINDS = {
    "条": "article",
    "條": "article",
    "章": "chapter",
    "节": "cn-section",
    "節": "cn-section",
    "编": "part",
    "編": "part",
    "部分": "part",
}
_ENGLISH_KINDS = {
    "article": "article",
    "section": "section",
    "clause": "clause",
    "schedule": "schedule",
    "annex": "schedule",
    "appendix": "schedule",
    "exhibit": "schedule",
    "chapter": "chapter",
    "part": "part",
}

_ORDINAL_RE = compiled.pattern(
    rf"第[ \u3000]*(?:[{_DIGIT}]+|[{_CN_NUMERAL}]+)[ \u3000]*(部分|条|條|章|节|節|编|編)"
)
_ANNEX_RE = compiled.pattern(
    rf"附(?:件|录|錄|表)[ \u3000]*(?:[{_DIGIT}]{{1,3}}|[{_CN_NUMERAL}]+|[A-Z])(?![{_DIGIT}])"
)
_ENGLISH_RE = compiled.pattern(
    r"(ARTICLE|Article|SECTION|Section|CLAUSE|Clause|SCHEDULE|Schedule|ANNEX|Annex|APPENDIX|Appendix"
    r"|EXHIBIT|Exhibit|CHAPTER|Chapter|PART|Part)[ \u00a0]+(\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,7}|[A-Z])(?!\w)"
)
_PAREN_RE = compiled.pattern(
    rf"[(（][ \u3000]*([{_DIGIT}]{{1,3}}|[{_CN_NUMERAL}]+|[a-zA-Z]{{1,5}})[ \u3000]*[)）]"
)
_DUN_RE = compiled.pattern(rf"[{_CN_NUMERAL}]+[、．.]")
_LETTER_RE = compiled.pattern(r"([a-zA-Z]{1,5})([.)）])")
_DECIMAL_RE = compiled.pattern(rf"[{_DIGIT}]{{1,3}}((?:[.．][{_DIGIT}]{{1,3}}){{0,5}})(?![{_DIGIT}])")
_ROMAN_RE = compiled.pattern(r"x{0,3}(?:ix|iv|v?i{0,3})")
_CIRCLED = (
    {chr(c) for c in range(0x2460, 0x2474)}
    | {chr(c) for c in range(0x3251, 0x3260)}
    | {chr(c) for c in range(0x32B1, 0x32C0)}
)
_PAREN_DIGITS = {chr(c) for c in range(0x2474, 0x2488)}
_FULLSTOP_DIGITS = {chr(c) for c in range(0x2488, 0x249C)}
_OPENERS = "“‘\"'「『《〈【（(["


@dataclass(frozen=True)
class LiteralLabel:
    """A clause label written at the start of a paragraph's text."""

    text: str  # as written, e.g. "第三条", "1.1", "(a)", "（一）", "一、", "Article 3"
    kind: str  # stable name for the hierarchy: "article", "decimal-2", "paren-alpha", "cn-dun"...
    end: int  # offset just after the label and the spaces or colon that follow it


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _skip(text: str, pos: int, chars: str) -> int:
    while pos < len(text) and text[pos] in chars:
        pos += 1
    return pos


def _label_end(text: str, pos: int) -> int:
    return _skip(text, pos, _SPACE + "：:")


def _number_follows_ok(text: str, pos: int, *, direct: bool, allow_end: bool, lone: bool = False) -> bool:
    """Whether what follows a number at `pos` makes it a label rather than a quantity or a date.

    `direct`: the label may run straight into a CJK character or a capital; `lone`: a bare integer,
    which after a single space needs a capital or a CJK character to count.
    """
    after = _skip(text, pos, _SPACE)
    if after == len(text):
        return allow_end
    gap = text[pos:after]
    ch = text[after]
    if ch in _UNITS or ch.isdigit():
        return False
    if not gap:
        return direct and (_is_cjk(ch) or ch.isupper() or ch in _OPENERS)
    if lone and gap == " " and not (ch.isupper() or _is_cjk(ch)):
        return False
    return not ch.islower()


def _letter_follows_ok(text: str, pos: int) -> bool:
    """After "a." or "iv)": a space (then any word), a CJK character or an opening quote; never "A.B"."""
    after = _skip(text, pos, _SPACE)
    if after == len(text):
        return True
    ch = text[after]
    if ch.isdigit():
        return False
    return after > pos or _is_cjk(ch) or ch in _OPENERS


def _letters_case(letters: str) -> str | None:
    """Family of the letters in "(a)", "iv)": roman/ROMAN for a numeral in i, v, x; alpha/ALPHA for a, aa."""
    upper = letters.isupper()
    if not (upper or letters.islower()):
        return None
    lower = letters.lower()
    if _ROMAN_RE.fullmatch(lower):
        return "ROMAN" if upper else "roman"
    if len(set(lower)) == 1 and len(lower) <= 2:
        return "ALPHA" if upper else "alpha"
    return None


def _paren(text: str, start: int) -> LiteralLabel | None:
    m = _PAREN_RE.match(text, start)
    if m is None:
        return None
    inner = m.group(1)
    if inner[0] in _CN_NUMERAL:
        kind: str | None = "cn-paren"
    elif inner[0].isdigit():
        kind = "paren-decimal"
    else:
        case = _letters_case(inner)
        kind = f"paren-{case}" if case else None
    if kind is None:
        return None
    return LiteralLabel(m.group(0), kind, _label_end(text, m.end()))


def _ordinal(text: str, start: int) -> LiteralLabel | None:
    m = _ORDINAL_RE.match(text, start)
    if m is None:
        return None
    after = text[m.end() :]
    if after.startswith(_REFERENCE_AFTER):
        return None
    return LiteralLabel(m.group(0), _ORDINAL_UNIT_KINDS[m.group(1)], _label_end(text, m.end()))


def _annex(text: str, start: int) -> LiteralLabel | None:
    m = _ANNEX_RE.match(text, start)
    if m is None or text[m.end() :].startswith(_REFERENCE_AFTER):
        return None
    return LiteralLabel(m.group(0), "schedule", _label_end(text, m.end()))


def _english(text: str, start: int) -> LiteralLabel | None:
    m = _ENGLISH_RE.match(text, start)
    if m is None:
        return None
    after = _skip(text, m.end(), _SPACE + ".:-–—")
    if after < len(text) and not (text[after].isupper() or _is_cjk(text[after]) or text[after] in _OPENERS):
        return None
    return LiteralLabel(
        m.group(0), _ENGLISH_KINDS[m.group(1).lower()], _label_end(text, _skip(text, m.end(), "."))
    )


def _decimal(text: str, start: int) -> LiteralLabel | None:
    m = _DECIMAL_RE.match(text, start)
    if m is None:
        return None
    depth = 1 + m.group(1).count(".") + m.group(1).count("．")
    end = m.end()
    tail = text[end : end + 1]
    if tail == "、":
        if end + 1 < len(text) and text[end + 1].isdigit():
            return None
        return LiteralLabel(text[start : end + 1], f"decimal-{depth}", _label_end(text, end + 1))
    if tail and tail in ".．":
        if not _number_follows_ok(text, end + 1, direct=True, allow_end=True):
            return None
        return LiteralLabel(text[start : end + 1], f"decimal-{depth}", _label_end(text, end + 1))
    if tail and tail in ")）":
        if depth > 1 or not _number_follows_ok(text, end + 1, direct=True, allow_end=True):
            return None
        return LiteralLabel(text[start : end + 1], "decimal-rparen", _label_end(text, end + 1))
    if depth == 1 and end - start > 2:
        return None  # "123 Main Street": a bare number of three digits is an address or an amount
    if not _number_follows_ok(text, end, direct=depth > 1, allow_end=False, lone=depth == 1):
        return None
    return LiteralLabel(text[start:end], f"decimal-{depth}", _label_end(text, end))


def _dun(text: str, start: int) -> LiteralLabel | None:
    m = _DUN_RE.match(text, start)
    if m is None or (m.end() < len(text) and text[m.end()].isdigit()):
        return None
    return LiteralLabel(m.group(0), "cn-dun", _label_end(text, m.end()))


def _letter(text: str, start: int) -> LiteralLabel | None:
    m = _LETTER_RE.match(text, start)
    if m is None:
        return None
    case = _letters_case(m.group(1))
    if case is None or not _letter_follows_ok(text, m.end()):
        return None
    suffix = "dot" if m.group(2) == "." else "rparen"
    return LiteralLabel(m.group(0), f"{case}-{suffix}", _label_end(text, m.end()))


def _symbol(text: str, start: int) -> LiteralLabel | None:
    ch = text[start]
    if ch in _CIRCLED:
        kind = "circled"
    elif ch in _PAREN_DIGITS:
        kind = "paren-decimal"
    elif ch in _FULLSTOP_DIGITS:
        kind = "decimal-1"
    else:
        return None
    return LiteralLabel(ch, kind, _label_end(text, start + 1))


_READERS = (_ordinal, _annex, _english, _paren, _symbol, _decimal, _dun, _letter)


def literal_label(text: str) -> LiteralLabel | None:
    """The label at the start of `text` (after leading spaces), or None when the paragraph has none."""
    start = _skip(text, 0, _SPACE)
    if start == len(text):
        return None
    for read in _READERS:
        found = read(text, start)
        if found is not None:
            return found
    return None


# --- clause path ------------------------------------------------------------------------------------

# Kinds with a fixed place in the hierarchy, outermost first; every other kind nests below them.
_RANK = {"schedule": 0, "part": 1, "chapter": 2, "cn-section": 3, "article": 4, "section": 5, "clause": 6}
_DECIMAL = compiled.pattern(r"decimal-(\d+)")
_AUTO = compiled.pattern(r"auto-(\d+)")
_RENDERED_DECIMAL = compiled.pattern(rf"[{_DIGIT}]+((?:[.．][{_DIGIT}]+)*)[.．、)）]?")
_AMBIGUOUS_ROMAN = {"i": "h", "v": "u", "x": "w"}


class _Entry(NamedTuple):
    label: str
    kind: str
    rank: int | None  # fixed rank, also for an automatic label that reads as 第一章, Article 2...
    decimal: int | None  # dot depth, also for an automatic label that reads as 1.1
    auto: int | None  # list level of an automatic label


def _level(pattern: re.Pattern[str], kind: str) -> int | None:
    m = pattern.fullmatch(kind)
    return int(m.group(1)) if m else None


@lru_cache(maxsize=256)
def _kind_levels(kind: str) -> tuple[int | None, int | None]:
    """(list level of an automatic kind, dot depth of a decimal kind): a few kinds, asked per paragraph."""
    return _level(_AUTO, kind), _level(_DECIMAL, kind)


@lru_cache(maxsize=8192)
def _entry(label: str, kind: str) -> _Entry:
    auto, decimal = _kind_levels(kind)
    if auto is None:
        return _Entry(label, kind, _RANK.get(kind), decimal, None)
    # An automatic label is placed by what it reads as, too: Word-numbered "第一章" is a chapter and
    # "1.1" has depth 2. Its text is exactly a label, so no quantity check applies. A plain decimal
    # (the common case, and unique per paragraph) reads as no ranked kind, so it skips the readers.
    numbered = _RENDERED_DECIMAL.fullmatch(label.strip())
    if numbered:
        dots = numbered.group(1)
        return _Entry(label, kind, None, 1 + dots.count(".") + dots.count("．"), auto)
    literal = literal_label(label)
    return _Entry(label, kind, _RANK.get(literal.kind) if literal else None, None, auto)


def _letters_of(label: str) -> str:
    return "".join(ch for ch in label if ch.isascii() and ch.isalpha())


class ClausePathTracker:
    """Feed paragraphs of one story in order; returns the label path each paragraph sits under.

    A kind already on the stack pops back to it and replaces it (a sibling); a new kind nests. Fixed
    ranks put 附件/Schedule > Part > 第一章 > 第一节 > 第一条/Article > Section > Clause above everything
    else. Decimal labels nest by dot depth and automatic labels by list level, so 1.1 sits under 1 even
    when an (a) came between; an automatic label also counts as the literal label it reads as (第一章 is a
    chapter, 1.1 has depth 2), so Word-numbered and typed labels share one hierarchy.
    A lone (i), (v) or (x) right after (h), (u) or (w) continues the letter list instead of starting a
    roman one. The returned path includes the paragraph's own label.
    """

    def __init__(self) -> None:
        self._stack: list[_Entry] = []
        self._path: tuple[str, ...] = ()  # the labels of the stack, kept in step with it

    def feed(self, label: str | None, kind: str | None) -> tuple[str, ...]:
        if label is not None:
            if kind is None:
                raise ValueError("a label needs its kind")
            entry = _entry(label, self._disambiguate(label, kind))
            self._place(entry)  # only ever truncates the stack
            self._path = (*self._path[: len(self._stack)], entry.label)
            self._stack.append(entry)
        return self._path

    def _disambiguate(self, label: str, kind: str) -> str:
        previous = _AMBIGUOUS_ROMAN.get(_letters_of(label).lower())
        if previous is None or "roman" not in kind.lower():
            return kind
        alpha = kind.replace("roman", "alpha").replace("ROMAN", "ALPHA")
        for entry in self._stack:
            if entry.kind == alpha and _letters_of(entry.label).lower() == previous:
                return alpha
        return kind

    def _place(self, new: _Entry) -> None:
        """Pop the stack to where `new` belongs."""
        stack = self._stack
        for i, entry in enumerate(stack):
            if entry.kind == new.kind:
                del stack[i:]
                return
        if new.rank is not None:
            for i, entry in enumerate(stack):
                if entry.rank is None or entry.rank >= new.rank:
                    del stack[i:]
                    return
            return
        if new.decimal is not None and new.auto is None:
            self._nest(new.decimal, lambda entry: entry.decimal)
        elif new.decimal is not None:
            # Among automatic labels the list level rules ("1.0" then "1.1"); dot depth only places
            # an automatic label against typed decimals.
            self._nest(new.decimal, lambda entry: entry.decimal if entry.auto is None else None)
        if new.auto is not None:
            self._nest(new.auto, lambda entry: entry.auto)

    def _nest(self, level: int, level_of: Callable[[_Entry], int | None]) -> None:
        """Pop to just below the deepest entry of a shallower level, or to the first of the same or deeper."""
        stack = self._stack
        parent = None
        for i, entry in enumerate(stack):
            other = level_of(entry)
            if other is None:
                continue
            if other >= level:
                del stack[i:]
                return
            parent = i
        if parent is not None:
            del stack[parent + 1 :]

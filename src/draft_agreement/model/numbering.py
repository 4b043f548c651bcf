"""Word's automatic list numbers (numbering.xml), rendered as Word shows them in the current view.

A paragraph's clause number often lives only in numbering.xml ("第一条" is nowhere in the text), so the
review needs Word's own rendering to cite clauses. Facts this module follows, with where they come from:

* Counters belong to the list's abstractNum (after w:numStyleLink indirection), so every w:num that
  points at one abstractNum continues the same sequence, as Word does. A w:num with a
  w:lvlOverride/w:startOverride restarts that level at the override value the first time the num is
  used at that level; later paragraphs of any num of the same list continue from there.
* A level that was never reached shows its start value minus one: Word's familiar "1.0.1" when a
  level-3 heading follows a level-1 heading directly. Lower levels restart whenever a higher level
  advances, unless w:lvlRestart says otherwise (0 = never).
* Paragraphs whose mark is deleted (w:pPr/w:rPr/w:del or w:moveFrom), or that sit in a deleted table
  row, are not paragraphs of the current view: accepting merges their surviving text into the next
  paragraph, which keeps its own properties (RP005, RP007 and RP048 with their -Accepted siblings in the
  Open-XML-PowerTools corpus), and FA/RevTracking/002 deletes whole numbered items that way. They get no
  label and do not advance any counter. w:pPrChange is history; only the current w:pPr counts.
* Word renders cardinalText, ordinalText and ordinal in the paragraph's language; this renderer always
  uses English (agreements here are Chinese or English, and Chinese lists use the CJK formats).
* Formats follow Word's output for the LIR files of the Open-XML-PowerTools corpus, whose test suite
  compared them with Word: chineseCounting writes 100 and up digit by digit with "○",
  chineseCountingThousand uses 十/百/千 with one "〇" for a gap of zeros, letters repeat (AA, BBB) and
  restart after 780, ideographTraditional and decimalEnclosedCircle fall back to decimal past 癸 and ⑳.
  Other enclosed and ideographic formats fall back the same way, as does any number beyond a format's
  range. taiwaneseCounting (not in the corpus) is rendered like chineseCountingThousand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from draft_agreement.model.paragraph_props import ParagraphProps, paragraph_props
from draft_agreement.ooxml import MC_NS, W_DEL, W_MOVEFROM, W_PPR, W_TC, W_TR, W_VAL, decimal_number, w

MAX_LEVELS = 9

_W_NUMPR = w("numPr")
_W_NUMID = w("numId")
_W_ILVL = w("ilvl")
_W_PSTYLE = w("pStyle")
_W_STYLE = w("style")
_W_STYLEID = w("styleId")
_W_TYPE = w("type")
_W_DEFAULT = w("default")
_W_BASEDON = w("basedOn")
_W_NUM = w("num")
_W_ABSTRACTNUM = w("abstractNum")
_W_ABSTRACTNUMID = w("abstractNumId")
_W_NUMSTYLELINK = w("numStyleLink")
_W_MULTILEVELTYPE = w("multiLevelType")
_W_LVL = w("lvl")
_W_LVLOVERRIDE = w("lvlOverride")
_W_STARTOVERRIDE = w("startOverride")
_W_START = w("start")
_W_NUMFMT = w("numFmt")
_W_LVLTEXT = w("lvlText")
_W_LVLRESTART = w("lvlRestart")
_W_ISLGL = w("isLgl")
_W_FORMAT = w("format")
_W_TRPR = w("trPr")
_MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
_MC_CHOICE = f"{{{MC_NS}}}Choice"
_MC_FALLBACK = f"{{{MC_NS}}}Fallback"
_FALSE = {"0", "false", "off"}
_PLACEHOLDER = re.compile(r"%([1-9])")
_ZERO_PADDED = re.compile(r"0+[1-9]")
# A 100,000-character w:lvlText would be repeated in every numbered paragraph: a 4 KB file made a
# 2 GB report. Word itself shows at most 31 characters of a level's text once its numbers are filled
# in ([MS-OI29500] 2.1.283); the template is read up to 255, which no real one comes near.
_MAX_LABEL = 31
_MAX_LVLTEXT = 255
_MAX_PAD = 9  # Word offers 001 to 00001; a longer "custom" width would only pad labels with zeros
# Formats that legal numbering (w:isLgl) keeps; every other format is shown as decimal.
_LEGAL_KEEPS = {"decimal", "decimalZero", "custom"}


@dataclass(frozen=True)
class ListLabel:
    """An automatic list number as Word shows it, without the tab or space that follows it."""

    text: str
    level: int
    num_id: str


# --- number formats ---------------------------------------------------------------------------------

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_UNITS = (
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ORDINAL_WORDS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}
_CN_DIGITS = "〇一二三四五六七八九"
_CN_UNITS = ("千", "百", "十", "")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _roman(n: int) -> str | None:
    if n // 1000 > _MAX_LABEL:  # a w:start of 2**31 would be 2 million Ms; Word shows 31 characters
        return None
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _letters(n: int, alphabet: str) -> str:
    # Word repeats the letter (AA, BBB...) and starts over after 780 = 26 x 30.
    m = (n - 1) % 780
    return alphabet[m % 26] * (m // 26 + 1)


def _english_under_1000(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = [_UNITS[hundreds], "hundred"] if hundreds else []
    if rest >= 20:
        words.append(_TENS[rest // 10] + (f"-{_UNITS[rest % 10]}" if rest % 10 else ""))
    elif rest:
        words.append(_UNITS[rest])
    return words


def _cardinal_words(n: int) -> list[str]:
    thousands, rest = divmod(n, 1000)
    words = [*_english_under_1000(thousands), "thousand"] if thousands else []
    return words + _english_under_1000(rest)


def _ordinal_word(word: str) -> str:
    head, _, last = word.rpartition("-")
    if last in _ORDINAL_WORDS:
        last = _ORDINAL_WORDS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last


def _capitalised(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _cardinal_text(n: int) -> str | None:
    return _capitalised(_cardinal_words(n)) if n < 1_000_000 else None


def _ordinal_text(n: int) -> str | None:
    if n >= 1_000_000:
        return None
    words = _cardinal_words(n)
    return _capitalised([*words[:-1], _ordinal_word(words[-1])])


def _ordinal_suffix(n: int) -> str:
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _chinese_counting(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return "".join("○" if c == "0" else _CN_DIGITS[int(c)] for c in str(n))


def _chinese_thousand(n: int) -> str:
    out: list[str] = []
    gap = False
    for digit, unit in zip(f"{n:04d}", _CN_UNITS, strict=True):
        d = int(digit)
        if d == 0:
            gap = bool(out)
            continue
        if gap:
            out.append("〇")
            gap = False
        leading_ten = not out and unit == "十" and d == 1  # 十, 十一... never 一十 at the start
        out.append(unit if leading_ten else _CN_DIGITS[d] + unit)
    return "".join(out)


def _japanese_counting(n: int) -> str:
    out = []
    for digit, unit in zip(f"{n:04d}", _CN_UNITS, strict=True):
        d = int(digit)
        if d:
            out.append(("" if d == 1 and unit else _CN_DIGITS[d]) + unit)
    return "".join(out)


def _enclosed(first: int, last: int) -> Callable[[int], str | None]:
    return lambda n: chr(first + n - 1) if n <= last else None


def _sequence(symbols: str) -> Callable[[int], str | None]:
    return lambda n: symbols[n - 1] if n <= len(symbols) else None


# Each returns None when the value is outside what the format can show; the caller falls back to decimal.
_FORMATS: dict[str, Callable[[int], str | None]] = {
    "upperRoman": _roman,
    "lowerRoman": lambda n: numeral.lower() if (numeral := _roman(n)) else None,
    "upperLetter": lambda n: _letters(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"),
    "lowerLetter": lambda n: _letters(n, "abcdefghijklmnopqrstuvwxyz"),
    "ordinal": _ordinal_suffix,
    "cardinalText": _cardinal_text,
    "ordinalText": _ordinal_text,
    "chineseCounting": lambda n: _chinese_counting(n) if n < 10_000 else None,
    "chineseCountingThousand": lambda n: _chinese_thousand(n) if n < 10_000 else None,
    "taiwaneseCounting": lambda n: _chinese_thousand(n) if n < 10_000 else None,
    "japaneseCounting": lambda n: _japanese_counting(n) if n < 10_000 else None,
    "ideographDigital": lambda n: "".join(_CN_DIGITS[int(c)] for c in str(n)),
    "ideographTraditional": _sequence(_STEMS),
    "ideographZodiac": _sequence(_BRANCHES),
    "decimalEnclosedCircle": _enclosed(0x2460, 20),
    "decimalEnclosedCircleChinese": _enclosed(0x2460, 20),
    "decimalEnclosedFullstop": _enclosed(0x2488, 20),
    "decimalEnclosedParen": _enclosed(0x2474, 20),
    "decimalFullWidth": lambda n: str(n).translate(_FULL_WIDTH),
    "decimalFullWidth2": lambda n: str(n).translate(_FULL_WIDTH),
}


def format_number(value: int, fmt: str, pad: int = 0) -> str:
    """One level's number in one w:numFmt; `pad` is the width of a w14 custom "001, 002, ..." format."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt == "decimalZero":
        return f"{value:02d}" if value >= 0 else str(value)
    if fmt == "custom":
        return f"{value:0{pad}d}" if value >= 0 else str(value)
    render = _FORMATS.get(fmt)
    if render is None or value <= 0:
        return str(value)
    text = render(value)
    return str(value) if text is None else text


# --- numbering definitions --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    fmt: str
    pad: int
    template: tuple[str | int, ...] | None  # lvlText split into literals and 0-based level references
    start: int
    restart: int | None
    legal: bool
    style: str | None


@dataclass(frozen=True)
class _List:
    key: str  # counter identity: the abstractNum whose levels are used
    levels: tuple[_Level | None, ...]
    start_overrides: dict[int, int]
    single_level: bool


def _val(el: etree._Element | None) -> str | None:
    return None if el is None else el.get(W_VAL)


def _int(text: str | None, default: int | None) -> int | None:
    number = decimal_number(text)
    return default if number is None else number


def _template(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(text):
        if m.start() > pos:
            parts.append(text[pos : m.start()])
        parts.append(int(m.group(1)) - 1)
        pos = m.end()
    if pos < len(text):
        parts.append(text[pos:])
    return tuple(parts)


def _num_fmt(lvl: etree._Element) -> tuple[str, int]:
    """The level's format; a w14 custom zero-padded format where understood, else the mc:Fallback."""
    el = lvl.find(_W_NUMFMT)
    if el is None:
        alternate = lvl.find(_MC_ALTERNATE)
        if alternate is not None:
            for choice in alternate.iter(_MC_CHOICE):
                custom = choice.find(_W_NUMFMT)
                if custom is not None and _val(custom) == "custom":
                    first = (custom.get(_W_FORMAT) or "").split(",")[0].strip()
                    if _ZERO_PADDED.fullmatch(first) and len(first) <= _MAX_PAD:
                        return "custom", len(first)
            el = alternate.find(f"{_MC_FALLBACK}/{_W_NUMFMT}")
    return (_val(el) or "decimal"), 0


def _level(lvl: etree._Element) -> _Level:
    fmt, pad = _num_fmt(lvl)
    text = _val(lvl.find(_W_LVLTEXT))
    legal_el = lvl.find(_W_ISLGL)
    return _Level(
        fmt=fmt,
        pad=pad,
        template=None if text is None else _template(text[:_MAX_LVLTEXT]),
        start=_int(_val(lvl.find(_W_START)), 0) or 0,
        restart=_int(_val(lvl.find(_W_LVLRESTART)), None),
        legal=legal_el is not None and (_val(legal_el) or "true") not in _FALSE,
        style=_val(lvl.find(_W_PSTYLE)),
    )


def _levels_by_index(parent: etree._Element) -> dict[int, etree._Element]:
    found: dict[int, etree._Element] = {}
    for lvl in parent.iterfind(_W_LVL):
        ilvl = _int(lvl.get(_W_ILVL), None)
        if ilvl is not None and 0 <= ilvl < MAX_LEVELS:
            found.setdefault(ilvl, lvl)
    return found


class _Definitions:
    """numbering.xml and styles.xml indexed once, with resolved lists cached per numId."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.nums: dict[str, etree._Element] = {}
        self.abstracts: dict[str, etree._Element] = {}
        if numbering is not None:
            for el in numbering.iterfind(_W_NUM):
                self.nums.setdefault(el.get(_W_NUMID) or "", el)
            for el in numbering.iterfind(_W_ABSTRACTNUM):
                self.abstracts.setdefault(el.get(_W_ABSTRACTNUMID) or "", el)
        self.styles: dict[str, etree._Element] = {}
        self.default_style: str | None = None
        if styles is not None:
            for el in styles.iterfind(_W_STYLE):
                sid = el.get(_W_STYLEID)
                if sid is None:
                    continue
                self.styles.setdefault(sid, el)
                if (
                    self.default_style is None
                    and el.get(_W_TYPE) == "paragraph"
                    and (el.get(_W_DEFAULT) or "0") not in _FALSE
                ):
                    self.default_style = sid
        self._lists: dict[str, _List | None] = {}
        self._style_numbering: dict[str, tuple[str | None, int | None]] = {}

    def style_numbering(self, style_id: str) -> tuple[str | None, int | None]:
        """numId and ilvl a paragraph style gives, each inherited separately along w:basedOn."""
        cached = self._style_numbering.get(style_id)
        if cached is not None:
            return cached
        num_id: str | None = None
        ilvl: int | None = None
        seen: set[str] = set()
        sid: str | None = style_id
        while sid is not None and sid not in seen and (num_id is None or ilvl is None):
            seen.add(sid)
            style = self.styles.get(sid)
            if style is None:
                break
            num_pr = style.find(f"{W_PPR}/{_W_NUMPR}")
            if num_pr is not None:
                if num_id is None:
                    num_id = _val(num_pr.find(_W_NUMID))
                if ilvl is None:
                    ilvl = _int(_val(num_pr.find(_W_ILVL)), None)
            sid = _val(style.find(_W_BASEDON))
        result = (num_id, ilvl)
        self._style_numbering[style_id] = result
        return result

    def list_for(self, num_id: str) -> _List | None:
        if num_id not in self._lists:
            self._lists[num_id] = self._resolve(num_id)
        return self._lists[num_id]

    def _style_num(self, style_id: str) -> etree._Element | None:
        style = self.styles.get(style_id)
        num_id = _val(style.find(f"{W_PPR}/{_W_NUMPR}/{_W_NUMID}")) if style is not None else None
        return self.nums.get(num_id) if num_id is not None else None

    def _resolve(self, num_id: str) -> _List | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract_id = _val(num.find(_W_ABSTRACTNUMID)) or ""
        abstract = self.abstracts.get(abstract_id)
        if abstract is None:
            return None
        override_nums = [num]
        seen = {abstract_id}
        # w:numStyleLink: the levels live in the abstractNum of the numbering style's own w:num.
        while (link := _val(abstract.find(_W_NUMSTYLELINK))) is not None:
            linked_num = self._style_num(link)
            linked_id = _val(linked_num.find(_W_ABSTRACTNUMID)) if linked_num is not None else None
            if (
                linked_num is None
                or linked_id is None
                or linked_id in seen
                or linked_id not in self.abstracts
            ):
                break
            seen.add(linked_id)
            override_nums.append(linked_num)
            abstract_id, abstract = linked_id, self.abstracts[linked_id]

        elements = _levels_by_index(abstract)
        start_overrides: dict[int, int] = {}
        for source in reversed(override_nums):  # the paragraph's own num wins over linked ones
            for override in source.iterfind(_W_LVLOVERRIDE):
                ilvl = _int(override.get(_W_ILVL), None)
                if ilvl is None or not 0 <= ilvl < MAX_LEVELS:
                    continue
                replacement = override.find(_W_LVL)
                if replacement is not None:
                    elements[ilvl] = replacement
                start = _int(_val(override.find(_W_STARTOVERRIDE)), None)
                if start is not None:
                    start_overrides[ilvl] = start
        levels: list[_Level | None] = []
        for ilvl in range(MAX_LEVELS):
            el = elements.get(ilvl)
            # A missing level borrows the nearest defined level above it.
            levels.append(_level(el) if el is not None else (levels[-1] if levels else None))
        return _List(
            key=abstract_id,
            levels=tuple(levels),
            start_overrides=start_overrides,
            single_level=_val(abstract.find(_W_MULTILEVELTYPE)) == "singleLevel",
        )


def _in_deleted_container(p: etree._Element) -> bool:
    """A paragraph inside a deleted table row, or a block-level w:del / w:moveFrom, is not in the view."""
    parent = p.getparent()
    if parent is None:
        return False
    tag = parent.tag
    if tag in (W_DEL, W_MOVEFROM):
        return True
    if tag == W_TC:
        row = parent.getparent()
        if row is not None and row.tag == W_TR:
            trpr = row[0] if len(row) and row[0].tag == _W_TRPR else row.find(_W_TRPR)
            return trpr is not None and trpr.find(W_DEL) is not None
    return False


class NumberingRenderer:
    """Renders the automatic number of each paragraph of one story, in document order.

    One renderer per story: counters live in the instance, one set per abstractNum, so w:num instances
    of the same abstractNum share a sequence unless a startOverride restarts it (see the module notes).
    Definitions and style lookups are cached per numId and style, so a paragraph costs a few dictionary
    look-ups. label() returns None for unnumbered paragraphs and for levels that render to nothing
    (numFmt none, empty lvlText); such levels still advance their counter.
    """

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._defs = _Definitions(numbering, styles)
        self._counters: dict[str, list[int | None]] = {}
        self._used_overrides: set[tuple[str, int]] = set()

    def label(self, p: etree._Element, props: ParagraphProps | None = None) -> ListLabel | None:
        """Called once per w:p of one story, in document order; advances the counters."""
        style_id, num_id, ilvl_text, mark, _ = props or paragraph_props(p)
        if mark == "deleted" or _in_deleted_container(p):
            return None
        defs = self._defs
        style_id = style_id or defs.default_style
        style_num, style_ilvl = defs.style_numbering(style_id) if style_id else (None, None)
        if num_id is None:
            num_id = style_num
        if num_id is None or num_id == "0":
            return None
        lst = defs.list_for(num_id)
        if lst is None:
            return None
        ilvl = _int(ilvl_text, style_ilvl)
        if ilvl is None:
            ilvl = next((i for i, lv in enumerate(lst.levels) if lv is not None and lv.style == style_id), 0)
        ilvl = 0 if lst.single_level else min(max(ilvl, 0), MAX_LEVELS - 1)
        level = lst.levels[ilvl]
        if level is None:
            return None
        counters = self._advance(num_id, lst, ilvl, level)
        if level.template is None or level.fmt == "bullet":
            text = "".join(part for part in level.template or () if isinstance(part, str))
        else:
            text = self._render(lst, level, counters)
        return ListLabel(text, ilvl, num_id) if text else None

    def _advance(self, num_id: str, lst: _List, ilvl: int, level: _Level) -> list[int | None]:
        """Step the list's counter at `ilvl` (or apply a first-use startOverride) and reset deeper levels."""
        counters = self._counters.setdefault(lst.key, [None] * MAX_LEVELS)
        override = lst.start_overrides.get(ilvl)
        if override is not None and (num_id, ilvl) not in self._used_overrides:
            self._used_overrides.add((num_id, ilvl))
            counters[ilvl] = override
        else:
            current = counters[ilvl]
            counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            lv = lst.levels[deeper]
            restart_after = deeper if lv is None or lv.restart is None else lv.restart
            if ilvl < restart_after:
                counters[deeper] = None
        return counters

    @staticmethod
    def _render(lst: _List, level: _Level, counters: list[int | None]) -> str:
        """Fill lvlText; a level never reached shows start - 1, and isLgl turns other levels decimal."""
        out = []
        for part in level.template or ():
            if isinstance(part, str):
                out.append(part)
                continue
            ref = lst.levels[part]
            value = counters[part]
            if value is None:
                value = (ref.start if ref is not None else 0) - 1
            fmt, pad = (ref.fmt, ref.pad) if ref is not None else ("decimal", 0)
            if level.legal and fmt not in _LEGAL_KEEPS:
                fmt = "decimal"
            out.append(format_number(value, fmt, pad))
        return "".join(out)

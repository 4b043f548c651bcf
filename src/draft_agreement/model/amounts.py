"""Money and dates as agreements write them, read and written back.

Drafting must restate a price the way a Chinese contract does (人民币伍拾万元整) and a signing date in
the document's own style, and the Context must read both back from any of the usual spellings. Chinese
financial capitals (大写金额) follow the PBOC rules 《正确填写票据和结算凭证的基本规定》: 壹拾 keeps its
壹, inner runs of zeros are written as one 零, a zero units digit before 角 and a zero 角 before 分 are
written as 零, 整 follows 元 and is not written after 分.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from draft_agreement import compiled

DateStyle = Literal["zh", "zh-numeral", "en", "en-US"]

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL_UNITS = ("", "拾", "佰", "仟")
_LIMIT = Decimal(10) ** 16  # up to 玖仟玖佰玖拾玖万…亿: one 亿, its count written with 万

# Digit and unit characters accepted when reading, capitals and everyday numerals alike.
_DIGIT_VALUES = {ch: i for i, ch in enumerate(_DIGITS)} | {
    ch: i
    for i, chars in enumerate(("〇○", "一", "二两貮", "三参", "四", "五", "六", "七", "八", "九"))
    for ch in chars
}
_UNIT_VALUES = {"拾": 10, "十": 10, "佰": 100, "百": 100, "仟": 1000, "千": 1000}

# Full-width ASCII and the Traditional forms of the characters money and dates are written with; one
# character to one, so a match in the folded text is a match at the same offsets in the original.
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | str.maketrans(
    "萬億圓貳參陸幣歐鎊臺門國華\u3000", "万亿圆贰叁陆币欧镑台门国华 "
)

_MULTIPLIERS = {
    word: 10**exponent
    for exponent, words in (
        (3, "千|thousand|k"),
        (4, "万"),
        (6, "百万|million|mn|m"),
        (7, "千万"),
        (8, "亿"),
        (9, "billion|bn"),
        (12, "万亿"),
    )
    for word in words.split("|")
}
# Currency words and symbols (English words in lower case) and the ISO 4217 code each names.
_CURRENCIES = {
    word: code
    for code, words in (
        ("CNY", "人民币|RMB|CNY|¥|￥|元|圆|块|yuan"),
        ("USD", "美元|美金|USD|US$|$|dollar|dollars|us dollar|us dollars"),
        ("HKD", "港币|港元|HKD|HK$|hong kong dollar|hong kong dollars"),
        ("TWD", "新台币|台币|TWD|NTD|NT$"),
        ("EUR", "欧元|EUR|€|euro|euros"),
        ("GBP", "英镑|GBP|£"),
        ("JPY", "日元|JPY"),
        ("MOP", "澳门元|澳门币|MOP"),
        ("SGD", "新加坡元|新币|SGD|S$|singapore dollar|singapore dollars"),
        ("AUD", "澳元|AUD|A$|australian dollar|australian dollars"),
        ("CAD", "加元|CAD|C$|canadian dollar|canadian dollars"),
        ("AED", "迪拉姆|AED|dirham|dirhams"),
    )
    for word in words.split("|")
}
_CODES = r"RMB|CNY|USD|HKD|TWD|NTD|EUR|GBP|JPY|MOP|SGD|AUD|CAD|AED"
_PREFIX = (
    rf"人民币|新台币|台币|美元|美金|港币|港元|欧元|英镑|日元|澳门元|澳门币|新加坡元|澳元|加元"
    rf"|US\$|HK\$|NT\$|(?<![A-Za-z])[SAC]\$|(?<![A-Za-z])(?:{_CODES})|[¥￥$€£]"
)
_FOREIGN_SUFFIX = "美元|港币|港元|欧元|英镑|日元|澳门元|澳门币|新加坡元|新币|澳元|加元|迪拉姆"
_SUFFIX = (
    rf"{_FOREIGN_SUFFIX}|元|圆|块"
    rf"|(?i:(?:hong\s+kong\s+|us\s+|singapore\s+|australian\s+|canadian\s+)?dollars?|yuan|euros?|dirhams?)"
    rf"(?![A-Za-z])|(?:{_CODES})(?![A-Za-z])"
)
_CN_DIGIT = "零〇壹贰叁参肆伍陆柒捌玖一二两三四五六七八九"
_CN_NUMERAL = _CN_DIGIT + "拾佰仟十百千万亿"
_AMOUNT = compiled.pattern(
    rf"""(?=[\d{_CN_DIGIT}十拾人新台美港欧英日澳加迪USHKNTRCEGJMDA¥￥$€£])  # cheap first-character test
    (?:(?P<pre>{_PREFIX})\s*)?
    (?:
        (?P<num>(?<![\d.,])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)
        (?:\s*(?P<cnmult>万亿|千万|百万|亿|万|千)|\s*(?P<enmult>(?i:thousand|million|billion))(?![A-Za-z])
           |(?P<abbr>(?i:mn|bn|m|k))(?![A-Za-z]))?
        (?:\s*(?P<suf>{_SUFFIX}))?
      | (?P<cn>[{_CN_DIGIT}十拾][{_CN_NUMERAL}]*)(?P<cnsuf>{_FOREIGN_SUFFIX}|元|圆)
        (?P<frac>(?:[零〇]?[{_CN_DIGIT}]角)?(?:[零〇]?[{_CN_DIGIT}]分)?)
      | (?P<cents>[壹贰叁肆伍陆柒捌玖]角(?:零?[壹贰叁肆伍陆柒捌玖]分)?|[壹贰叁肆伍陆柒捌玖]分)
    )
    (?:\s*(?P<whole>[整正]))?""",
    re.VERBOSE,
)

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = (
    r"(?P<mon>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?))\.?"
)
_ORDINAL = r"(?i:st|nd|rd|th)?"
_CN_YEAR_DIGIT = "〇○零一二三四五六七八九"
# Each pattern opens with a lookahead on its possible first characters: most positions of a long text
# then fail on one character test instead of on every optional group.
_DATE_PATTERNS = (
    compiled.pattern(
        r"(?=[中民\d])(?P<roc>(?:中华)?民国)?\s*(?<!\d)(?P<y>\d{2,4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
    ),
    compiled.pattern(
        rf"(?=[中民{_CN_YEAR_DIGIT}十百])(?P<roc>(?:中华)?民国)?(?P<y>[{_CN_YEAR_DIGIT}]{{4}}|[{_CN_YEAR_DIGIT}十百]{{2,5}})\s*年\s*"
        r"(?P<m>[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>[一二三四五六七八九十廿卅]{1,4})\s*[日号]"
    ),
    compiled.pattern(
        r"(?=\d)(?<![\d.])(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d.])"
    ),
    compiled.pattern(
        rf"(?=[JFMASONDjfmasond])(?<![A-Za-z]){_MONTH}\s+(?P<d>\d{{1,2}}){_ORDINAL},?\s+(?P<y>\d{{4}})(?!\d)"
    ),
    compiled.pattern(
        rf"(?=\d)(?<!\d)(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:(?i:day)\s+(?i:of)\s+)?{_MONTH},?\s+(?P<y>\d{{4}})(?!\d)"
    ),
)
_CN_SMALL = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Amount:
    """A sum of money found in the text: exact value, ISO 4217 currency, and the words as written."""

    value: Decimal
    currency: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"value": str(self.value), "currency": self.currency, "text": self.text}


@dataclass(frozen=True)
class DateMention:
    """A calendar date found in the text, as ISO yyyy-mm-dd plus the span it was written in."""

    iso: str
    text: str
    start: int
    end: int


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _section(n: int) -> str:
    """Capitals for 1..9999, with one 零 for each inner run of zeros."""
    out = ""
    gap = False
    for pos in (3, 2, 1, 0):
        digit = n // 10**pos % 10
        if digit == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += _DIGITS[digit] + _SMALL_UNITS[pos]
    return out


def _below_yi(n: int) -> str:
    """Capitals for 1..99999999: 壹拾万柒仟, 壹万零伍."""
    high, low = divmod(n, 10**4)
    if not high:
        return _section(low)
    tail = ("零" if low < 1000 else "") + _section(low) if low else ""
    return _section(high) + "万" + tail


def _integer_capital(n: int) -> str:
    """Above 亿 the count of 亿 is itself written with 万 (壹万零壹亿), as banks write it."""
    high, low = divmod(n, 10**8)
    if not high:
        return _below_yi(low)
    tail = ("零" if low < 10**7 else "") + _below_yi(low) if low else ""
    return _below_yi(high) + "亿" + tail


def to_chinese_capital(amount: Decimal | int) -> str:
    """Write yuan in financial capitals: 500000 -> 伍拾万元整, 1234.56 -> 壹仟贰佰叁拾肆元伍角陆分."""
    value = Decimal(amount)
    if not value.is_finite() or value < 0 or value >= _LIMIT:
        raise ValueError(f"amount out of range for Chinese capitals: {amount}")
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"Chinese capitals stop at 分 (two decimals): {amount}")
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "零元整"
    out = _integer_capital(yuan) + "元" if yuan else ""
    if jiao == 0 and fen == 0:
        return out + "整"
    if yuan and (yuan % 10 == 0 or jiao == 0):
        out += "零"
    if jiao:
        out += _DIGITS[jiao] + "角"
    if fen:
        out += _DIGITS[fen] + "分"
    return out


def _parse_integer(text: str) -> int:
    """Read 壹拾万零伍 / 五十万 / 两千 as an integer; raise ValueError on anything malformed."""
    total = wan = section = 0
    digit: int | None = None
    last_unit = 10**4  # small units within a section must descend
    after_zero = False
    for ch in text:
        if ch in _DIGIT_VALUES:
            value = _DIGIT_VALUES[ch]
            if digit:
                raise ValueError(f"two digits without a unit in {text!r}")
            after_zero = after_zero or value == 0
            digit = value
        elif ch in _UNIT_VALUES:
            unit = _UNIT_VALUES[ch]
            if unit >= last_unit or digit == 0:
                raise ValueError(f"misplaced unit {ch!r} in {text!r}")
            section += (1 if digit is None else digit) * unit
            last_unit, digit, after_zero = unit, None, False
        elif ch == "万":
            if wan or not (section or digit):
                raise ValueError(f"misplaced 万 in {text!r}")
            wan = (section + (digit or 0)) * 10**4
            section, digit, last_unit, after_zero = 0, None, 10**4, False
        elif ch == "亿":
            if total or not (wan or section or digit):
                raise ValueError(f"misplaced 亿 in {text!r}")
            total = (wan + section + (digit or 0)) * 10**8
            wan = section = 0
            digit, last_unit, after_zero = None, 10**4, False
        else:
            raise ValueError(f"not a Chinese numeral: {ch!r} in {text!r}")
    # A bare final digit is the ones digit only right after 拾 or on its own; 壹佰伍 and 壹万伍 are
    # colloquial for 150 and 15000 and never valid in capitals, so refuse rather than guess.
    ones_place = last_unit == 10 or (last_unit == 10**4 and not (wan or total))
    if digit and not after_zero and not ones_place:
        raise ValueError(f"trailing digit needs 零 or a unit in {text!r}")
    return total + wan + section + (digit or 0)


def parse_chinese_capital(text: str) -> Decimal:
    """Read financial capitals (or everyday numerals) back: 伍拾万元整 -> 500000, 壹拾元零伍分 -> 10.05."""
    rest = re.sub(r"\s+", "", _fold(text))
    if not rest:
        raise ValueError("empty amount")
    rest = rest.removesuffix("整").removesuffix("正")
    fractions = {"角": 0, "分": 0}
    for unit in ("分", "角"):
        if rest.endswith(unit) and len(rest) >= 2 and rest[-2] in _DIGIT_VALUES:
            fractions[unit] = _DIGIT_VALUES[rest[-2]]
            rest = rest[:-2].rstrip("零〇")
    had_fraction = fractions["角"] or fractions["分"]
    rest = rest.removesuffix("元").removesuffix("圆")
    if not rest and not had_fraction:
        raise ValueError(f"not an amount: {text!r}")
    yuan = _parse_integer(rest) if rest else 0
    return Decimal(f"{yuan}.{fractions['角']}{fractions['分']}") if had_fraction else Decimal(yuan)


def _tidy(value: Decimal) -> Decimal:
    """500000.00 and 5E+5 both print as 500000; non-integers keep only significant decimals."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _currency(*tokens: str | None) -> str | None:
    """The first currency named other than a bare 元 (美元4万元 is dollars); 元 alone means CNY."""
    found = [_CURRENCIES.get(t if t.isupper() or not t.isascii() else t.lower()) for t in tokens if t]
    found = [c for c in found if c]
    foreign = [c for c in found if c != "CNY"]
    return foreign[0] if foreign else (found[0] if found else None)


def _amount(match: re.Match[str], original: str) -> Amount | None:
    if match.group("cents"):
        if not match.group("pre"):
            return None  # 壹分 alone is too weak a signal without 人民币 in front
        value = parse_chinese_capital(match.group("cents"))
        currency = _currency(match.group("pre"))
    elif match.group("cn"):
        try:
            value = parse_chinese_capital(match.group("cn") + "元" + match.group("frac"))
        except ValueError:
            return None
        currency = _currency(match.group("pre"), match.group("cnsuf"))
    else:
        if not (match.group("pre") or match.group("suf")):
            return None
        value = Decimal(match.group("num").replace(",", ""))
        multiplier = match.group("cnmult") or match.group("enmult") or match.group("abbr")
        if multiplier:
            value *= _MULTIPLIERS[multiplier.lower() if multiplier.isascii() else multiplier]
        suffix = re.sub(r"\s+", " ", match.group("suf") or "") or None
        currency = _currency(match.group("pre"), suffix)
    if currency is None or value >= _LIMIT:
        return None  # beyond any price: an ID or account number written after a currency word
    return Amount(_tidy(value), currency, original[match.start() : match.end()])


def find_amounts(text: str) -> Iterator[Amount]:
    """Every sum of money in `text` that names a currency (人民币, 元, RMB, $, 美元, ...)."""
    folded = _fold(text)
    for match in _AMOUNT.finditer(folded):
        amount = _amount(match, text)
        if amount is not None:
            yield amount


def parse_amount(text: str) -> Amount | None:
    """The amount `text` consists of ("RMB 500,000", "伍拾万元整"), or None if it is not exactly one."""
    stripped = text.strip()
    match = _AMOUNT.fullmatch(_fold(stripped))
    return _amount(match, stripped) if match else None


def _cn_int(text: str) -> int:
    """二〇一九 digit by digit; 二十二 / 一百零八 / 廿三 positionally."""
    text = text.replace("廿", "二十").replace("卅", "三十")
    if not any(u in text for u in "十百"):
        return int("".join(str(_DIGIT_VALUES[ch]) for ch in text))
    return _parse_integer(text)


def _date_from(match: re.Match[str]) -> date | None:
    try:
        groups = match.groupdict()
        year, day = groups["y"], groups["d"]
        year_n = int(year) if year.isdigit() else _cn_int(year)
        day_n = int(day) if day.isdigit() else _cn_int(day)
        if groups.get("mon"):
            month_n = next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(groups["mon"][:3].lower()))
        else:
            month = groups["m"]
            month_n = int(month) if month.isdigit() else _cn_int(month)
        if groups.get("roc"):
            year_n += 1911
        elif year_n < 1000:
            return None  # a two-digit year is ambiguous outside the ROC calendar
        return date(year_n, month_n, day_n)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMention]:
    """Valid calendar dates written in Chinese, Chinese numerals, ISO-like or English form, in text order."""
    folded = _fold(text)
    found: list[DateMention] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(folded):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            if any(m.start < match.end() and start < m.end for m in found):
                continue
            when = _date_from(match)
            if when is not None:
                found.append(DateMention(when.isoformat(), text[start : match.end()], start, match.end()))
    return sorted(found, key=lambda m: m.start)


def parse_date(text: str) -> str | None:
    """ISO yyyy-mm-dd for a string that is exactly one date, else None."""
    stripped = text.strip()
    mentions = find_dates(stripped)
    if len(mentions) == 1 and mentions[0].text == stripped:
        return mentions[0].iso
    return None


def _cn_small(n: int) -> str:
    """1..31 the way dates write them: 九, 十, 十二, 二十, 二十二, 三十一."""
    tens, ones = divmod(n, 10)
    return ("" if tens <= 1 else _CN_SMALL[tens]) + ("十" if tens else "") + (_CN_SMALL[ones] if ones else "")


def format_date(iso: str, style: DateStyle = "zh") -> str:
    """2019-09-22 as 2019年9月22日 (zh), 二〇一九年九月二十二日 (zh-numeral), 22 September 2019 (en) or
    September 22, 2019 (en-US)."""
    when = date.fromisoformat(iso)
    month_name = _MONTHS[when.month - 1].capitalize()
    if style == "zh":
        return f"{when.year}年{when.month}月{when.day}日"
    if style == "zh-numeral":
        year = "".join(_CN_SMALL[int(d)] for d in str(when.year))
        return f"{year}年{_cn_small(when.month)}月{_cn_small(when.day)}日"
    if style == "en":
        return f"{when.day} {month_name} {when.year}"
    if style == "en-US":
        return f"{month_name} {when.day}, {when.year}"
    raise ValueError(f"unknown date style {style!r}; expected zh, zh-numeral, en or en-US")

"""Find third parties' identifiers in paragraph text, with real validation rather than digit-count guesses.

A contract is full of long numbers (contract numbers, amounts, dates, order numbers), so a shape alone
proves nothing. Every candidate found by the single regex pass is validated: resident IDs by the
GB 11643 check digit, a real birth date and a real province code; mobiles by ``phonenumbers``; bank
cards by Luhn and a card-network prefix. Candidates must also be whole digit runs, never a slice of a
longer number. Full-width digits (common in Chinese drafting) are read like ASCII ones.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from stdnum import luhn, numdb
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from draft_agreement import compiled
from draft_agreement.reviewing.foreign_ids import foreign_phones, is_hkid, is_nric, is_ssn, is_tw_id

RESIDENT_ID = "resident-id"
MOBILE = "mobile"
BANK_CARD = "bank-card"
EMAIL = "email"
NATIONAL_ID = "national-id"  # HKID, Taiwan ID, NRIC, SSN (foreign_ids.py)
PHONE = "phone"  # a phone outside the mainland: with a country code, or a Taiwan mobile

_FULLWIDTH = "０１２３４５６７８９Ｘｘ"
_TO_ASCII = str.maketrans(_FULLWIDTH, "0123456789Xx")

_D = "[0-9０-９]"
_X = "[XxＸｘ]"
_ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
# What people put between digit groups: spaces of every width (NBSP, thin, figure, ideographic),
# hyphens and dashes (ASCII, Unicode, non-breaking, full-width, minus) and dots. A grouped number
# uses one separator throughout (a back-reference), so "138 1234-5678" is not one number.
_SPACES = "\u0020\u00a0\u2007\u2009\u202f\u3000"
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212\uff0d"
_DOTS = ".\uff0e"
_SEP = f"[{_SPACES}{_DASHES}{_DOTS}]"
_JOINERS = f"[{_DASHES}{_DOTS},]"  # what joins a number to another in codes, amounts and dates
# Invisible format characters (zero-width spaces and joiners, soft hyphen, word joiner, BOM, bidi
# marks) are skipped while matching, so "110101\u200b1990…" reads as the digits Word shows.
_INVISIBLE = compiled.pattern(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# A candidate is a whole run: no digit or letter on either side, and no decimal point, thousands
# separator or hyphen joining it to another number (amounts like 13812345678.00, codes like 2021-...).
_LEFT = rf"(?<![{_ALNUM}])(?<!{_D}{_JOINERS})"
_RIGHT = rf"(?![{_ALNUM}])(?!{_JOINERS}{_D})"
# Grouped forms must not be the tail or head of a longer group sequence either.
_LEFT_GROUPED = _LEFT + rf"(?<!{_D}{_SEP})"
_RIGHT_GROUPED = _RIGHT + rf"(?!{_SEP}{_D})"
# A resident ID, whose check digit makes a chance match rare, may run into letters ("ID…号"), never
# into other digits.
_LEFT_GLUED = rf"(?<![0-9０-９])(?<!{_D}{_JOINERS})"
_RIGHT_GLUED = rf"(?![0-9０-９])(?!{_JOINERS}{_D})"
_CN_PREFIX = rf"(?:(?:[+＋]|00)?86{_SEP}?)?"
_DOMAIN_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"

_EMAIL = (
    rf"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@(?:{_DOMAIN_LABEL}\.)+[A-Za-z]{{2,}}(?![A-Za-z0-9-])"
)
_ID_TAIL = rf"{_D}{{3}}(?:{_D}|{_X})"
_ID_GROUPED = rf"{_D}{{6}}(?P<id_sep>{_SEP})(?:{_D}{{8}}|{_D}{{4}}(?P=id_sep){_D}{{4}})(?P=id_sep){_ID_TAIL}"
_CARD_GROUPED = (
    rf"{_D}{{4}}(?P<card_sep>{_SEP})(?:{_D}{{4}}(?P=card_sep)){{2}}{_D}{{4}}(?:(?P=card_sep){_D}{{1,3}})?"
)
_MOBILE_GROUPED = rf"{_CN_PREFIX}[1１]{_D}{{2}}(?P<mobile_sep>{_SEP}){_D}{{4}}(?P=mobile_sep){_D}{{4}}"
# Cheap gate tried at every position before the alternatives: a digit, a "+", or the start of a word
# that reaches an "@". It makes the pass about three times faster on ordinary prose.
_GATE = r"(?=[0-9０-９+＋]|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@)"
_CANDIDATES = compiled.pattern(
    _GATE
    + "(?:"
    + "|".join(
        (
            rf"(?P<email>{_EMAIL})",
            rf"{_LEFT_GROUPED}(?P<id_grouped>{_ID_GROUPED}){_RIGHT_GROUPED}",
            rf"{_LEFT_GROUPED}(?P<card_grouped>{_CARD_GROUPED}){_RIGHT_GROUPED}",
            rf"{_LEFT_GROUPED}(?P<mobile_grouped>{_MOBILE_GROUPED}){_RIGHT_GROUPED}",
            rf"{_LEFT}(?P<mobile>{_CN_PREFIX}[1１]{_D}{{10}}){_RIGHT}",
            rf"{_LEFT}(?P<run>{_D}{{17}}{_X}|{_D}{{15,19}}){_RIGHT}",
            rf"{_LEFT_GLUED}(?P<id_glued>{_D}{{17}}(?:{_D}|{_X})){_RIGHT_GLUED}",
        )
    )
    + ")"
)
_TRIGGER = compiled.pattern("[0-9０-９@]")
_FOREIGN_TRIGGER = compiled.pattern(r"[A-Z][0-9]|[0-9]-[0-9]{2}-|[+＋][0-9]|09[0-9]")
_FOREIGN_ID = compiled.pattern(
    r"(?<![0-9A-Za-z])(?:(?P<hkid>[A-Z]{1,2}[0-9]{6} ?\([0-9A]\))|(?P<tw>[A-Z][1289][0-9]{8})"
    r"|(?P<nric>[STFG][0-9]{7}[A-Z])|(?P<ssn>[0-9]{3}-[0-9]{2}-[0-9]{4}))(?![0-9A-Za-z])"
)
_FOREIGN_CHECK = {"hkid": is_hkid, "tw": is_tw_id, "nric": is_nric, "ssn": is_ssn}


@dataclass(frozen=True)
class Detection:
    """One validated identifier; ``start``/``end`` index the text given to :func:`detect`."""

    kind: str
    start: int
    end: int
    value: str


def detect(text: str) -> list[Detection]:
    """Every validated identifier in ``text``, sorted by start and never overlapping."""
    if not _TRIGGER.search(text):
        return []
    if not _INVISIBLE.search(text):
        return _detect_visible(text)
    # Match on the text without its invisible characters, then map the spans back: each detection's
    # value is the original slice, invisible characters included, so masking keeps offsets.
    kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    found = []
    for d in _detect_visible("".join(text[i] for i in kept)):
        start, end = kept[d.start], kept[d.end - 1] + 1
        found.append(Detection(d.kind, start, end, text[start:end]))
    return found


def _detect_visible(text: str) -> list[Detection]:
    found: list[Detection] = []
    for match in _CANDIDATES.finditer(text):
        group = match.lastgroup  # the outermost named group: which alternative matched
        if group is None:
            continue
        kind = _classify(group, match[group])
        if kind:
            found.append(Detection(kind, match.start(group), match.end(group), match[group]))
    if _FOREIGN_TRIGGER.search(text):
        found = _with_foreign(text, found)
    return found


def _with_foreign(text: str, found: list[Detection]) -> list[Detection]:
    """`found` and the foreign IDs and phones that overlap none of it, sorted by start."""
    extra = [
        Detection(NATIONAL_ID, m.start(), m.end(), m.group())
        for m in _FOREIGN_ID.finditer(text)
        if _FOREIGN_CHECK[m.lastgroup or ""](m.group())
    ]
    extra += [Detection(PHONE, start, end, text[start:end]) for start, end in foreign_phones(text)]
    for d in sorted(extra, key=lambda d: d.start):
        if not any(d.start < f.end and f.start < d.end for f in found):
            found.append(d)
    return sorted(found, key=lambda d: d.start)


def _classify(group: str, value: str) -> str | None:
    if group == "email":
        return EMAIL
    digits = "".join(ch for ch in value.translate(_TO_ASCII) if ch.isascii() and ch.isalnum()).upper()
    if group in ("mobile", "mobile_grouped"):
        return MOBILE if is_cn_mobile(digits) else None
    if group in ("id_grouped", "id_glued"):
        return RESIDENT_ID if is_resident_id(digits) else None
    if group == "card_grouped":
        return BANK_CARD if is_bank_card(digits) else None
    if len(digits) == 15:
        return RESIDENT_ID if is_old_resident_id(digits) else None
    if len(digits) == 18 and is_resident_id(digits):
        return RESIDENT_ID
    return BANK_CARD if is_bank_card(digits) else None


def is_resident_id(number: str) -> bool:
    """GB 11643 check digit, a real past birth date and a real province code.

    stdnum's full ``validate`` also demands that the county code existed in the birth year, which
    rejects genuine numbers of people born before their county was (re)coded, so it is not used.
    """
    if len(number) != 18 or not number[:17].isdigit():
        return False
    try:
        if number[-1] != ric.calc_check_digit(number):
            return False
        born = ric.get_birth_date(number)
    except ValidationError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= datetime.date.today():
        return False
    return _real_province(number)


def is_old_resident_id(number: str) -> bool:
    """A first-generation 15-digit ID (issued until 2004): a real province and a real 19YYMMDD birth date.

    It has no check digit, so the date and the province are all there is to validate.
    """
    if len(number) != 15 or not number.isdigit():
        return False
    try:
        datetime.date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    except ValueError:
        return False
    return _real_province(number)


def _real_province(number: str) -> bool:
    return any("province" in props for _, props in _provinces().info(number[:6]))


@lru_cache(maxsize=1)
def _provinces() -> numdb.NumDB:
    """stdnum's region-code database, read on the first ID-number candidate (35 ms; most files have none)."""
    return numdb.get("cn/loc")


def is_cn_mobile(digits: str) -> bool:
    """A mainland mobile number (optionally with the 86 country code) that phonenumbers accepts."""
    national = digits[-11:]
    if len(national) != 11 or not national.startswith("1"):
        return False
    parsed = phonenumbers.parse(national, "CN")
    return phonenumbers.is_valid_number_for_region(parsed, "CN") and phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def is_bank_card(digits: str) -> bool:
    """16-19 Luhn-valid digits with a payment-card prefix, and not a resident ID.

    Luhn alone passes one random number in ten; requiring a card-network prefix (UnionPay, Visa,
    Mastercard, JCB, legacy domestic 9-series) keeps order numbers that start with a year out.
    """
    if not (digits.isdigit() and 16 <= len(digits) <= 19) or not luhn.is_valid(digits):
        return False
    if len(digits) == 18 and is_resident_id(digits):
        return False
    return digits[0] in "34569" or "2221" <= digits[:4] <= "2720"


_PARTY_ROLE = compiled.pattern(
    r"^\s*(?:甲方|乙方|丙方|丁方|转让方|受让方|轉讓方|受讓方|出让方|出讓方|出卖人|出賣人|买受人|買受人|委托方|受托方|"
    r"授权方|被授权方|party\s*[a-d]\b|seller|buyer|vendor|purchaser|transferor|transferee|assignor|assignee|"
    r"licensor|licensee|discloser|recipient|employer|employee|landlord|tenant|lessor|lessee)",
    re.IGNORECASE,
)
_PERSON_ZH = compiled.pattern(
    "姓名|客[户戶]|好友|昵称|暱稱|联系人|聯絡人|会员|會員|粉[丝絲]|患者|学员|學員|学生|[顾顧]客|家[长長]|被保险人|投保人"
)
_IDENT_ZH = compiled.pattern(
    "手[机機]|[电電][话話]|身份[证證]|[证證]件|微信[号號]|地址|住址|病[历歷]|[邮郵]箱|银行卡|出生"
)
_PERSON_EN = compiled.pattern(
    r"\b(?:names?|customers?|clients?|followers?|members?|patients?|contacts?|subscribers?|students?)\b", re.I
)
_IDENT_EN = compiled.pattern(
    r"\b(?:phone|mobile|tel|e-?mail|id|address|wechat|passport|date of birth|dob)\b", re.I
)
_NUMERIC_CELL = compiled.pattern(r"^[0-9,.\s万千百kKwW+约約~-]*$")


def looks_like_customer_list(rows: Sequence[Sequence[str]]) -> bool:
    """Whether a table lists third parties: people with identifiers, not the contracting parties.

    Either a header (one of the first two rows) has a person column and an identifier column and at
    least one non-party row follows, or three or more non-party rows carry a validated identifier.
    A person column whose values are numbers ("粉丝数", "Followers") counts heads, so an account list
    with follower counts is not a list of people. Rows labelled 甲方/乙方/Seller/Buyer are the parties.
    """
    table = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
    for index, header in enumerate(table[:2]):
        if _is_party_row(header):
            continue
        body = [row for row in table[index + 1 :] if not _is_party_row(row)]
        if body and _is_people_header(header, body):
            return True
    with_ids = [row for row in table if not _is_party_row(row) and any(detect(cell) for cell in row)]
    return len(with_ids) >= 3


def _is_party_row(row: Sequence[str]) -> bool:
    first = next((cell for cell in row if cell), "")
    return bool(_PARTY_ROLE.match(first))


def _is_people_header(header: Sequence[str], body: Sequence[Sequence[str]]) -> bool:
    person_columns = [
        col
        for col, cell in enumerate(header)
        if (_PERSON_ZH.search(cell) or _PERSON_EN.search(cell)) and not _counts(body, col)
    ]
    ident_columns = [
        col for col, cell in enumerate(header) if _IDENT_ZH.search(cell) or _IDENT_EN.search(cell)
    ]
    return any(p != i for p in person_columns for i in ident_columns)


def _counts(body: Sequence[Sequence[str]], col: int) -> bool:
    values = [row[col] for row in body if col < len(row) and row[col]]
    numeric = sum(1 for value in values if _NUMERIC_CELL.match(value))
    return bool(values) and numeric * 2 >= len(values)

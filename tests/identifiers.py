"""Identifiers for tests, built from the standards rather than from the code under test.

Resident IDs follow GB 11643 (weights and check characters written out here), cards the Luhn rule,
mobiles the mainland number plan. `spell` writes a number the ways people do: grouped with spaces of
every width, dashes or dots, in full-width digits, with zero-width characters inside.
"""

from __future__ import annotations

import datetime

from hypothesis import assume
from hypothesis import strategies as st

# GB/T 2260 province-level codes (facts, not taken from the code under test).
PROVINCES = [
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
]  # fmt: skip
GB11643_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
GB11643_MAP = "10X98765432"
MOBILE_PREFIXES = ["130", "135", "138", "139", "150", "158", "166", "177", "186", "189", "199"]
DIGITS = "0123456789"
FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
TO_ASCII = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")

# How people separate digit groups: spaces (ASCII, no-break, thin, figure, narrow, ideographic),
# hyphens and dashes (ASCII, en, em, hyphen, non-breaking, minus, full-width) and dots.
SEPARATORS = [" ", "\u00a0", "\u2009", "\u2007", "\u202f", "\u3000", "-", "\u2013", "\u2014", "\u2010",
              "\u2011", "\u2212", "\uff0d", ".", "\uff0e"]  # fmt: skip
# Characters Word shows as nothing: zero-width space, joiners, word joiner, soft hyphen, BOM, LRM.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e"]


def id_check_digit(first17: str) -> str:
    return GB11643_MAP[sum(int(d) * wgt for d, wgt in zip(first17, GB11643_WEIGHTS, strict=True)) % 11]


def is_valid_id_oracle(number: str) -> bool:
    if len(number) != 18 or not number[:17].isdigit() or number[:2] not in PROVINCES:
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    return born.year >= 1900 and id_check_digit(number[:17]) == number[17].upper()


def luhn_check_digit(payload: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


@st.composite
def resident_ids(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(PROVINCES)) + draw(st.text(DIGITS, min_size=4, max_size=4))
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2020, 12, 31)))
    first17 = region + born.strftime("%Y%m%d") + draw(st.text(DIGITS, min_size=3, max_size=3))
    return first17 + id_check_digit(first17)


@st.composite
def old_resident_ids(draw: st.DrawFn) -> str:
    """A 15-digit first-generation ID: region, YYMMDD birth date in the 1900s, sequence."""
    region = draw(st.sampled_from(PROVINCES)) + draw(st.text(DIGITS, min_size=4, max_size=4))
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(1999, 12, 31)))
    return region + born.strftime("%y%m%d") + draw(st.text(DIGITS, min_size=3, max_size=3))


@st.composite
def bank_cards(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["62", "4", "51", "53", "55"]))
    length = draw(st.sampled_from([16, 17, 18, 19]))
    payload = prefix + draw(
        st.text(DIGITS, min_size=length - 1 - len(prefix), max_size=length - 1 - len(prefix))
    )
    number = payload + luhn_check_digit(payload)
    assume(not is_valid_id_oracle(number))
    return number


@st.composite
def mobiles(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(MOBILE_PREFIXES)) + draw(st.text(DIGITS, min_size=8, max_size=8))


def grouped(number: str, sep: str, sizes: list[int]) -> str:
    parts, pos = [], 0
    for size in sizes:
        parts.append(number[pos : pos + size])
        pos += size
    if pos < len(number):
        parts.append(number[pos:])
    return sep.join(parts)


# How each kind is grouped when it is grouped.
GROUPS = {
    "resident-id": [[6, 8, 4], [6, 4, 4, 4]],
    "mobile": [[3, 4, 4]],
    "bank-card": [[4, 4, 4, 4]],
}


@st.composite
def spelled(draw: st.DrawFn) -> tuple[str, str, str]:
    """(kind, digits, written): a valid identifier and one way of writing it."""
    kind = draw(st.sampled_from(["resident-id", "old-resident-id", "mobile", "bank-card"]))
    number = draw(
        {
            "resident-id": resident_ids(),
            "old-resident-id": old_resident_ids(),
            "mobile": mobiles(),
            "bank-card": bank_cards(),
        }[kind]
    )
    kind = "resident-id" if kind == "old-resident-id" else kind
    written = number
    if len(number) != 15 and draw(st.booleans()):
        written = grouped(number, draw(st.sampled_from(SEPARATORS)), draw(st.sampled_from(GROUPS[kind])))
    if draw(st.booleans()):
        written = written.translate(FULL_WIDTH)
    if draw(st.booleans()):  # an invisible character somewhere inside
        at = draw(st.integers(1, len(written) - 1))
        written = written[:at] + draw(st.sampled_from(INVISIBLE)) + written[at:]
    return kind, number, written


def hidden_digits(kind: str, number: str) -> str:
    """The digits a mask must hide, with the ones before them: they never appear in a masked output."""
    if kind == "resident-id":
        return number[: 14 if len(number) == 18 else 12]
    if kind == "mobile":
        return number[:7]
    return number[:-4]

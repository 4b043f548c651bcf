"""Identity numbers and phone numbers from outside the mainland, validated like the mainland ones.

Hong Kong, Taiwan and Singapore agreements carry HKIDs, Taiwan national IDs and NRICs, US ones Social
Security numbers, and all of them phones written with a country code. A report must mask them as it
masks a resident ID (the check digit, not the shape, decides). python-stdnum validates the SSN; it has
no module for the other three, so their published check-digit rules are written out here. Phones are
found and validated by phonenumbers' own matcher.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from stdnum.us import ssn

from draft_agreement import compiled

_LETTER = {chr(c): c - 55 for c in range(ord("A"), ord("Z") + 1)}  # A=10 … Z=35


def is_hkid(value: str) -> bool:
    """A Hong Kong identity card number, A123456(7): one or two letters, six digits, mod-11 check."""
    m = re.fullmatch(r"([A-Z]{1,2})(\d{6})\(?([0-9A])\)?", value.replace(" ", ""))
    if m is None:
        return False
    letters, digits, check = m.groups()
    values = ([36] if len(letters) == 1 else []) + [_LETTER[c] for c in letters] + [int(d) for d in digits]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True))
    expected = (11 - total % 11) % 11
    return check == ("A" if expected == 10 else str(expected))


# Taiwan's letter codes are not alphabetical after H (I, O, W, X, Y, Z were added later).
_TW_CODE = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))


def is_tw_id(value: str) -> bool:
    """A Taiwan national ID or resident certificate, A123456789: a letter, 1/2 (8/9), eight digits."""
    if not re.fullmatch(r"[A-Z][1289]\d{8}", value):
        return False
    code = _TW_CODE[value[0]]
    digits = [code // 10, code % 10, *(int(d) for d in value[1:])]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


def is_nric(value: str) -> bool:
    """A Singapore NRIC or FIN, S1234567D: S/T/F/G, seven digits, a check letter."""
    m = re.fullmatch(r"([STFG])(\d{7})([A-Z])", value)
    if m is None:
        return False
    prefix, digits, check = m.groups()
    total = sum(int(d) * w for d, w in zip(digits, (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += 4 if prefix in "TG" else 0
    table = "JZIHGFEDCBA" if prefix in "ST" else "XWUTRQPNMLK"
    return check == table[total % 11]


def is_ssn(value: str) -> bool:
    """A US Social Security number written 123-45-6789 (stdnum rejects unissued areas and groups)."""
    return bool(re.fullmatch(r"\d{3}-\d{2}-\d{4}", value)) and ssn.is_valid(value)


_TW_MOBILE = compiled.pattern(r"(?<![0-9])09\d{2}[-\s]?\d{3}[-\s]?\d{3}(?![0-9])")
# A person's phone, as for the mainland detector: an office's fixed line is no one's personal number.
_PERSONAL = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def foreign_phones(text: str) -> Iterator[tuple[int, int]]:
    """Spans of valid mobile numbers outside the mainland: with a country code, or Taiwan's 09…."""
    if "+" in text or "＋" in text:
        for match in phonenumbers.PhoneNumberMatcher(text, None, leniency=phonenumbers.Leniency.VALID):
            # (mainland numbers have their own detector)
            if match.number.country_code != 86 and phonenumbers.number_type(match.number) in _PERSONAL:
                yield match.start, match.end
    for m in _TW_MOBILE.finditer(text):
        number = phonenumbers.parse(m.group(), "TW")
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in _PERSONAL:
            yield m.start(), m.end()

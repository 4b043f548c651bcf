"""Mask identifiers before they reach a report, so a review output can be shared without re-leaking PII.

Resident IDs, mobiles and bank cards are masked character for character: every hidden digit becomes one
``*`` and separators stay, so the masked value has the same length and offsets computed on the original
text still line up. E-mail local parts become a fixed ``***`` (hiding their length), so an e-mail mask
changes the length.
"""

from __future__ import annotations

from draft_agreement.reviewing.detectors import BANK_CARD, EMAIL, MOBILE, RESIDENT_ID, detect

_SIGNIFICANT = frozenset("0123456789０１２３４５６７８９XxＸｘ")
# kind -> (digits kept at the head, digits kept at the tail)
_KEEP = {RESIDENT_ID: (4, 4), MOBILE: (3, 4), BANK_CARD: (0, 4)}
_MOBILE_DIGITS = 11


def mask(value: str, kind: str) -> str:
    """The masked form of one detected ``value`` of ``kind`` (a :class:`Detection` kind)."""
    if kind == EMAIL:
        local, _, domain = value.rpartition("@")
        return f"{local[:1]}***@{domain}"
    if kind not in _KEEP:
        raise ValueError(f"unknown identifier kind: {kind!r}")
    head, tail = _KEEP[kind]
    body = [i for i, ch in enumerate(value) if ch in _SIGNIFICANT]
    if kind == MOBILE:  # the +86 / 0086 prefix is not personal: count from the national number
        body = body[-_MOBILE_DIGITS:]
    hidden = set(body) if len(body) <= head + tail else set(body[head : len(body) - tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


def mask_text(text: str) -> str:
    """``text`` with every detected identifier masked and everything else unchanged."""
    pieces: list[str] = []
    cursor = 0
    for found in detect(text):
        pieces.append(text[cursor : found.start])
        pieces.append(mask(found.value, found.kind))
        cursor = found.end
    pieces.append(text[cursor:])
    return "".join(pieces)

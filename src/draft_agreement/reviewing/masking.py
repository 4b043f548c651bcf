"""Mask identifiers before they reach a report, so a review output can be shared without re-leaking PII.

Every output (review JSON, table, SARIF, markdown, redline comments and --report, inspect) masks with
this module, and it masks exactly what :func:`detect` recognises, so a spelling the detectors learn is
masked everywhere at once.

Resident IDs, mobiles and bank cards are masked character for character: every hidden digit becomes one
``*`` and separators stay, so the masked value has the same length and offsets computed on the original
text still line up. E-mail local parts become a fixed ``***`` (hiding their length), so an e-mail mask
changes the length.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import cached_property
from typing import Any

from draft_agreement.reviewing.detectors import (
    BANK_CARD,
    EMAIL,
    MOBILE,
    NATIONAL_ID,
    PHONE,
    RESIDENT_ID,
    Detection,
    detect,
)

_SIGNIFICANT = frozenset("0123456789０１２３４５６７８９XxＸｘ")
# kind -> (digits kept at the head, digits kept at the tail)
# Foreign IDs keep no digit (their letters stay: "A******(*)"); foreign phones keep the last four.
_KEEP = {RESIDENT_ID: (4, 4), MOBILE: (3, 4), BANK_CARD: (0, 4), NATIONAL_ID: (0, 0), PHONE: (0, 4)}
_OLD_ID_DIGITS = 15  # the first-generation ID: keep 4 + 3, so the six birth-date digits stay hidden
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
    if kind == RESIDENT_ID and len(body) == _OLD_ID_DIGITS:
        tail = 3
    hidden = set(body) if len(body) <= head + tail else set(body[head : len(body) - tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(value))


class MaskedText:
    """One text with its identifiers masked, for the whole text or any slice of it.

    Detection runs once (or reuses the caller's detections), so a paragraph quoted by a thousand
    findings is scanned once, not a thousand times. A slice that cuts through an identifier masks the
    part it shows, so no slice reveals more of a number than the whole masked text does.
    """

    def __init__(self, text: str, found: Sequence[Detection] | None = None) -> None:
        self.text = text
        self.found = list(detect(text) if found is None else found)
        self._starts = [d.start for d in self.found]
        self._masks: dict[int, str] = {}  # detection index -> its masked value, made when first shown

    @cached_property
    def masked(self) -> str:
        """The whole text, masked."""
        return self.slice(0, len(self.text))

    def slice(self, start: int, end: int) -> str:
        """``text[start:end]`` with the identifiers (or parts of them) it contains masked."""
        if not self.found:
            return self.text[start:end]
        pieces: list[str] = []
        cursor = start
        i = max(0, bisect_right(self._starts, start) - 1)
        while i < len(self.found) and self.found[i].start < end:
            d = self.found[i]
            if d.end <= start:
                i += 1
                continue
            lo, hi = max(start, d.start), min(end, d.end)
            pieces.append(self.text[cursor:lo])
            masked = self._masks.get(i)
            if masked is None:
                masked = self._masks[i] = mask(d.value, d.kind)
            pieces.append(_masked_part(d, masked, lo - d.start, hi - d.start))
            cursor = hi
            i += 1
        pieces.append(self.text[cursor:end])
        return "".join(pieces)


def _masked_part(found: Detection, masked: str, lo: int, hi: int) -> str:
    """The masked form of ``found.value[lo:hi]``; ``masked`` is the mask of the whole value."""
    if found.kind != EMAIL:
        return masked[lo:hi]  # same length as the value
    at = found.value.rindex("@")
    local = masked[: masked.rindex("@")]
    shown_local = (local if lo == 0 else local[1:]) if lo < at else ""
    return shown_local + found.value[max(lo, at) : hi]


def mask_text(text: str) -> str:
    """``text`` with every detected identifier masked and everything else unchanged."""
    return MaskedText(text).masked


def mask_strings(value: Any, keep: frozenset[str] = frozenset()) -> Any:
    """A JSON-like structure with every string masked, except the values of the keys in ``keep``."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: v if k in keep else mask_strings(v, keep) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_strings(v, keep) for v in value]
    return value

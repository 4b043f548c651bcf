"""An item of personal information in a list of assets, and the words that remove it cleanly.

A business sold as a going concern lists what passes: "the Goodwill, the Equipment, the Student
Records and the Course Materials", "设备、装修及顾客档案". The deal survives, so only the records leave
the list (they pass with each customer's consent, as the clause added after it says); the rest of the
sentence stays as the lawyer wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|;\s*|\s+and\s+|、|，|；|以及|及|和|与")
_OPENER = re.compile(r"[:：]\s*")
_CLOSE = re.compile(r"[。.；;]")
_REACH = 40  # how far from the matched words a separator may be
_EXTRA = 12  # words of the item beyond the matched ones ("the ", "全部", "all of its ")


def list_item(text: str, start: int, end: int, parties: Sequence[str] = ()) -> tuple[int, int] | None:
    """The span to delete so that text[start:end] leaves the list it is an item of, or None when
    it is not a list item (a clause that just hands the records over). Words naming a party
    (会员信息移交乙方) are a clause of their own, not an asset in a list."""
    if any(label and label in text[start:end] for label in parties):
        return None
    before = None
    for m in _SEPARATOR.finditer(text, max(0, start - _REACH), start):
        if m.end() <= start:
            before = m
    opener = None
    for m in _OPENER.finditer(text, max(0, start - _REACH), start):
        if m.end() <= start:
            opener = m
    after = _SEPARATOR.search(text, end, min(len(text), end + _REACH))
    close = _CLOSE.search(text, end)
    if before is not None and opener is not None and opener.end() > before.end():
        before = None  # the separator belongs to the words before the list opens
    first = opener.end() if before is None and opener is not None else None
    item_start = before.end() if before is not None else first
    if item_start is None:
        return None
    if after is not None and close is not None and after.start() > close.start():
        after = None
    # With no separator after it, the item ends with the matched words: in Chinese the verb follows.
    item_end = after.start() if after is not None else end
    if (item_end - item_start) - (end - start) > _EXTRA or text[end:item_end].strip():
        return None
    if before is not None:
        return before.start(), item_end  # ", the Student Records" / "及顾客档案"
    if after is not None:
        return item_start, after.end()  # "the Student Records, " at the head of the list
    return None  # the list's only item: the clause is about it

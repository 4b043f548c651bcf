"""An item of personal information in a list of assets, and the edits that remove it cleanly.

A business sold as a going concern lists what passes: "the Goodwill, the Equipment, the Student
Records and the Course Materials", "设备、装修及顾客档案". The deal survives, so only the records leave
the list (they pass with each customer's consent, as the clause added after it says); the rest of the
sentence stays as the lawyer wrote it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from draft_agreement.model.context import fold_chars

_SEPARATOR = re.compile(r"[,;]\s*(?:and\s+|or\s+)?|\s+and\s+|、|，|；|以及|及|和|与")
_CONJUNCTION = re.compile(r"\s+and\s+|以及|及|和|与")
_LISTING = re.compile(r"、|以及|及|和|与")  # joins nouns: the verb may follow the last one
_OPENER = re.compile(r"[:：]\s*")
_CLOSE = re.compile(r"\s*(?:[。.；;]|$)")
# A typed clause number opening the paragraph ("二、", "(3)", "第五条"): its 、 separates no list items.
_TYPED_LABEL = re.compile(
    r"\s*(?:第[〇零一二三四五六七八九十百千两\d]+[条條款項项]|[（(][〇零一二三四五六七八九十百两\d]+[)）]"
    r"|[〇零一二三四五六七八九十百两\d]+[、.．](?!\d))\s*"
)
_REACH = 40  # how far from the matched words a separator may be
_EXTRA = 12  # words of the item beyond the matched ones ("the ", "全部", "all of its ")

Cut = tuple[int, int, str]  # a span and what replaces it


def list_item(text: str, start: int, end: int, parties: Sequence[str] = ()) -> list[Cut]:
    """The edits that take text[start:end] out of the list it is an item of; none when it is not a
    list item (a clause that just hands the records over). Words naming a party (会员信息移交乙方)
    are a clause of their own, not an asset in a list."""
    if any(label and label in text[start:end] for label in parties):
        return []
    label = _TYPED_LABEL.match(text)
    low = max(label.end() if label is not None and label.end() <= start else 0, start - _REACH)
    before = _last(_SEPARATOR, text, low, start)
    opener = _last(_OPENER, text, low, start)
    if before is not None and opener is not None and opener.end() > before.end():
        before = None  # the separator belongs to the words before the list opens
    item_start = before.end() if before is not None else (opener.end() if opener is not None else None)
    if item_start is None:
        return []
    after = _SEPARATOR.search(text, end, min(len(text), end + _REACH))
    close = _CLOSE.match(text, end)
    if after is not None and _CLOSE.search(text, end).start() < after.start():
        after = None  # the next separator is in the next sentence
    if after is None and close is None and (before is None or not _LISTING.fullmatch(before.group())):
        return []  # more words follow the item ("the Customer Data is migrated"): it is the subject
    item_end = after.start() if after is not None else end
    if (item_end - item_start) - (end - start) > _EXTRA or text[end:item_end].strip():
        return []
    if before is not None and after is not None:
        return [(before.start(), item_end, "")]  # ", the Student Records" inside the list
    if after is not None:
        return [(item_start, after.end(), "")]  # "the Customer List, " at its head
    if before is None:
        return []  # the list's only item: the clause is about it
    cuts = [(before.start(), item_end, "")]  # " and the Customer Data" at the end
    previous = _last(_SEPARATOR, text, max(0, before.start() - _REACH), before.start())
    if _CONJUNCTION.fullmatch(before.group()) and previous is not None and previous.group().startswith(","):
        cuts.insert(0, (previous.start(), previous.end(), before.group()))  # "A, B, C and D" -> "A, B and C"
    return cuts


def _last(pattern: re.Pattern[str], text: str, low: int, high: int) -> re.Match[str] | None:
    found = None
    for m in pattern.finditer(text, low, high):
        if m.end() <= high:
            found = m
    return found


def listed(text: str, patterns: Iterable[re.Pattern[str]], parties: Sequence[str] = ()) -> list[Cut]:
    """The edits that take every list item matching one of `patterns` out of its list (matched on
    the folded text, so 帳號 is found by 账号); items that are not in a list stay."""
    folded = fold_chars(text)
    cuts: list[Cut] = []
    for pattern in patterns:
        for m in pattern.finditer(folded):
            found = list_item(text, m.start(), m.end(), parties)
            if found and not any(a < y and x < b for a, b, _ in found for x, y, _ in cuts):
                cuts.extend(found)
    return sorted(cuts)

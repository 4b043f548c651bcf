"""One id allocator for the whole package: revisions, comments and bookmarks share Word's id space."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from draft_agreement.ooxml import W_ID


class IdAllocator:
    """Hands out w:id values above every id already used in any part."""

    def __init__(self, roots: Iterable[etree._Element]) -> None:
        highest = -1
        for root in roots:
            for el in root.iter():
                value = el.get(W_ID) if isinstance(el.tag, str) else None
                if value is not None and value.lstrip("-").isdigit():
                    highest = max(highest, int(value))
        self._next = highest + 1

    def next(self) -> str:
        value = self._next
        self._next += 1
        return str(value)

"""One id allocator for the whole package: revisions, comments and bookmarks share Word's id space."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from draft_agreement.ooxml import W_NS, decimal_number


class IdAllocator:
    """Hands out w:id values above every id already used in any part."""

    def __init__(self, roots: Iterable[etree._Element], highest: int = -1) -> None:
        """`highest` is the largest id already known from parts that are not trees (streamed ones)."""
        for root in roots:
            # One XPath over the attribute axis runs in C: far cheaper than visiting every element.
            for value in root.xpath("//@w:id", namespaces={"w": W_NS}):
                number = decimal_number(value)
                if number is not None:
                    highest = max(highest, number)
        self._next = highest + 1

    def next(self) -> str:
        value = self._next
        self._next += 1
        return str(value)

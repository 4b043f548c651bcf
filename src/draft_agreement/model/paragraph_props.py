"""The paragraph properties the model reads for every paragraph, in one pass over w:pPr.

lxml's find() costs microseconds per call; numbering, headings and paragraph-mark revisions all read
w:pPr, so one child scan serves them all and keeps 20,000 paragraphs cheap.
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

from draft_agreement.ooxml import W_DEL, W_INS, W_MOVEFROM, W_MOVETO, W_PPR, W_RPR, W_VAL, w

_W_NUMPR = w("numPr")
_W_NUMID = w("numId")
_W_ILVL = w("ilvl")
_W_PSTYLE = w("pStyle")
_W_OUTLINE = w("outlineLvl")


class ParagraphProps(NamedTuple):
    style: str | None  # w:pStyle
    num_id: str | None  # w:numPr/w:numId
    ilvl: str | None  # w:numPr/w:ilvl
    mark: str | None  # 'deleted' or 'inserted' when the paragraph mark is a tracked change
    outline: bool  # an explicit outline level


_NONE = ParagraphProps(None, None, None, None, False)


def paragraph_props(p: etree._Element) -> ParagraphProps:
    """w:pPr is the first child by schema and in Word; a misplaced one is still found."""
    ppr = p[0] if len(p) and p[0].tag == W_PPR else p.find(W_PPR)
    if ppr is None:
        return _NONE
    style = num_id = ilvl = mark = None
    outline = False
    for child in ppr:
        tag = child.tag
        if tag == _W_PSTYLE:
            style = child.get(W_VAL)
        elif tag == _W_NUMPR:
            for item in child:
                if item.tag == _W_NUMID:
                    num_id = item.get(W_VAL)
                elif item.tag == _W_ILVL:
                    ilvl = item.get(W_VAL)
        elif tag == _W_OUTLINE:
            outline = True
        elif tag == W_RPR:
            for marker in child:
                if marker.tag in (W_DEL, W_MOVEFROM):
                    mark = "deleted"
                    break
                if marker.tag in (W_INS, W_MOVETO):
                    mark = "inserted"
    return ParagraphProps(style, num_id, ilvl, mark, outline)

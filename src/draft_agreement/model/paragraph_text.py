"""Read one w:p into a TextMap, in the current view (changes accepted) or the rejected view.

Only nodes whose parent is a w:r carry text; that single test excludes tab-stop definitions in w:pPr,
and the walk up to the paragraph excludes nested text-box paragraphs, fallback copies of drawings and
ruby guide text, which belong elsewhere or are duplicates.
"""

from __future__ import annotations

from enum import Enum

from lxml import etree

from draft_agreement.model.textmap import Piece, TextMap
from draft_agreement.ooxml import (
    MC_FALLBACK,
    W_BR,
    W_CR,
    W_DEL,
    W_DELTEXT,
    W_INS,
    W_MOVEFROM,
    W_MOVETO,
    W_NOBREAKHYPHEN,
    W_P,
    W_PTAB,
    W_R,
    W_RT,
    W_SYM,
    W_T,
    W_TAB,
    W_TXBXCONTENT,
    symbol_char,
    w,
)


class View(Enum):
    """Which revisions are applied when reading text."""

    CURRENT = "current"  # all tracked changes accepted: w:ins kept, w:del dropped
    REJECTED = "rejected"  # all tracked changes rejected: w:del kept, w:ins dropped


_TEXT_TAGS = (W_T, W_DELTEXT, W_TAB, W_PTAB, W_BR, W_CR, W_SYM, W_NOBREAKHYPHEN)
_SINGLE = {W_TAB: "\t", W_PTAB: "\t", W_BR: "\n", W_CR: "\n", W_NOBREAKHYPHEN: "\u2011"}
_REMOVED = {View.CURRENT: (W_DEL, W_MOVEFROM), View.REJECTED: (W_INS, W_MOVETO)}
_REVISIONS = (W_INS, W_DEL, W_MOVETO, W_MOVEFROM)
_FOREIGN = (W_P, W_TXBXCONTENT, W_RT, MC_FALLBACK)
_SYM_CHAR = w("char")


def _symbol(node: etree._Element) -> str:
    return symbol_char(node.get(_SYM_CHAR))


def read_paragraph(p: etree._Element, view: View = View.CURRENT) -> TextMap:
    """Every character the paragraph shows in `view`, each mapped to its node."""
    removed = _REMOVED[view]
    text_tag = W_T if view is View.CURRENT else None
    pieces: list[Piece] = []
    pos = 0
    for node in p.iter(_TEXT_TAGS):
        run = node.getparent()
        if run is None or run.tag != W_R:
            continue
        revision = None
        skip = False
        anc = run.getparent()
        while anc is not None and anc is not p:
            tag = anc.tag
            if tag in removed or tag in _FOREIGN:
                skip = True
                break
            if revision is None and tag in _REVISIONS:
                revision = anc
            anc = anc.getparent()
        if skip or anc is None:
            continue
        tag = node.tag
        if tag in (W_T, W_DELTEXT):
            # w:t inside w:del is malformed but seen in the wild; treat both as text of their wrapper.
            if text_tag is not None and tag == W_DELTEXT and revision is None:
                continue
            chars = node.text or ""
        elif tag == W_SYM:
            chars = _symbol(node)
        else:
            chars = _SINGLE[tag]
        if chars:
            pieces.append(Piece(pos, chars, node, run, revision))
            pos += len(chars)
    return TextMap(pieces)


_NOT_PLAIN = (*_REVISIONS, *_FOREIGN)


def paragraph_text(p: etree._Element, view: View = View.CURRENT) -> str:
    """read_paragraph(p, view).text without building the map: what the model keeps for every paragraph.

    A paragraph without revisions, text boxes, ruby or fallbacks (most of them) needs no walk up from
    each text node; anything else takes the full reader.
    """
    for el in p.iter(_NOT_PLAIN):
        if el is not p:
            return read_paragraph(p, view).text
    chunks: list[str] = []
    for node in p.iter(_TEXT_TAGS):
        if node.getparent().tag != W_R:
            continue
        tag = node.tag
        if tag == W_T:
            chunks.append(node.text or "")
        elif tag == W_DELTEXT:
            if view is View.REJECTED:
                chunks.append(node.text or "")
        elif tag == W_SYM:
            chunks.append(_symbol(node))
        else:
            chunks.append(_SINGLE[tag])
    return "".join(chunks)


# Anything that makes a paragraph more than w:t in runs (tab stops count too: they share w:tab).
_BEYOND_PLAIN = (*_REVISIONS, W_TXBXCONTENT, W_RT, MC_FALLBACK, W_DELTEXT, *_SINGLE, W_SYM)


def only_plain_paragraphs(container: etree._Element) -> bool:
    """True when no paragraph under `container` holds anything but w:t in runs: one walk for a whole
    window of paragraphs instead of a check per paragraph."""
    return next(container.iter(_BEYOND_PLAIN), None) is None


def plain_text(p: etree._Element) -> str:
    """paragraph_text's answer for a paragraph under a container that only_plain_paragraphs passed.

    What read_paragraph counts, it counts: only a w:t in a w:r, and not one in a paragraph nested in
    this one (invalid, but seen). A run under a tag Word ignores shows nothing, and the redline must
    find every character review read.
    """
    chunks = []
    for t in p.iter(W_T):
        run = t.getparent()
        if run.tag == W_R and (run.getparent() is p or not _nested(run, p)):
            chunks.append(t.text or "")
    return "".join(chunks)


def _nested(run: etree._Element, p: etree._Element) -> bool:
    anc = run.getparent()
    while anc is not None and anc is not p:
        if anc.tag == W_P:
            return True
        anc = anc.getparent()
    return False

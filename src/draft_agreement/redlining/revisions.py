"""Accept or reject tracked changes in a WordprocessingML part, for everyone or one author.

`clean` mode and the lossless tests rely on this, so it follows Word's semantics for every revision kind
the RP ground-truth corpus covers: run insertions and deletions (nested ones too), moves, paragraph-mark
revisions (which merge paragraphs), table-row revisions, and property changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from draft_agreement.ooxml import (
    W_DEL,
    W_DELINSTRTEXT,
    W_DELTEXT,
    W_INS,
    W_INSTRTEXT,
    W_P,
    W_PPR,
    W_RPR,
    W_T,
    w,
)

_W_MOVEFROM = w("moveFrom")
_W_MOVETO = w("moveTo")
_W_AUTHOR = w("author")
_W_TR = w("tr")
_W_TBL = w("tbl")
_W_TRPR = w("trPr")
_W_TCPR = w("tcPr")
_W_CELLINS = w("cellIns")
_W_CELLDEL = w("cellDel")
_W_CELLMERGE = w("cellMerge")
# Where w:ins / w:del are markers on a paragraph mark or a row rather than wrappers of content.
_MARKER_PARENTS = (W_RPR, _W_TRPR)

_KEPT_BY_PROPERTY_CHANGE = {
    W_RPR: (W_INS, W_DEL, w("moveFrom"), w("moveTo")),
    W_PPR: (W_RPR, w("sectPr")),
}
# Property changes: the element holds the *old* properties of its parent.
_PROPERTY_CHANGES = (
    w("rPrChange"),
    w("pPrChange"),
    w("sectPrChange"),
    w("tblPrChange"),
    w("tblPrExChange"),
    w("tblGridChange"),
    w("trPrChange"),
    w("tcPrChange"),
)
_MOVE_RANGES = (
    w("moveFromRangeStart"),
    w("moveFromRangeEnd"),
    w("moveToRangeStart"),
    w("moveToRangeEnd"),
    w("customXmlInsRangeStart"),
    w("customXmlInsRangeEnd"),
    w("customXmlDelRangeStart"),
    w("customXmlDelRangeEnd"),
    w("customXmlMoveFromRangeStart"),
    w("customXmlMoveFromRangeEnd"),
    w("customXmlMoveToRangeStart"),
    w("customXmlMoveToRangeEnd"),
)


def _mine(el: etree._Element, authors: frozenset[str] | None) -> bool:
    return authors is None or el.get(_W_AUTHOR) in authors


def _unwrap(el: etree._Element) -> None:
    """Replace an element by its children, keeping document order."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for child in reversed(list(el)):
        parent.insert(index, child)
    parent.remove(el)


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _restore_deleted_text(el: etree._Element) -> None:
    for node in el.iter(W_DELTEXT, W_DELINSTRTEXT):
        node.tag = W_T if node.tag == W_DELTEXT else W_INSTRTEXT


def _mark_revision(p: etree._Element, tag: str) -> etree._Element | None:
    ppr = p.find(W_PPR)
    rpr = ppr.find(W_RPR) if ppr is not None else None
    return rpr.find(tag) if rpr is not None else None


def _merge_with_next(p: etree._Element) -> None:
    """Join a paragraph whose mark goes away with the paragraph that follows it.

    As in Word, the joined paragraph keeps the properties of the following paragraph's mark, and the
    content of both. With no following paragraph in the same container the mark simply stays.
    """
    nxt = p.getnext()
    while nxt is not None and nxt.tag != W_P:
        if nxt.tag in (w("bookmarkStart"), w("bookmarkEnd"), *_MOVE_RANGES):
            nxt = nxt.getnext()
            continue
        return
    if nxt is None:
        return
    content = [child for child in p if child.tag != W_PPR]
    next_ppr = nxt.find(W_PPR)
    insert_at = 0 if next_ppr is None else nxt.index(next_ppr) + 1
    for child in reversed(content):
        nxt.insert(insert_at, child)
    _remove(p)


def _drop_mark_revision(p: etree._Element, tag: str) -> None:
    marker = _mark_revision(p, tag)
    if marker is not None:
        rpr = marker.getparent()
        rpr.remove(marker)
        if len(rpr) == 0 and not rpr.attrib:
            ppr = rpr.getparent()
            ppr.remove(rpr)
            if len(ppr) == 0 and not ppr.attrib:  # properties made only to carry the marker
                ppr.getparent().remove(ppr)


def _resolve_property_changes(root: etree._Element, accept: bool, authors: frozenset[str] | None) -> None:
    for change in list(root.iter(_PROPERTY_CHANGES)):
        if not _mine(change, authors):
            continue
        owner = change.getparent()
        if accept:
            owner.remove(change)
            _drop_if_empty(owner)
            continue
        # Reject: the owner's properties become the old ones recorded in the change element.
        old = change.find("*")
        # What the change element does not record stays: an rPr's revision markers, and a pPr's
        # mark formatting and section properties (CT_PPrBase has neither).
        kept_tags = _KEPT_BY_PROPERTY_CHANGE.get(owner.tag, ())
        keep = [c for c in owner if c.tag in kept_tags and c is not change]
        for child in list(owner):
            owner.remove(child)
        if old is not None:
            for child in list(old):
                owner.append(child)
        for child in keep:
            owner.append(child)
        _drop_if_empty(owner)


def _drop_if_empty(owner: etree._Element) -> None:
    """Properties that were empty on one side of a change were absent: an empty w:rPr or w:pPr means
    nothing, and leaving one would differ from the file the change was made to."""
    while owner.tag in (W_RPR, W_PPR) and len(owner) == 0 and not owner.attrib:
        parent = owner.getparent()
        parent.remove(owner)
        owner = parent


def _resolve_rows(root: etree._Element, accept: bool, authors: frozenset[str] | None) -> None:
    gone_tag, stays_tag = (W_DEL, W_INS) if accept else (W_INS, W_DEL)
    for trpr in list(root.iter(_W_TRPR)):
        row = trpr.getparent()
        gone = trpr.find(gone_tag)
        if gone is not None and _mine(gone, authors):
            _remove(row)
            continue
        stays = trpr.find(stays_tag)
        if stays is not None and _mine(stays, authors):
            trpr.remove(stays)
    cell_gone, cell_stays = (_W_CELLDEL, _W_CELLINS) if accept else (_W_CELLINS, _W_CELLDEL)
    for tcpr in list(root.iter(_W_TCPR)):
        gone = tcpr.find(cell_gone)
        if gone is not None and _mine(gone, authors):
            _remove(tcpr.getparent())
            continue
        for tag in (cell_stays, _W_CELLMERGE):
            marker = tcpr.find(tag)
            if marker is not None and _mine(marker, authors):
                tcpr.remove(marker)


def _resolve(root: etree._Element, accept: bool, authors: frozenset[str] | None) -> None:
    kept, dropped = (
        ((W_INS, _W_MOVETO), (W_DEL, _W_MOVEFROM)) if accept else ((W_DEL, _W_MOVEFROM), (W_INS, _W_MOVETO))
    )
    # Dropped wrappers go first, so a nested <ins A><del B> is decided by the outer change's fate.
    for el in list(root.iter(dropped)):
        if el.getparent() is None or el.getparent().tag in _MARKER_PARENTS or not _mine(el, authors):
            continue
        _remove(el)
    for el in list(root.iter(kept)):
        if el.getparent() is None or el.getparent().tag in _MARKER_PARENTS or not _mine(el, authors):
            continue
        if not accept:
            _restore_deleted_text(el)
        _unwrap(el)
    _resolve_rows(root, accept, authors)
    # Paragraph marks: a removed mark joins its paragraph to the next one; a kept one loses its marker.
    mark_gone, mark_kept = (
        ((W_DEL, _W_MOVEFROM), (W_INS, _W_MOVETO)) if accept else ((W_INS, _W_MOVETO), (W_DEL, _W_MOVEFROM))
    )
    for p in list(root.iter(W_P)):
        for tag in mark_kept:
            marker = _mark_revision(p, tag)
            if marker is not None and _mine(marker, authors):
                _drop_mark_revision(p, tag)
    for p in list(root.iter(W_P)):
        for tag in mark_gone:
            marker = _mark_revision(p, tag)
            if marker is not None and _mine(marker, authors):
                _drop_mark_revision(p, tag)
                _merge_with_next(p)
                break
    _resolve_property_changes(root, accept, authors)
    # A table whose every row went is gone too, as in Word; only now, as its rows kept the paragraphs
    # on either side of it apart while their marks were resolved.
    for table in list(root.iter(_W_TBL)):
        if next(table.iter(_W_TR), None) is None and table.getparent() is not None:
            _remove(table)
    if authors is None:
        for marker in list(root.iter(_MOVE_RANGES)):
            _remove(marker)


def accept_all(root: etree._Element, authors: Iterable[str] | None = None) -> None:
    """Accept every tracked change in `root` (or only those by `authors`), in place."""
    _resolve(root, True, frozenset(authors) if authors is not None else None)


def reject_all(root: etree._Element, authors: Iterable[str] | None = None) -> None:
    """Reject every tracked change in `root` (or only those by `authors`), in place."""
    _resolve(root, False, frozenset(authors) if authors is not None else None)

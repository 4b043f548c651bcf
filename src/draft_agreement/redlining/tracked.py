"""Tracked-change primitives beyond replacing text: marking existing runs, placing deleted runs,
paragraph marks, property changes, table rows and move ranges.

Compare writes through these; each keeps the rules of redlining-notes.md: wrappers are siblings of runs
(never inside a run), another author's wrapper is split rather than entered or moved, paragraph-mark
markers sit first in the mark's run properties, property changes last in their properties.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence

from lxml import etree

from draft_agreement.ooxml import W_DEL, W_INS, W_MOVEFROM, W_MOVETO, W_PPR, W_RPR, w

Make = Callable[[str], etree._Element]  # a revision element (w:ins, w:del...) with id, author and date
NextId = Callable[[], str]

W_RPRCHANGE = w("rPrChange")
W_PPRCHANGE = w("pPrChange")
W_SECTPR = w("sectPr")
W_TRPR = w("trPr")
W_TBLPREX = w("tblPrEx")
W_TRPRCHANGE = w("trPrChange")
_WRAPPERS = (W_INS, W_DEL, W_MOVEFROM, W_MOVETO)
_REMOVED_WRAPPERS = (W_DEL, W_MOVEFROM)  # their text is in the base view, not the current one
_MARK_ORDER = (W_INS, W_DEL, W_MOVEFROM, W_MOVETO)


def _clone_wrapper(wrapper: etree._Element, next_id: NextId) -> etree._Element:
    clone = etree.Element(wrapper.tag, attrib=dict(wrapper.attrib))
    clone.set(w("id"), next_id())
    return clone


def _split_off_after(child: etree._Element, next_id: NextId) -> None:
    """Move the siblings after `child` out of its wrapper into a clone that follows the wrapper."""
    wrapper = child.getparent()
    followers = list(child.itersiblings())
    if followers:
        clone = _clone_wrapper(wrapper, next_id)
        for follower in followers:
            clone.append(follower)
        wrapper.addnext(clone)


def _split_off_before(child: etree._Element, next_id: NextId) -> etree._Element:
    """Make `child` the first child of its wrapper (the earlier siblings keep the original element);
    returns the wrapper that now starts with `child`."""
    wrapper = child.getparent()
    if child.getprevious() is None:
        return wrapper
    clone = _clone_wrapper(wrapper, next_id)
    for moved in [child, *child.itersiblings()]:
        clone.append(moved)
    wrapper.addnext(clone)
    return clone


def place_before(anchor: etree._Element, new: Sequence[etree._Element], next_id: NextId) -> None:
    """Insert `new` right before `anchor` (a run), outside any revision wrapper around it."""
    while anchor.getparent() is not None and anchor.getparent().tag in _WRAPPERS:
        anchor = _split_off_before(anchor, next_id)
    for el in new:
        anchor.addprevious(el)


def place_after(anchor: etree._Element, new: Sequence[etree._Element], next_id: NextId) -> None:
    """Insert `new` right after `anchor` (a run), outside any revision wrapper around it."""
    while anchor.getparent() is not None and anchor.getparent().tag in _WRAPPERS:
        _split_off_after(anchor, next_id)
        anchor = anchor.getparent()
    for el in reversed(new):
        anchor.addnext(el)


def wrap_existing(runs: Sequence[etree._Element], tag: str, make: Make, next_id: NextId) -> int:
    """Mark runs already in the document as inserted (or moved here) by us; returns wrappers written.

    Runs inside another author's deletion are text we inserted and they then deleted: the deletion is
    cut to just those runs and our wrapper goes around it, <w:ins us><w:del them>…</w:del></w:ins>, which
    is how Word records it. Neighbouring runs share one wrapper."""
    written = 0
    last: etree._Element | None = None
    i = 0
    while i < len(runs):
        run = runs[i]
        parent = run.getparent()
        target = run
        if parent is not None and parent.tag in _REMOVED_WRAPPERS:
            j = i
            while (
                j + 1 < len(runs) and runs[j + 1].getparent() is parent and runs[j + 1] is runs[j].getnext()
            ):
                j += 1
            _split_off_after(runs[j], next_id)
            target = _split_off_before(run, next_id)
            i = j
        if last is not None and target.getprevious() is last:
            last.append(target)
        else:
            last = make(tag)
            target.addprevious(last)
            last.append(target)
            written += 1
        i += 1
    return written


def mark_rpr(p: etree._Element, create: bool = True) -> etree._Element | None:
    """The paragraph mark's w:rPr, created in schema order (after the other properties) if asked."""
    ppr = p.find(W_PPR)
    if ppr is None:
        if not create:
            return None
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    rpr = ppr.find(W_RPR)
    if rpr is None and create:
        rpr = etree.Element(W_RPR)
        later = ppr.find(W_SECTPR)
        if later is None:
            later = ppr.find(W_PPRCHANGE)
        if later is not None:
            later.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def set_mark(p: etree._Element, tag: str, make: Make) -> None:
    """Mark the paragraph mark as inserted, deleted or moved (once), first among its run properties."""
    rpr = mark_rpr(p)
    if rpr.find(tag) is not None:
        return
    marker = make(tag)
    rank = _MARK_ORDER.index(tag)
    for child in rpr:
        if child.tag not in _MARK_ORDER or _MARK_ORDER.index(child.tag) > rank:
            child.addprevious(marker)
            return
    rpr.append(marker)


def clear_mark(p: etree._Element, tag: str) -> None:
    rpr = mark_rpr(p, create=False)
    marker = rpr.find(tag) if rpr is not None else None
    if marker is not None:
        rpr.remove(marker)
        ppr = rpr.getparent()
        if len(rpr) == 0 and not rpr.attrib:
            ppr.remove(rpr)
            if len(ppr) == 0 and not ppr.attrib:
                ppr.getparent().remove(ppr)


def rpr_change(rpr: etree._Element, old: etree._Element | None, make: Make) -> bool:
    """Record `old` as the properties before a formatting change (w:rPrChange, last in rPr); False
    when another author's formatting change is already recorded there."""
    if rpr.find(W_RPRCHANGE) is not None:
        return False
    change = make(W_RPRCHANGE)
    recorded = etree.SubElement(change, W_RPR)
    for child in old if old is not None else ():
        recorded.append(copy.deepcopy(child))
    rpr.append(change)
    return True


def run_rpr_change(run: etree._Element, old: etree._Element | None, make: Make) -> bool:
    rpr = run.find(W_RPR)
    if rpr is None:
        rpr = etree.Element(W_RPR)
        run.insert(0, rpr)
    return rpr_change(rpr, old, make)


def ppr_change(p: etree._Element, old: etree._Element, make: Make) -> bool:
    """Record `old` (properties without mark formatting or section) as the paragraph's properties
    before a change: w:pPrChange, last in w:pPr."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    if ppr.find(W_PPRCHANGE) is not None:
        return False
    change = make(W_PPRCHANGE)
    recorded = etree.SubElement(change, W_PPR)
    for child in old:
        if child.tag not in (W_RPR, W_SECTPR, W_PPRCHANGE):
            recorded.append(copy.deepcopy(child))
    ppr.append(change)
    return True


def replace_base_ppr(p: etree._Element, new: etree._Element) -> None:
    """Give `p` the properties of `new` (base properties only), keeping its mark formatting and section."""
    ppr = p.find(W_PPR)
    if ppr is None:
        ppr = etree.Element(W_PPR)
        p.insert(0, ppr)
    kept = [c for c in ppr if c.tag in (W_RPR, W_SECTPR, W_PPRCHANGE)]
    for child in list(ppr):
        ppr.remove(child)
    for child in new:
        if child.tag not in (W_RPR, W_SECTPR, W_PPRCHANGE):
            ppr.append(copy.deepcopy(child))
    for child in kept:
        ppr.append(child)


def mark_row(row: etree._Element, tag: str, make: Make) -> bool:
    """Mark a table row (w:tr) as inserted or deleted, in trPr where the schema orders it."""
    trpr = row.find(W_TRPR)
    if trpr is None:
        trpr = etree.Element(W_TRPR)
        first = row[0] if len(row) else None
        if first is not None and first.tag == W_TBLPREX:
            first.addnext(trpr)
        else:
            row.insert(0, trpr)
    if trpr.find(tag) is not None:
        return False
    marker = make(tag)
    later = trpr.find(W_DEL) if tag == W_INS else None
    if later is None:
        later = trpr.find(W_TRPRCHANGE)
    if later is not None:
        later.addprevious(marker)
    else:
        trpr.append(marker)
    return True


def move_range(kind: str, edge: str, range_id: str, name: str, author: str, date: str) -> etree._Element:
    """w:moveFromRangeStart / w:moveToRangeEnd...: `kind` is moveFrom or moveTo, `edge` Start or End."""
    marker = etree.Element(w(f"{kind}Range{edge}"))
    marker.set(w("id"), range_id)
    if edge == "Start":
        marker.set(w("author"), author)
        marker.set(w("date"), date)
        marker.set(w("name"), name)
    return marker

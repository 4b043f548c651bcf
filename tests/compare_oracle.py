"""Independent checks of a comparison: accept-all must read as NEW accepted, reject-all as OLD rejected.

A story part's signature is, per paragraph (tables and text boxes included), its text pieces with the
run properties they carry, equal neighbours merged, and the paragraph properties. Properties are read
as WordprocessingML says them (elements and w: attributes; an empty w:pPr or w:rPr is none), so a run
split in two or a namespace prefix spelled differently compares equal while any change of text, run
formatting or paragraph properties does not. Notes count when the resolved body still refers to them.

The views come from draft_agreement's accept/reject, which the RP ground-truth corpus checks against
Word; LibreOffice's views are compared in test_compare_libreoffice.py.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from draft_agreement.ooxml import W_NS
from draft_agreement.redlining.revisions import accept_all, reject_all

W = f"{{{W_NS}}}"
_TEXT = {W + "t", W + "delText", W + "tab", W + "br", W + "cr", W + "sym", W + "noBreakHyphen"}
STORY_PARTS = ("document", "header", "footer", "footnotes", "endnotes")
_MARKS = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "trPrChange")}


def _props(el: etree._Element | None) -> str:
    if el is None:
        return ""
    out = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == W + "rPr" and len(child) == 0 and not child.attrib:
            continue  # an empty mark formatting says nothing, as an empty w:pPr says nothing
        attrs = sorted((k, v) for k, v in child.attrib.items() if k.startswith(W))
        out.append(f"<{child.tag}{attrs}{_props(child)}>")
    return "".join(out)


def paragraph_signature(p: etree._Element) -> list[tuple[str, str]]:
    pieces: list[list[str]] = []
    for node in p.iter(*_TEXT):
        run = node.getparent()
        if run is None or run.tag != W + "r":
            continue
        key = _props(run.find(W + "rPr"))
        tag = node.tag
        text = (
            node.text or ""
            if tag in (W + "t", W + "delText")
            else {W + "tab": "\t"}.get(tag, "\n" if tag in (W + "br", W + "cr") else "·")
        )
        if pieces and pieces[-1][1] == key:
            pieces[-1][0] += text
        else:
            pieces.append([text, key])
    ppr = p.find(W + "pPr")
    return [(t, k) for t, k in pieces if t] + [("¶", _props(ppr))]


def story_parts(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as z:
        return {
            n: etree.fromstring(z.read(n))
            for n in z.namelist()
            if n.startswith("word/")
            and n.endswith(".xml")
            and n.count("/") == 1
            and n[5:].startswith(STORY_PARTS)
        }


def resolved(path: Path, accept: bool) -> dict[str, etree._Element]:
    parts = story_parts(path)
    for root in parts.values():
        (accept_all if accept else reject_all)(root)
    return parts


def signatures(parts: dict[str, etree._Element]) -> dict[str, list]:
    """Each story part's paragraphs; notes only where the body refers to them (or separators)."""
    body = parts.get("word/document.xml")
    out: dict[str, list] = {}
    for name, root in parts.items():
        if "notes" in name:
            tag = W + ("footnoteReference" if "footnotes" in name else "endnoteReference")
            # Notes show in the order of their references; their order in the part means nothing.
            refs = [el.get(W + "id") for el in body.iter(tag)] if body is not None else []
            by_id = {n.get(W + "id"): n for n in root}
            notes = [n for n in root if n.get(W + "type") not in (None, "normal")]
            notes += [by_id[r] for r in dict.fromkeys(refs) if r in by_id and by_id[r] not in notes]
            out[name] = [[paragraph_signature(p) for p in n.iter(W + "p")] for n in notes]
        else:
            out[name] = [paragraph_signature(p) for p in root.iter(W + "p")]
    return out


def remaining_marks(parts: dict[str, etree._Element]) -> list[str]:
    return sorted({etree.QName(el).localname for root in parts.values() for el in root.iter(*_MARKS)})


def differences(old: Path, new: Path, redline: Path) -> list[str]:
    """What accept-all and reject-all of `redline` get wrong, part by part (empty when exact)."""
    problems = []
    got_accept, want_accept = signatures(resolved(redline, True)), signatures(resolved(new, True))
    got_reject, want_reject = signatures(resolved(redline, False)), signatures(resolved(old, False))
    for view, got, want in (("accept", got_accept, want_accept), ("reject", got_reject, want_reject)):
        for name in sorted(set(got) & set(want)):
            if got[name] != want[name]:
                problems.append(f"{view}: {name}: {_first_difference(got[name], want[name])}")
    return problems


def _first_difference(got: list, want: list) -> str:
    for i, (g, w) in enumerate(zip(got, want, strict=False)):
        if g != w:
            return f"paragraph {i}: got {str(g)[:300]} want {str(w)[:300]}"
    return f"{len(got)} paragraphs, want {len(want)}"

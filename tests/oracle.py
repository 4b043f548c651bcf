"""Independent checks of redlined packages: what a lawyer would see after accepting or rejecting.

The signature of a story is, per paragraph, its visible pieces as (text, formatting, revision context)
with equal neighbours merged, so a run split at a new boundary or a wrapper cut in two compares equal,
while any change of text, formatting or of someone else's revision does not.
"""

from __future__ import annotations

import copy
import zipfile
from collections import Counter
from pathlib import Path

from lxml import etree

from draft_agreement.ooxml import W_NS
from draft_agreement.redlining.revisions import reject_all

W = f"{{{W_NS}}}"
_TEXT = {
    W + "t",
    W + "delText",
    W + "tab",
    W + "br",
    W + "cr",
    W + "sym",
    W + "noBreakHyphen",
    W + "instrText",
    W + "delInstrText",
}
_WRAPPERS = {W + "ins", W + "del", W + "moveTo", W + "moveFrom"}


def _rpr_key(run: etree._Element) -> str:
    rpr = run.find(W + "rPr")
    return etree.tostring(rpr, method="c14n").decode() if rpr is not None else ""


def _context(run: etree._Element, p: etree._Element) -> tuple[tuple[str, str | None, str | None], ...]:
    chain = []
    anc = run.getparent()
    while anc is not None and anc is not p:
        if anc.tag in _WRAPPERS:
            chain.append((etree.QName(anc).localname, anc.get(W + "author"), anc.get(W + "date")))
        elif anc.tag in (W + "hyperlink", W + "sdtContent", W + "smartTag", W + "fldSimple"):
            chain.append((etree.QName(anc).localname, None, None))
        anc = anc.getparent()
    return tuple(chain)


def _node_text(node: etree._Element) -> str:
    tag = node.tag
    if tag in (W + "t", W + "delText", W + "instrText", W + "delInstrText"):
        return node.text or ""
    return {W + "tab": "\t", W + "br": "\n", W + "cr": "\n"}.get(tag, "·")


def paragraph_signature(p: etree._Element) -> list[tuple[str, str, tuple, str]]:
    pieces: list[list] = []
    for node in p.iter(*_TEXT):
        run = node.getparent()
        if run is None or run.tag != W + "r":
            continue
        kind = "deleted" if node.tag in (W + "delText", W + "delInstrText") else "text"
        key = (_rpr_key(run), _context(run, p), kind)
        text = _node_text(node)
        if pieces and tuple(pieces[-1][1:]) == key:
            pieces[-1][0] += text
        else:
            pieces.append([text, *key])
    ppr = p.find(W + "pPr")
    mark = etree.tostring(ppr, method="c14n").decode() if ppr is not None else ""
    return [(t, r, c, k) for t, r, c, k in pieces] + [("¶", mark, (), "mark")]


def part_signature(root: etree._Element) -> list[list[tuple[str, str, tuple, str]]]:
    return [paragraph_signature(p) for p in root.iter(W + "p")]


def read_part(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def rejected_ours(path: Path, author: str, name: str = "word/document.xml") -> etree._Element:
    """The part with only `author`'s revisions rejected."""
    root = copy.deepcopy(read_part(path, name))
    reject_all(root, [author])
    return root


def structural_problems(path: Path) -> list[str]:
    """Rules Word enforces that a redline must not break (see redlining-notes.md)."""
    problems = []
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")]
        roots = {n: etree.fromstring(z.read(n)) for n in names}
    ids: Counter[str] = Counter()
    for name, root in roots.items():
        for el in root.iter(W + "ins", W + "del", W + "moveFrom", W + "moveTo", W + "commentRangeStart"):
            if el.getparent() is not None and el.getparent().tag in (W + "rPr", W + "trPr"):
                continue
            for attr in ("id", "author", "date"):
                if el.tag != W + "commentRangeStart" and el.get(W + attr) is None:
                    problems.append(f"{name}: {etree.QName(el).localname} without w:{attr}")
            ids[el.get(W + "id")] += 1
        for t in root.iter(W + "t"):
            anc = t.getparent()
            while anc is not None:
                if anc.tag == W + "del":
                    problems.append(f"{name}: w:t inside w:del")
                    break
                anc = anc.getparent()
        for t in root.iter(W + "t", W + "delText"):
            if t.text and "\n" in t.text:
                problems.append(f"{name}: newline inside {etree.QName(t).localname}")
        for wrapper in root.iter(W + "ins", W + "del"):
            if wrapper.getparent().tag == W + "r":
                problems.append(f"{name}: revision inside a run")
        starts = {el.get(W + "id") for el in root.iter(W + "commentRangeStart")}
        ends = {el.get(W + "id") for el in root.iter(W + "commentRangeEnd")}
        refs = {el.get(W + "id") for el in root.iter(W + "commentReference")}
        if name == "word/document.xml":
            if starts != ends or not starts <= refs:
                problems.append(f"{name}: unbalanced comment ranges {sorted(starts ^ ends)}")
            comments = roots.get("word/comments.xml")
            known = {c.get(W + "id") for c in comments.iter(W + "comment")} if comments is not None else set()
            if refs - known:
                problems.append(f"{name}: comment references without a comment {sorted(refs - known)}")
    problems += [f"duplicate w:id {i}" for i, n in ids.items() if n > 1]
    return problems

"""Marked blanks: a fact the agreement does not give is printed as a visible gap, never guessed or refused.

A missing value renders as 【待填写：接收方的联系方式】 / [To be completed: the recipient's contact details],
and in a Word draft it carries the character style "待填写" / "Blank to complete" (yellow shading), so a
lawyer finds every gap with Find › Format › Style (or by searching the words). The blanks a draft lists
are the ones its text really shows, read back from the rendered file: a blank inside a paragraph the
template dropped is no gap.

A Blank is falsy, so `{% if source_date %}` treats it as absent, and iterable, so a list variable's
blank prints as one item.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass

from lxml import etree
from markupsafe import Markup, escape

from draft_agreement.ooxml import W_R, W_RPR, W_T, w
from draft_agreement.package import parse_xml

STYLE_ID = "DABlank"
STYLE_NAMES = {"zh": "待填写", "zh-Hant": "待填寫", "en": "Blank to complete"}
SHADING = "FFFF00"
_OPEN = {"zh": "【待填写：", "zh-Hant": "【待填寫：", "en": "[To be completed: "}
_CLOSE = {"zh": "】", "zh-Hant": "】", "en": "]"}
MARKER = re.compile(r"【待填[写寫]：(?P<zh>[^【】]+)】|\[To be completed: (?P<en>[^\[\]]+)\]")
_STORY_PARTS = re.compile(r"word/(?:document|header\d*|footer\d*|footnotes|endnotes)\.xml\Z")


@dataclass(frozen=True)
class Blank:
    """A value nobody gave: the variable, what the gap says in the draft, and its description."""

    name: str
    label: str
    lang: str
    description: str = ""

    def __str__(self) -> str:
        return marker(self.label, self.lang)

    def __html__(self) -> Markup:
        return escape(str(self))

    def __bool__(self) -> bool:
        return False

    def __iter__(self) -> Iterator[Blank]:
        yield self

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "label": self.label, "description": self.description or self.label}


def marker(label: str, lang: str) -> str:
    return f"{_OPEN[lang]}{label}{_CLOSE[lang]}"


def markers_in(text: str) -> list[str]:
    """The labels of the blanks in `text`, in order."""
    return [m.group("zh") or m.group("en") for m in MARKER.finditer(text)]


def mark_blanks(data: bytes, script: str) -> tuple[bytes, list[str]]:
    """Give every blank in a rendered package the blank character style; return the package and the
    labels of the blanks it shows, in document order (body first, then headers and footers)."""
    found: list[str] = []
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        for name in names:
            parts[name] = archive.read(name)
    changed = False
    for name in sorted((n for n in names if _STORY_PARTS.match(n)), key=_story_order):
        root = parse_xml(parts[name], name)
        labels = _style_runs(root)
        if labels:
            found += labels
            parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            changed = True
    if changed and "word/styles.xml" in parts:
        styles = parse_xml(parts["word/styles.xml"], "word/styles.xml")
        if _add_style(styles, script):
            parts["word/styles.xml"] = etree.tostring(
                styles, xml_declaration=True, encoding="UTF-8", standalone=True
            )
    if not changed:
        return data, found
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, parts[info.filename], compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue(), found


def _story_order(name: str) -> tuple[int, str]:
    return (0 if name == "word/document.xml" else 1, name)


def _style_runs(root: etree._Element) -> list[str]:
    """Split each run whose text holds a blank so the blank is a run of its own, in the blank style."""
    found: list[str] = []
    for run in list(root.iter(W_R)):
        texts = [t for t in run.iterchildren(W_T) if t.text and MARKER.search(t.text)]
        if not texts:
            continue
        properties = run.find(W_RPR)
        pieces: list[etree._Element] = []
        current = _new_run(properties, blank=False)
        for child in list(run):
            if child.tag == W_RPR:
                continue
            if child in texts:
                for text, is_blank in _split(child.text or ""):
                    if is_blank:
                        found.append(markers_in(text)[0])
                        if _has_content(current):
                            pieces.append(current)
                        blank_run = _new_run(properties, blank=True)
                        blank_run.append(_text(text))
                        pieces.append(blank_run)
                        current = _new_run(properties, blank=False)
                    else:
                        current.append(_text(text))
            else:
                current.append(child)
        if _has_content(current):
            pieces.append(current)
        parent = run.getparent()
        at = parent.index(run)
        parent.remove(run)
        for offset, piece in enumerate(pieces):
            parent.insert(at + offset, piece)
    return found


def _has_content(run: etree._Element) -> bool:
    return any(child.tag != W_RPR for child in run)


def _split(text: str) -> Iterator[tuple[str, bool]]:
    at = 0
    for m in MARKER.finditer(text):
        if m.start() > at:
            yield text[at : m.start()], False
        yield m.group(), True
        at = m.end()
    if at < len(text):
        yield text[at:], False


def _new_run(properties: etree._Element | None, *, blank: bool) -> etree._Element:
    run = etree.Element(W_R)
    rpr = deepcopy(properties) if properties is not None else None
    if blank:
        if rpr is None:
            rpr = etree.Element(W_RPR)
        for old in rpr.findall(w("rStyle")):
            rpr.remove(old)
        style = etree.Element(w("rStyle"))
        style.set(w("val"), STYLE_ID)
        rpr.insert(0, style)
    if rpr is not None:
        run.append(rpr)
    return run


def _text(value: str) -> etree._Element:
    t = etree.Element(W_T)
    t.text = value
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return t


def _add_style(styles: etree._Element, script: str) -> bool:
    """Define the blank style unless the template does (a firm may restyle its blanks)."""
    if any(s.get(w("styleId")) == STYLE_ID for s in styles.iter(w("style"))):
        return False
    style = etree.SubElement(styles, w("style"))
    style.set(w("type"), "character")
    style.set(w("customStyle"), "1")
    style.set(w("styleId"), STYLE_ID)
    etree.SubElement(style, w("name")).set(w("val"), STYLE_NAMES.get(script, STYLE_NAMES["en"]))
    etree.SubElement(style, w("uiPriority")).set(w("val"), "1")
    etree.SubElement(style, w("qFormat"))
    rpr = etree.SubElement(style, W_RPR)
    shading = etree.SubElement(rpr, w("shd"))
    shading.set(w("val"), "clear")
    shading.set(w("color"), "auto")
    shading.set(w("fill"), SHADING)
    return True

"""Random Word paragraphs and minimal packages for property tests of the model and the writer.

Paragraphs mix plain runs with formatting, other authors' insertions and deletions (nested too),
hyperlinks, content controls, smart tags, tabs and breaks — what real agreements contain.
"""

from __future__ import annotations

import itertools
import zipfile
from pathlib import Path

from hypothesis import strategies as st
from lxml import etree

from draft_agreement.ooxml import W_NS
from draft_agreement.redlining.writer import Edit

OTHER = "Other Counsel"
_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.com/" TargetMode="External"/>'
    "</Relationships>"
)
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>'
    "</w:styles>"
)

text_chars = st.sampled_from(list("甲乙方账号密码微信转让好友客户 abcXYZ09，。;"))
run_text = st.text(text_chars, min_size=1, max_size=6)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class _Ids:
    """Revision ids unique across every paragraph a test draws, as Word requires."""

    counter = itertools.count(1001)

    def next(self) -> str:
        return str(next(self.counter))


def _run(
    parent: etree._Element, text: str, deleted: bool, bold: bool, font: bool, special: str | None
) -> None:
    r = etree.SubElement(parent, _w("r"))
    if bold or font:
        rpr = etree.SubElement(r, _w("rPr"))
        if font:
            fonts = etree.SubElement(rpr, _w("rFonts"))
            for slot, name in (
                ("ascii", "Times New Roman"),
                ("hAnsi", "Times New Roman"),
                ("eastAsia", "宋体"),
                ("cs", "Arial"),
            ):
                fonts.set(_w(slot), name)
        if bold:
            etree.SubElement(rpr, _w("b"))
    if special == "tab":
        etree.SubElement(r, _w("tab"))
    elif special == "br":
        etree.SubElement(r, _w("br"))
    else:
        t = etree.SubElement(r, _w("delText") if deleted else _w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


@st.composite
def paragraph_xml(draw: st.DrawFn, ids: _Ids | None = None) -> etree._Element:
    """A random w:p with formatting, others' revisions, hyperlinks, content controls and smart tags."""
    ids = ids or _Ids()
    p = etree.Element(
        _w("p"), nsmap={"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
    )
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(
            st.sampled_from(["plain", "plain", "ins", "del", "insdel", "hyperlink", "sdt", "smartTag"])
        )
        deleted = kind in ("del", "insdel")
        revision = {_w("author"): OTHER, _w("date"): "2020-05-01T00:00:00Z"}
        if kind == "plain":
            container = p
        elif kind == "ins":
            container = etree.SubElement(p, _w("ins"), {_w("id"): ids.next(), **revision})
        elif kind == "del":
            container = etree.SubElement(p, _w("del"), {_w("id"): ids.next(), **revision})
        elif kind == "insdel":
            outer = etree.SubElement(p, _w("ins"), {_w("id"): ids.next(), **revision})
            container = etree.SubElement(
                outer,
                _w("del"),
                {_w("id"): ids.next(), _w("author"): "Third", _w("date"): "2021-01-01T00:00:00Z"},
            )
        elif kind == "hyperlink":
            container = etree.SubElement(
                p,
                _w("hyperlink"),
                {"{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id": "rId2"},
            )
        elif kind == "sdt":
            sdt = etree.SubElement(p, _w("sdt"))
            etree.SubElement(etree.SubElement(sdt, _w("sdtPr")), _w("id")).set(_w("val"), ids.next())
            container = etree.SubElement(sdt, _w("sdtContent"))
        else:
            container = etree.SubElement(p, _w("smartTag"), {_w("uri"): "urn:x", _w("element"): "place"})
        for i, text in enumerate(draw(st.lists(run_text, min_size=1, max_size=3))):
            special = draw(st.sampled_from([None, None, None, None, "tab", "br"])) if i == 0 else None
            _run(container, text, deleted, draw(st.booleans()), draw(st.booleans()), special)
    return p


def write_docx(path: Path, paragraphs: list[etree._Element]) -> Path:
    """A minimal but complete package holding `paragraphs` as the body."""
    doc = etree.Element(
        _w("document"),
        nsmap={"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
    )
    body = etree.SubElement(doc, _w("body"))
    for p in paragraphs:
        body.append(p)
    etree.SubElement(body, _w("sectPr"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/_rels/document.xml.rels", _DOC_RELS)
        z.writestr(
            "word/document.xml", etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
        )
        z.writestr("word/styles.xml", _STYLES)
    return path


replacement_text = st.text(st.sampled_from(list("甲方保留账号并取得单独同意 abc\t")), max_size=12)


@st.composite
def edits_for(draw: st.DrawFn, text: str, index: int) -> list[Edit]:
    """Non-overlapping random spans of `text`, each replaced, deleted, commented, or both."""
    n = len(text)
    if n == 0:
        return []
    cuts = sorted(draw(st.lists(st.integers(0, n), min_size=2, max_size=6, unique=True)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if start == end:
            continue
        replacement = draw(st.one_of(st.none(), st.just(""), replacement_text))
        comment = draw(st.one_of(st.none(), st.just("理由：第二十三条")))
        if replacement is None and comment is None:
            comment = "note"
        edits.append(Edit("body", index, start, end, replacement, comment))
    return edits

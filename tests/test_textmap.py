"""Property tests: random paragraphs map every character back to the run that holds it."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.model import View, read_paragraph
from draft_agreement.model.paragraph_text import paragraph_text
from draft_agreement.ooxml import W_NS
from tests.docgen import paragraph_xml

TEST_NS = "urn:draft-agreement:test"
RUN_ID = f"{{{TEST_NS}}}run"


@dataclass
class Expected:
    current: list[tuple[str, str]]  # (char, run id) in the current view
    rejected: list[tuple[str, str]]


text_chars = st.sampled_from(list("甲乙方账号密码微信转让 abcXYZ09，。;\u3000"))
run_text = st.text(text_chars, min_size=1, max_size=6)


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


class Builder:
    """Builds a w:p from a random recipe and records what each view must read."""

    def __init__(self) -> None:
        self.n = 0
        self.expected = Expected([], [])

    def run(
        self,
        parent: etree._Element,
        text: str,
        *,
        deleted: bool,
        in_ins: bool,
        in_del: bool,
        bold: bool,
        special: str | None,
    ) -> None:
        r = etree.SubElement(parent, _w("r"))
        rid = f"r{self.n}"
        self.n += 1
        r.set(RUN_ID, rid)
        if bold:
            rpr = etree.SubElement(r, _w("rPr"))
            etree.SubElement(rpr, _w("b"))
            # A tab-stop-like element inside properties must never contribute text.
            etree.SubElement(rpr, _w("tab"))
        if special == "tab":
            etree.SubElement(r, _w("tab"))
            chars = "\t"
        elif special == "br":
            etree.SubElement(r, _w("br"))
            chars = "\n"
        else:
            t = etree.SubElement(r, _w("delText") if deleted else _w("t"))
            t.text = text
            chars = text
        pairs = [(c, rid) for c in chars]
        if not in_del:
            self.expected.current.extend(pairs)
        if not in_ins:
            self.expected.rejected.extend(pairs)


@st.composite
def paragraphs(draw: st.DrawFn) -> tuple[etree._Element, Expected]:
    b = Builder()
    p = etree.Element(_w("p"), nsmap={"w": W_NS, "t": TEST_NS})
    ppr = etree.SubElement(p, _w("pPr"))
    tabs = etree.SubElement(ppr, _w("tabs"))
    etree.SubElement(tabs, _w("tab"))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(
            st.sampled_from(["plain", "ins", "del", "insdel", "hyperlink", "sdt", "smartTag", "textbox"])
        )
        texts = draw(st.lists(run_text, min_size=1, max_size=3))
        special = draw(st.sampled_from([None, None, None, "tab", "br"]))
        bold = draw(st.booleans())
        if kind == "plain":
            container, flags = p, {"deleted": False, "in_ins": False, "in_del": False}
        elif kind == "ins":
            container = etree.SubElement(p, _w("ins"), {_w("id"): "1", _w("author"): "A"})
            flags = {"deleted": False, "in_ins": True, "in_del": False}
        elif kind == "del":
            container = etree.SubElement(p, _w("del"), {_w("id"): "2", _w("author"): "A"})
            flags = {"deleted": True, "in_ins": False, "in_del": True}
        elif kind == "insdel":
            ins = etree.SubElement(p, _w("ins"), {_w("id"): "3", _w("author"): "A"})
            container = etree.SubElement(ins, _w("del"), {_w("id"): "4", _w("author"): "B"})
            flags = {"deleted": True, "in_ins": True, "in_del": True}
        elif kind == "hyperlink":
            container = etree.SubElement(p, _w("hyperlink"))
            flags = {"deleted": False, "in_ins": False, "in_del": False}
        elif kind == "sdt":
            sdt = etree.SubElement(p, _w("sdt"))
            etree.SubElement(sdt, _w("sdtPr"))
            container = etree.SubElement(sdt, _w("sdtContent"))
            flags = {"deleted": False, "in_ins": False, "in_del": False}
        elif kind == "smartTag":
            container = etree.SubElement(p, _w("smartTag"))
            flags = {"deleted": False, "in_ins": False, "in_del": False}
        else:
            # A text box inside a run: its paragraph is another story and adds nothing here.
            r = etree.SubElement(p, _w("r"))
            box = etree.SubElement(
                etree.SubElement(etree.SubElement(r, _w("pict")), _w("textbox")), _w("txbxContent")
            )
            inner = etree.SubElement(etree.SubElement(box, _w("p")), _w("r"))
            etree.SubElement(inner, _w("t")).text = "不属于本段"
            continue
        for i, text in enumerate(texts):
            b.run(container, text, bold=bold, special=special if i == 0 else None, **flags)
    return p, b.expected


def _chars_and_runs(p: etree._Element, view: View) -> list[tuple[str, str]]:
    tm = read_paragraph(p, view)
    out = []
    for i in range(len(tm)):
        piece, off = tm.locate(i)
        out.append((piece.text[off], piece.run.get(RUN_ID)))
    return out


@settings(max_examples=300, deadline=None)
@given(paragraphs())
def test_every_character_maps_to_its_run(case: tuple[etree._Element, Expected]) -> None:
    p, expected = case
    assert _chars_and_runs(p, View.CURRENT) == expected.current
    assert _chars_and_runs(p, View.REJECTED) == expected.rejected


@settings(max_examples=300, deadline=None)
@given(paragraphs(), st.data())
def test_slices_concatenate_to_the_span(case: tuple[etree._Element, Expected], data: st.DataObject) -> None:
    p, expected = case
    tm = read_paragraph(p)
    text = tm.text
    assert text == "".join(c for c, _ in expected.current)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    slices = list(tm.slices(start, end))
    assert "".join(s.text for s in slices) == text[start:end]
    for s in slices:
        node_text = s.piece.node.text if s.piece.node.text is not None else s.piece.text
        if len(s.piece.text) > 1:
            # Multi-character pieces are w:t nodes: the slice indexes the node's own text.
            assert node_text[s.node_start : s.node_end] == s.text
        assert s.piece.node.getparent() is s.piece.run
    # Runs come back once each and in document order.
    runs = tm.runs(start, end)
    ids = [r.get(RUN_ID) for r in runs]
    assert len(ids) == len(set(ids))
    order = [r.get(RUN_ID) for r in p.iter(f"{{{W_NS}}}r") if r.get(RUN_ID)]
    assert ids == sorted(ids, key=order.index)


def test_revision_wrapper_is_recorded() -> None:
    p = etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:r><w:t>甲方</w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t>同意</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText>拒绝</w:delText></w:r></w:del></w:p>'
    )
    tm = read_paragraph(p)
    assert tm.text == "甲方同意"
    assert tm.pieces[0].revision is None
    assert etree.QName(tm.pieces[1].revision).localname == "ins"
    rejected = read_paragraph(p, View.REJECTED)
    assert rejected.text == "甲方拒绝"
    assert etree.QName(rejected.pieces[1].revision).localname == "del"


def test_symbols_and_fallback_copies() -> None:
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    p = etree.fromstring(
        f'<w:p xmlns:w="{W_NS}" xmlns:mc="{mc}"><w:r><w:sym w:font="Wingdings" w:char="F0FC"/>'
        "<w:noBreakHyphen/><w:instrText> PAGE </w:instrText></w:r>"
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice>'
        "<mc:Fallback><w:r><w:t>dup</w:t></w:r></mc:Fallback></mc:AlternateContent><w:t>x</w:t></w:r></w:p>"
    )
    assert read_paragraph(p).text == "\uf0fc\u2011x"


@settings(max_examples=300, deadline=None)
@given(paragraph_xml(), st.sampled_from(list(View)))
def test_text_without_the_map_is_the_maps_text(p: etree._Element, view: View) -> None:
    """The model keeps only text (paragraph_text, with a fast path for plain paragraphs); it must be
    exactly what the map the writer uses reads."""
    assert paragraph_text(p, view) == read_paragraph(p, view).text

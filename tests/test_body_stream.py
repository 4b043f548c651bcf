"""A streamed main part (cut into windows, parsed a window at a time) models and redlines exactly like
the same part held as one tree. Streaming is forced on small documents with tiny windows, so every cut
rule (inside tables, text boxes, content controls, tracked wrappers) is exercised; the tree path is the
oracle."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import draft_agreement.model.body_stream as body_stream
import draft_agreement.package as package
from draft_agreement.errors import UnsupportedDocument
from draft_agreement.model import load_document
from draft_agreement.model.document import Document
from draft_agreement.redlining.writer import Mode, RedlineWriter
from tests.corpus import CORPUS, require
from tests.docgen import W_NS, edits_for, paragraph_xml, write_docx
from tests.hostile import billion_laughs_docx, malformed_xml_docx, xxe_docx
from tests.oracle import part_signature, read_part, rejected_ours

US = "draft-agreement"
DATE = "2026-01-01T00:00:00Z"
SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.docx"))


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def load(path: Path, *, stream: bool, window: int = body_stream.WINDOW_BYTES) -> Document:
    """Load with streaming forced on (every part streams) or off (every part is one tree)."""
    saved = package.STREAM_ABOVE, body_stream.WINDOW_BYTES
    package.STREAM_ABOVE = 0 if stream else 1 << 40
    body_stream.WINDOW_BYTES = window
    try:
        return load_document(path)
    finally:
        package.STREAM_ABOVE, body_stream.WINDOW_BYTES = saved


def facts(doc: Document) -> list:
    """Everything review and the plan read from the model, story by story."""
    return [
        (
            s.id,
            s.kind,
            s.part,
            [
                (
                    p.text,
                    p.label,
                    p.clause_path,
                    p.cell,
                    p.mark_revision,
                    p.joins_next,
                    p.styled_heading,
                    p.note_id,
                )
                for p in s.paragraphs
            ],
        )
        for s in doc.stories
    ]


def canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def assert_same_package(streamed: Path, tree: Path) -> None:
    """Same parts; the main part equal as XML (untouched windows keep the input's own bytes), the rest
    byte for byte."""
    a, b = parts(streamed), parts(tree)
    assert list(a) == list(b)
    for name in a:
        if name == "word/document.xml":
            assert canonical(a[name]) == canonical(b[name])
        else:
            assert a[name] == b[name], name


def redline_both(src: Path, edits_of, mode: Mode, window: int, out_dir: Path) -> tuple[Path, Path, Document]:
    outputs = []
    streamed_doc = None
    for stream in (True, False):
        doc = load(src, stream=stream, window=window)
        if stream:
            assert doc.streamed, "streaming was forced but the part was parsed whole"
            streamed_doc = doc
        writer = RedlineWriter(doc, US, DATE, mode)
        writer.apply(edits_of(doc))
        out = out_dir / f"{'streamed' if stream else 'tree'}-{mode}.docx"
        writer.save(out)
        outputs.append(out)
    assert streamed_doc is not None
    return outputs[0], outputs[1], streamed_doc


# -- random documents ---------------------------------------------------------------------------------


@st.composite
def block(draw: st.DrawFn) -> etree._Element:
    """A top-level block: a paragraph, a table of paragraphs, or a block content control around some."""
    kind = draw(st.sampled_from(["p", "p", "p", "tbl", "sdt"]))
    if kind == "p":
        return draw(paragraph_xml())
    if kind == "sdt":
        sdt = etree.Element(_w("sdt"))
        etree.SubElement(sdt, _w("sdtPr"))
        content = etree.SubElement(sdt, _w("sdtContent"))
        for p in draw(st.lists(paragraph_xml(), min_size=1, max_size=2)):
            content.append(p)
        return sdt
    tbl = etree.Element(_w("tbl"))
    etree.SubElement(tbl, _w("tblPr"))
    for _ in range(draw(st.integers(1, 2))):
        row = etree.SubElement(tbl, _w("tr"))
        for _ in range(draw(st.integers(1, 2))):
            cell = etree.SubElement(row, _w("tc"))
            for p in draw(st.lists(paragraph_xml(), min_size=1, max_size=2)):
                cell.append(p)
    return tbl


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(block(), min_size=1, max_size=6),
    st.sampled_from([1, 40, 300, 1 << 14]),
    st.sampled_from(list(Mode)),
    st.data(),
)
def test_random_documents_stream_exactly_like_trees(
    blocks: list[etree._Element], window: int, mode: Mode, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = write_docx(Path(tmp) / "in.docx", blocks)
        tree_doc = load(src, stream=False)
        assert facts(load(src, stream=True, window=window)) == facts(tree_doc)
        texts = [p.text for p in tree_doc.story("body").paragraphs] if tree_doc.stories else []
        edits = [e for i, t in enumerate(texts) for e in data.draw(edits_for(t, i))]
        streamed, tree, _ = redline_both(src, lambda _doc: edits, mode, window, Path(tmp))
        assert_same_package(streamed, tree)
        if mode is Mode.track:
            # Lossless on its own terms too: rejecting ours gives back the input.
            assert part_signature(rejected_ours(streamed, US)) == part_signature(read_part(src))


# -- samples and the corpus ---------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("mode", list(Mode))
def test_samples_redline_the_same_streamed(sample: Path, mode: Mode, tmp_path: Path) -> None:
    from draft_agreement.redlining.plan import plan_edits
    from draft_agreement.redlining.replacements import load_replacements
    from draft_agreement.reviewing.rules import default_clauses_dir
    from draft_agreement.reviewing.run import review_document

    library = load_replacements(str(default_clauses_dir() / "replacements"))

    def plan(doc: Document) -> list:
        report = review_document(doc)
        return plan_edits(doc, report.findings, library, "zh" if ".zh." in sample.name else "en", "medium")

    streamed, tree, doc = redline_both(sample, plan, mode, 64, tmp_path)
    assert len(doc.streamed[doc.main_part].windows) > 10  # small windows: many cuts were made
    assert_same_package(streamed, tree)


def test_whole_corpus_streams_exactly_like_trees() -> None:
    """Every corpus file, cut after every top-level paragraph that allows it: same model, same text in
    both views, the untouched part byte for byte, and every window serialised again equals the input."""
    checked = 0
    for path in sorted(require(CORPUS).rglob("*.docx")):
        try:
            tree = load(path, stream=False)
        except UnsupportedDocument:
            continue
        doc = load(path, stream=True, window=1)
        store = doc.streamed[doc.main_part]
        assert facts(doc) == facts(tree), path.name
        original = doc.package.read(doc.main_part)
        assert b"".join(store.chunks()) == original, path.name
        for story in (s for s in tree.stories if s.kind == "body"):
            assert doc.story_text(story.id) == tree.story_text(story.id), path.name
        for a, b in zip(tree.paragraphs(), doc.paragraphs(), strict=True):
            assert (a.textmap.text, a.revisions, a.row_revision) == (
                b.textmap.text,
                b.revisions,
                b.row_revision,
            )
        for i in _windows_with_paragraphs(doc):
            store.paragraph(i, 0, edit=True)  # pinned: serialised afresh on settling
            store.settle(i)
        assert canonical(b"".join(store.chunks())) == canonical(original), path.name
        checked += 1
    assert checked > 600


def _windows_with_paragraphs(doc: Document) -> set[int]:
    return {p.source.window for p in doc.paragraphs() if p.source is not None and not p.source.textbox}


# -- when not to stream, and hostile input -------------------------------------------------------------


def test_utf16_part_is_parsed_whole(tmp_path: Path) -> None:
    """Cutting bytes needs an ASCII-compatible encoding; anything else falls back to the tree."""
    p = etree.Element(_w("p"))
    etree.SubElement(etree.SubElement(p, _w("r")), _w("t")).text = "甲方向乙方交付账号及密码。"
    src = write_docx(tmp_path / "in.docx", [p])
    with zipfile.ZipFile(src) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(entries["word/document.xml"])
    entries["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-16")
    utf16 = tmp_path / "utf16.docx"
    with zipfile.ZipFile(utf16, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    doc = load(utf16, stream=True)
    assert doc.streamed == {}
    assert facts(doc) == facts(load(utf16, stream=False))


@pytest.mark.parametrize("make", [xxe_docx, billion_laughs_docx, malformed_xml_docx])
def test_hostile_parts_are_refused_when_streaming(make, tmp_path: Path) -> None:
    path = make(tmp_path)
    with pytest.raises(UnsupportedDocument) as streamed:
        load(path, stream=True, window=1)
    with pytest.raises(UnsupportedDocument) as whole:
        load(path, stream=False)
    assert "\n" not in str(streamed.value)
    assert streamed.value.reason.split(":")[0] == whole.value.reason.split(":")[0]


def test_a_large_agreement_streams_and_redlines_losslessly(tmp_path: Path) -> None:
    """A 12 MiB body (hundreds of windows) is streamed without being asked; the redline is lossless."""
    from draft_agreement.api import redline

    risky = "甲方同意将其实名注册的微信账号的全部使用权转让给乙方，并向乙方交付登录密码及支付密码。"
    plain = "双方应当按照本协议约定履行各自的义务，任何一方不得擅自变更或者解除本协议。"
    paragraphs = []
    size = 0
    i = 0
    while size <= 12 << 20:
        p = etree.Element(_w("p"))
        for piece in (risky if i % 50 == 49 else plain).split("，"):
            run = etree.SubElement(p, _w("r"), {_w("rsidR"): f"{i:08X}"})
            rpr = etree.SubElement(run, _w("rPr"))
            etree.SubElement(rpr, _w("rFonts"), {_w("ascii"): "Times New Roman", _w("eastAsia"): "宋体"})
            t = etree.SubElement(run, _w("t"))
            t.text = piece + "，"
        size += len(etree.tostring(p, encoding="UTF-8"))
        paragraphs.append(p)
        i += 1
    src = write_docx(tmp_path / "large.docx", paragraphs)
    assert len(load_document(src).streamed["word/document.xml"].windows) > 300
    out = tmp_path / "large.redlined.docx"
    outcome = redline(src, out, date="2026-01-01")
    assert outcome.result.revisions > 100
    assert part_signature(rejected_ours(out, US)) == part_signature(read_part(src))


def test_a_damaged_part_is_refused_after_few_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A window that does not parse grows geometrically, so a damaged 1 MiB body costs a handful of
    parses (not one per paragraph) before its one-line refusal: never a hang."""
    paragraphs = []
    for i in range(3000):
        p = etree.Element(_w("p"))
        etree.SubElement(etree.SubElement(p, _w("r")), _w("t")).text = (
            f"第{i}条 双方应当按照本协议约定履行各自的义务。" * 4
        )
        paragraphs.append(p)
    src = write_docx(tmp_path / "in.docx", paragraphs)
    with zipfile.ZipFile(src) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    xml = entries["word/document.xml"]
    broken = xml.replace(b"</w:t></w:r></w:p>", b"</w:t></w:p>", 1)  # an unclosed run in the first paragraph
    assert broken != xml
    entries["word/document.xml"] = broken
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(damaged, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    calls = []
    original = body_stream.BodyStore.parse
    monkeypatch.setattr(
        body_stream.BodyStore,
        "parse",
        lambda self, start, end: calls.append(end - start) or original(self, start, end),
    )
    with pytest.raises(UnsupportedDocument) as refused:
        load_document(damaged)
    assert "malformed XML in word/document.xml" in refused.value.reason
    assert str(damaged.name) in str(refused.value)
    assert len(xml) > 50 * body_stream.WINDOW_BYTES
    assert len(calls) < 12

"""Hostile attribute values and renamed tags: read as Word reads them, never an internal exception.

Each value here once reached users as "could not be processed (ValueError: ...)": an id that passes
isdigit() but not int(), one longer than Python converts, a symbol code beyond Unicode, and a run renamed
to a tag Word ignores, which review read and redline could not find. What review reads, redline writes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.api import redline, review
from draft_agreement.errors import DraftAgreementError
from draft_agreement.inspect import document_to_dict, outline_rows
from draft_agreement.model.document import load_document
from draft_agreement.ooxml import decimal_number, symbol_char
from tests.hostile import W_NS, content_types, docx_parts, rels_xml, write_zip

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "wechat-account-transfer.zh.docx"
RISKY = "甲方同意将微信账号及登录密码转让给乙方，并交付全部客户资料。"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
NUMBERING_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"


def docx(folder: Path, name: str, body: str) -> Path:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:x="urn:example:x"><w:body>{body}</w:body></w:document>'
    ).encode()
    return write_zip(folder / f"{name}.docx", docx_parts(document=document))


CASES = {
    "superscript-two id": f'<w:p><w:bookmarkStart w:id="²" w:name="a"/><w:r><w:t>{RISKY}</w:t></w:r>'
    '<w:bookmarkEnd w:id="²"/></w:p>',
    "5000-digit id": f'<w:p><w:bookmarkStart w:id="{"9" * 5000}" w:name="a"/><w:r><w:t>{RISKY}</w:t></w:r></w:p>',
    "symbol FFFFFFFF": f'<w:p><w:r><w:t>{RISKY}</w:t><w:sym w:font="Wingdings" w:char="FFFFFFFF"/></w:r></w:p>',
    "symbol surrogate": f'<w:p><w:r><w:sym w:font="Symbol" w:char="D800"/><w:t>{RISKY}</w:t></w:r></w:p>',
    "symbol control": f'<w:p><w:r><w:t>{RISKY}</w:t><w:sym w:font="Symbol" w:char="0001"/></w:r></w:p>',
    "renamed run": f"<w:p><w:r><w:t>第一条 </w:t></w:r><w:rr><w:t>{RISKY}</w:t></w:rr>"
    f"<w:r><w:t>{RISKY}</w:t></w:r></w:p>",
    "run in a foreign namespace": f"<w:p><x:r><w:t>{RISKY}</w:t></x:r><w:r><w:t>{RISKY}</w:t></w:r></w:p>",
    "text straight in the paragraph": f"<w:p><w:t>{RISKY}</w:t><w:r><w:t>{RISKY}</w:t></w:r></w:p>",
    "paragraph nested in a paragraph": f"<w:p><w:r><w:t>{RISKY}</w:t></w:r><w:p><w:r><w:t>{RISKY}</w:t></w:r></w:p></w:p>",
}


def _models_agree(path: Path) -> None:
    """Review's text of every paragraph is exactly what the writer's map of that paragraph holds."""
    doc = load_document(path)
    for p in doc.paragraphs():
        assert p.text == p.textmap.text, (p.story, p.index)


@pytest.mark.parametrize("case", CASES)
def test_hostile_values_are_read_and_redlined(case: str, tmp_path: Path) -> None:
    src = docx(tmp_path, "in", CASES[case])
    before = src.read_bytes()
    _models_agree(src)
    report = review(src)
    assert report.summary["high"] >= 1  # the risky clause Word shows is found
    outcome = redline(src, tmp_path / "out.docx")
    assert outcome.result.comments >= 1
    _models_agree(tmp_path / "out.docx")
    doc = load_document(src)
    json.dumps(document_to_dict(doc), ensure_ascii=False).encode("utf-8")  # no lone surrogate either
    outline_rows(doc)
    assert src.read_bytes() == before


def test_what_the_renamed_run_held_is_not_read(tmp_path: Path) -> None:
    doc = load_document(docx(tmp_path, "in", CASES["renamed run"]))
    assert [p.text for p in doc.paragraphs()] == ["第一条 " + RISKY]


@pytest.mark.parametrize("command", ["review", "redline", "inspect"])
def test_hostile_values_through_the_command_line(command: str, tmp_path: Path) -> None:
    body = (
        CASES["superscript-two id"] + CASES["symbol FFFFFFFF"] + CASES["renamed run"] + CASES["5000-digit id"]
    )
    src = docx(tmp_path, "all", body)
    args = [command, str(src)] + (["-o", str(tmp_path / "out.docx")] if command == "redline" else [])
    result = subprocess.run(
        [sys.executable, "-m", "draft_agreement", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "could not be processed" not in result.stderr and "Traceback" not in result.stderr


def test_decimal_number_reads_what_word_holds() -> None:
    assert [decimal_number(v) for v in ("0", "42", "-1", "+7", "007", "2147483647")] == [
        0,
        42,
        -1,
        7,
        7,
        2**31 - 1,
    ]
    for bad in (
        "²",
        "٣",
        "1_0",
        " 3",
        "3 ",
        "1e3",
        "",
        "0x10",
        "9" * 5000,
        "2147483648",
        "-2147483649",
        None,
    ):
        assert decimal_number(bad) is None, bad


def test_symbol_char_names_only_xml_characters() -> None:
    assert symbol_char("F0FC") == "\uf0fc" and symbol_char("41") == "A" and symbol_char("1F600") == "😀"
    for bad in ("FFFFFFFF", "110000", "D800", "DFFF", "0001", "FFFE", "zz", "", None, "F" * 5000):
        assert symbol_char(bad) == "", bad


def _numbered(folder: Path, level_text: str, start: str, fmt: str, paragraphs: int) -> Path:
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W_NS}">'
        f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()
    p = f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>{RISKY}</w:t></w:r></w:p>'
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{p * paragraphs}</w:body></w:document>'
    return write_zip(
        folder / "numbered.docx",
        [
            ("[Content_Types].xml", content_types(extra=f'<Override PartName="/word/numbering.xml" ContentType="{NUMBERING_TYPE}"/>')),
            ("_rels/.rels", rels_xml(("rId1", OFFICE_DOCUMENT, "word/document.xml"))),
            ("word/document.xml", document.encode()),
            ("word/_rels/document.xml.rels", rels_xml(("rId1", STYLES, "styles.xml"), ("rId2", NUMBERING, "numbering.xml"))),
            ("word/styles.xml", f'<w:styles xmlns:w="{W_NS}"/>'.encode()),
            ("word/numbering.xml", numbering),
        ],
    )  # fmt: skip


def test_a_huge_level_text_is_not_repeated_into_every_label(tmp_path: Path) -> None:
    """A 100,000-character w:lvlText in a 4 KB file made every label 100,000 characters: a 1.8 GB report."""
    src = _numbered(tmp_path, "第%1条" + "长" * 100_000, "1", "decimal", 200)
    assert src.stat().st_size < 10_000
    labels = [p.label for p in load_document(src).paragraphs()]
    assert labels[0].startswith("第1条") and max(len(label or "") for label in labels) <= 260
    report = review(src).to_dict()
    size = len(json.dumps(report, ensure_ascii=False))
    assert size < len(report["findings"]) * 5_000 + 100_000  # a few KB a finding, not 100,000 characters each


@pytest.mark.parametrize(
    ("start", "fmt"), [("2147483000", "upperRoman"), ("31999", "lowerRoman"), ("²", "decimal")]
)
def test_a_huge_start_value_gives_a_short_label(start: str, fmt: str, tmp_path: Path) -> None:
    src = _numbered(tmp_path, "%1.", start, fmt, 3)
    labels = [p.label for p in load_document(src).paragraphs()]
    assert all(label and len(label) <= 50 for label in labels), labels
    if fmt == "lowerRoman":  # repeated Ms as far as Word's 31-character labels reach, then digits
        assert labels[0] == "m" * 31 + "cmxcix." and labels[1] == "32000."


# Values that int() mishandles or that no 32-bit field can hold.
BAD_VALUES = [
    "²",
    "9" * 5000,
    "0" * 5000 + "5",
    "FFFFFFFF",
    "-99999999999",
    "1e3",
    "",
    " 3",
    "٣",
    "2147483648",
]


def _numeric_attributes(parts: dict[str, bytes]) -> list[tuple[str, str, str]]:
    found = set()
    for name, data in parts.items():
        if name.startswith("word/") and name.endswith(".xml"):
            for el in etree.fromstring(data).iter():
                for key, value in el.attrib.items():
                    if value[:8].lstrip("-").isalnum() and all(c in "-0123456789ABCDEFabcdef" for c in value):
                        found.add((name, el.tag, key))
    return sorted(found)


SAMPLE_PARTS = {n: zipfile.ZipFile(SAMPLE).read(n) for n in zipfile.ZipFile(SAMPLE).namelist()}
NUMERIC = _numeric_attributes(SAMPLE_PARTS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NUMERIC), st.sampled_from(BAD_VALUES))
def test_any_numeric_attribute_with_a_hostile_value(
    tmp_path_factory: pytest.TempPathFactory, attribute: tuple[str, str, str], value: str
) -> None:
    """Every numeric attribute of a real agreement (ids, numbering, sizes, symbols...) set to a hostile
    value: review, redline and inspect read it or refuse it, and never disagree about the text."""
    name, tag, key = attribute
    root = etree.fromstring(SAMPLE_PARTS[name])
    for el in root.iter(tag):
        if key in el.attrib:
            el.set(key, value)
    parts = {
        **SAMPLE_PARTS,
        name: etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
    }
    tmp = tmp_path_factory.mktemp("values")
    src = write_zip(tmp / "in.docx", parts.items())
    try:
        _models_agree(src)
        review(src)
        redline(src, tmp / "out.docx")
        document_to_dict(load_document(src))
    except DraftAgreementError as exc:  # a refusal is one line that names the problem
        assert "\n" not in str(exc) and str(src) in str(exc)


def test_annexes_attach_to_an_agreement_without_lists(tmp_path: Path) -> None:
    """Word writes numbering.xml with the first list; python-docx cannot create one and raised
    NotImplementedError, so --attach failed on every agreement without a list."""
    src = docx(tmp_path, "plain", f"<w:p><w:r><w:t>{RISKY}</w:t></w:r></w:p>")
    values = {
        "provider_name": "甲",
        "provider_contact": "13800000000",
        "recipient_name": "乙",
        "recipient_contact": "13900000000",
        "categories": "姓名",
    }
    out = tmp_path / "out.docx"
    redline(src, out, attach=["consent-notice"], attach_values=values)
    texts = [p.text for p in load_document(out).paragraphs()]
    assert texts[0] != "" and len(texts) > 5  # the agreement, then the annex

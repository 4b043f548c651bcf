"""Composition: annexes appended after page breaks, nothing of the main agreement moved or restyled,
and every comment and revision id unique in the result.

The composed package is read back with lxml and with the project's own document model (for rendered
list numbers), and compared with the inputs read the same way.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from draft_agreement.drafting import attach, compose, draft
from draft_agreement.errors import OutputError, TemplateError, UnsupportedDocument
from draft_agreement.model.document import load_document
from tests.drafting_cases import WECHAT_SALE

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
WECHAT = SAMPLES / "wechat-account-transfer.zh.docx"
ENGLISH = SAMPLES / "social-media-account-sale.en.docx"
REFERRAL = SAMPLES / "customer-referral-agreement.zh.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
REVISIONS = {f"{W}{t}" for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange")}
MARKERS = {f"{W}{t}" for t in ("commentRangeStart", "commentRangeEnd", "commentReference")}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def part(path: Path, name: str) -> etree._Element | None:
    with zipfile.ZipFile(path) as archive:
        if name not in archive.namelist():
            return None
        return etree.fromstring(archive.read(name), PARSER)


def body_paragraphs(path: Path) -> list[etree._Element]:
    root = part(path, "word/document.xml")
    assert root is not None
    return list(root.iter(f"{W}p"))


def para_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def texts(path: Path) -> list[str]:
    return [t for t in map(para_text, body_paragraphs(path)) if t.strip()]


def in_order(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def comment_ids(path: Path) -> list[str]:
    root = part(path, "word/comments.xml")
    return [] if root is None else [c.get(f"{W}id") for c in root.iter(f"{W}comment")]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def annexes(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("annexes")
    notice = folder / "notice.docx"
    draft("consent-notice", notice, source=REFERRAL)
    referral = folder / "referral.docx"
    draft("referral-agreement", referral, source=WECHAT)
    return [notice, referral]


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory, annexes: list[Path]) -> Path:
    out = tmp_path_factory.mktemp("composed") / "composed.docx"
    compose(WECHAT, annexes, out)
    return out


def test_main_text_comes_first_unchanged(composed: Path) -> None:
    main = texts(WECHAT)
    assert texts(composed)[: len(main)] == main


def test_every_annex_text_follows_in_order(composed: Path, annexes: list[Path]) -> None:
    expected = texts(WECHAT) + [t for annex in annexes for t in texts(annex)]
    assert texts(composed) == expected


def section_breaks(path: Path) -> list[tuple[int, etree._Element]]:
    """(index of the paragraph, its w:sectPr) for every paragraph that ends a section."""
    return [
        (i, sect)
        for i, p in enumerate(body_paragraphs(path))
        if (sect := p.find(f"{W}pPr/{W}sectPr")) is not None
    ]


def test_each_annex_starts_a_new_section_on_a_new_page(composed: Path, annexes: list[Path]) -> None:
    paragraphs = body_paragraphs(composed)
    breaks = section_breaks(composed)
    assert len(breaks) == len(annexes)
    root = part(composed, "word/document.xml")
    assert root is not None
    final = root.find(f"{W}body/{W}sectPr")
    for (at, _), annex in zip(breaks, annexes, strict=True):
        first = texts(annex)[0]
        assert para_text(paragraphs[at + 1]) == first or not para_text(paragraphs[at + 1]).strip()
    # the sections after each break start on a new page (no type, or nextPage)
    following = [sect for _, sect in breaks[1:]] + [final]
    for sect in following:
        kind = sect.find(f"{W}type")
        assert kind is None or kind.get(f"{W}val") == "nextPage"


def header_footer_texts(path: Path, sect: etree._Element) -> set[str]:
    """The text of every header and footer a section refers to."""
    rels = part(path, "word/_rels/document.xml.rels")
    assert rels is not None
    targets = {r.get("Id"): r.get("Target") for r in rels}
    found = set()
    for ref in list(sect.iter(f"{W}headerReference")) + list(sect.iter(f"{W}footerReference")):
        target = targets[ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
        root = part(path, f"word/{target}")
        assert root is not None
        found.add("".join(t.text or "" for t in root.iter(f"{W}t")))
    return found


def test_annexes_do_not_carry_the_agreements_header_and_footer(tmp_path: Path) -> None:
    main = Document()
    main.add_paragraph("微信账号转让协议")
    main.sections[0].header.paragraphs[0].text = "微信账号转让协议　保密"
    main.sections[0].footer.paragraphs[0].text = "保密文件"
    main_path = tmp_path / "main.docx"
    main.save(str(main_path))
    notice = tmp_path / "notice.docx"
    draft("consent-notice", notice, overrides={"provider_name": "甲", "recipient_name": "乙"})
    out = tmp_path / "out.docx"
    compose(main_path, [notice], out)
    ((_, agreement_section),) = section_breaks(out)
    assert header_footer_texts(out, agreement_section) == {"微信账号转让协议　保密", "保密文件"}
    root = part(out, "word/document.xml")
    assert root is not None
    annex_section = root.find(f"{W}body/{W}sectPr")
    shown = header_footer_texts(out, annex_section)
    assert shown and not any("保密" in text or "转让协议" in text for text in shown)
    assert "第 1 页" in shown  # the notice's own footer, numbered from 1
    assert annex_section.find(f"{W}pgNumType").get(f"{W}start") == "1"


def test_main_numbering_is_unchanged(composed: Path) -> None:
    before = [(p.label, p.text) for p in load_document(WECHAT).story("body").paragraphs]
    after = [(p.label, p.text) for p in load_document(composed).story("body").paragraphs]
    assert after[: len(before)] == before


def test_annex_numbering_starts_afresh(composed: Path, annexes: list[Path]) -> None:
    labels = [p.label for p in load_document(composed).story("body").paragraphs if p.label]
    own = [p.label for p in load_document(annexes[1]).story("body").paragraphs if p.label]
    assert labels[-len(own) :] == own
    assert own[0] == "第一条"


def test_main_styles_are_not_changed(composed: Path) -> None:
    def styles(path: Path) -> dict[str, bytes]:
        root = part(path, "word/styles.xml")
        assert root is not None
        return {s.get(f"{W}styleId"): etree.tostring(s, method="c14n") for s in root.iter(f"{W}style")}

    before, after = styles(WECHAT), styles(composed)
    assert {k: after[k] for k in before} == before


def test_annex_paragraph_styles_exist(composed: Path) -> None:
    root = part(composed, "word/styles.xml")
    assert root is not None
    defined = {s.get(f"{W}styleId") for s in root.iter(f"{W}style")}
    used = {el.get(f"{W}val") for p in body_paragraphs(composed) for el in p.iter(f"{W}pStyle")}
    assert used <= defined


def test_main_comment_and_revision_survive(composed: Path) -> None:
    assert comment_ids(composed) == comment_ids(WECHAT)


def test_inputs_are_not_modified(tmp_path: Path, annexes: list[Path]) -> None:
    before = [sha(p) for p in (WECHAT, *annexes)]
    compose(WECHAT, annexes, tmp_path / "out.docx")
    assert [sha(p) for p in (WECHAT, *annexes)] == before


def test_composition_is_reproducible(tmp_path: Path, annexes: list[Path]) -> None:
    compose(WECHAT, annexes, tmp_path / "a.docx")
    compose(WECHAT, annexes, tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


# --- comments and revisions on both sides ----------------------------------------------------------


@pytest.fixture(scope="module")
def commented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three samples that each carry one comment and one tracked change, composed into one file."""
    out = tmp_path_factory.mktemp("commented") / "three.docx"
    compose(WECHAT, [ENGLISH, REFERRAL], out)
    return out


def test_comment_ids_stay_unique(commented: Path) -> None:
    ids = comment_ids(commented)
    assert len(ids) == sum(len(comment_ids(p)) for p in (WECHAT, ENGLISH, REFERRAL))
    assert len(set(ids)) == len(ids)


def test_every_comment_anchor_points_to_its_own_comment(commented: Path) -> None:
    ids = set(comment_ids(commented))
    root = part(commented, "word/document.xml")
    assert root is not None
    markers = Counter((el.tag, el.get(f"{W}id")) for el in root.iter(*MARKERS))
    for tag in MARKERS:
        assert {i for t, i in markers if t == tag} == ids
    assert all(n == 1 for n in markers.values())


def test_each_comment_keeps_its_author_and_anchor_text(commented: Path) -> None:
    def anchored(path: Path) -> dict[str, str]:
        root, comments = part(path, "word/document.xml"), part(path, "word/comments.xml")
        assert root is not None and comments is not None
        authors = {c.get(f"{W}id"): c.get(f"{W}author") for c in comments.iter(f"{W}comment")}
        out: dict[str, str] = {}
        for p in root.iter(f"{W}p"):
            for start in p.iter(f"{W}commentRangeStart"):
                out[authors[start.get(f"{W}id")]] = para_text(p)
        return out

    combined: dict[str, str] = {}
    for source in (WECHAT, ENGLISH, REFERRAL):
        combined |= anchored(source)
    assert anchored(commented) == combined


def test_revision_ids_stay_unique(commented: Path) -> None:
    root = part(commented, "word/document.xml")
    assert root is not None
    ids = [el.get(f"{W}id") for el in root.iter(*REVISIONS)]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert not set(ids) & set(comment_ids(commented))


def redlined(source: Path, out: Path) -> Path:
    from draft_agreement.api import redline
    from draft_agreement.errors import RuleFileError

    try:
        redline(source, out, date="2026-01-01T00:00:00Z")
    except RuleFileError as exc:
        pytest.skip(f"the redline cannot run on {source.name} yet: {exc}")
    return out


def test_redlined_agreement_with_a_redlined_annex(tmp_path: Path) -> None:
    """Both sides written by the redline writer from the same agreement, so every comment id, paraId and
    durable id collides: comments with commentsExtended, commentsIds and people on both sides."""
    main = redlined(REFERRAL, tmp_path / "main.docx")
    annex = redlined(REFERRAL, tmp_path / "annex.docx")
    out = tmp_path / "out.docx"
    result = compose(main, [annex], out)
    ids = comment_ids(out)
    assert len(ids) == len(comment_ids(main)) + len(comment_ids(annex)) == len(set(ids))
    assert result.comments == len(comment_ids(annex))
    comments = part(out, "word/comments.xml")
    extended = part(out, "word/commentsExtended.xml")
    assert comments is not None
    para_ids = [p.get(f"{W14}paraId") for p in comments.iter(f"{W}p") if p.get(f"{W14}paraId")]
    assert len(para_ids) == len(set(para_ids))
    if extended is not None:
        assert {e.get(f"{W15}paraId") for e in extended.iter(f"{W15}commentEx")} <= set(para_ids)
    people = part(out, "word/people.xml")
    if people is not None:
        authors = [p.get(f"{W15}author") for p in people.iter(f"{W15}person")]
        assert len(authors) == len(set(authors))
    check_integrity([out])


def test_annex_with_python_docx_comments(tmp_path: Path) -> None:
    annex = tmp_path / "annex.docx"
    document = Document()
    paragraph = document.add_paragraph("Annex text with a note.")
    document.add_comment(paragraph.runs, text="Annex reviewer note", author="Reviewer")
    document.save(str(annex))
    out = tmp_path / "out.docx"
    compose(WECHAT, [annex], out)
    ids = comment_ids(out)
    assert len(ids) == 2 and len(set(ids)) == 2
    comments = part(out, "word/comments.xml")
    assert comments is not None
    assert "Annex reviewer note" in "".join(t.text or "" for t in comments.iter(f"{W}t"))


# --- attach and checks -----------------------------------------------------------------------------


def test_attach_appends_drafted_annexes_to_a_redlined_agreement(tmp_path: Path) -> None:
    main = redlined(REFERRAL, tmp_path / "redlined.docx")
    out = tmp_path / "with-annexes.docx"
    result = attach(main, ["consent-notice", "customer-message"], REFERRAL, out, "zh")
    assert result.annexes == 2
    text = texts(out)
    assert in_order(["个人信息提供告知同意书", "致客户的同意征询消息"], text)
    assert texts(main) == text[: len(texts(main))]
    check_integrity([out])


def test_attach_strict_reports_every_templates_gaps_at_once(tmp_path: Path) -> None:
    sale = WECHAT_SALE.build(tmp_path)  # the buyer's contact details are not in it
    with pytest.raises(TemplateError) as caught:
        attach(
            sale,
            ["consent-notice", "data-processing-agreement"],
            sale,
            tmp_path / "o.docx",
            "zh",
            strict=True,
        )
    message = str(caught.value)
    assert "consent-notice" in message and "recipient_contact" in message
    assert "data-processing-agreement" in message and "processing_method" in message
    assert "\n" not in message
    assert not (tmp_path / "o.docx").exists()


def test_attach_without_strict_writes_the_annexes_with_their_blanks(tmp_path: Path) -> None:
    out = tmp_path / "o.docx"
    result = attach(WECHAT, ["consent-notice", "data-processing-agreement"], WECHAT, out, "zh")
    assert out.is_file()
    assert [a.template for a in result.drafted] == ["consent-notice", "data-processing-agreement"]
    assert "processing_method" in {b.name for b in result.drafted[1].blanks}
    text = texts(out)
    for annex in result.drafted:
        assert annex.label in text


def test_attach_unknown_template(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="unknown template"):
        attach(WECHAT, ["nope"], WECHAT, tmp_path / "o.docx", "zh")


def test_output_may_not_be_an_input(tmp_path: Path) -> None:
    main = tmp_path / "main.docx"
    shutil.copy(WECHAT, main)
    with pytest.raises(OutputError):
        compose(main, [ENGLISH], main)


def test_a_non_docx_annex_is_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "annex.docx"
    bogus.write_bytes(b"%PDF-1.7 not a word file")
    with pytest.raises(UnsupportedDocument):
        compose(WECHAT, [bogus], tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def check_integrity(files: list[Path]) -> None:
    exe = shutil.which("ooxml-integrity")
    if exe is None:
        pytest.skip("ooxml-integrity is not installed (pip install ooxml-integrity)")
    run = subprocess.run(
        [exe, "check", *map(str, files), "--json"], capture_output=True, text=True, timeout=300
    )
    report = json.loads(run.stdout)
    assert [f["summary"]["error"] for f in report["files"]] == [0] * len(files), run.stdout


def test_composed_files_pass_ooxml_integrity(composed: Path, commented: Path) -> None:
    check_integrity([composed, commented])


def test_composed_files_are_schema_valid(composed: Path, commented: Path) -> None:
    """The sample annexes have another Normal style than the main, so their runs get its defaults copied."""
    exe = shutil.which("openxml-audit")
    if exe is None:
        pytest.skip("openxml-audit is not installed (pip install openxml-audit)")
    for path in (composed, commented):
        run = subprocess.run([exe, str(path), "-o", "json"], capture_output=True, text=True, timeout=300)
        assert json.loads(run.stdout)[0]["error_count"] == 0, run.stdout[:2000]


def test_composed_file_opens_in_libreoffice(composed: Path, tmp_path: Path) -> None:
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(composed),
        ],
        capture_output=True,
        timeout=300,
    )
    converted = tmp_path / "composed.txt"
    assert converted.is_file(), "LibreOffice could not open the composed file"
    text = converted.read_text(encoding="utf-8-sig", errors="replace")
    assert (
        "微信账号及客户资源转让协议" in text
        and "客户推荐合作协议" in text
        and "个人信息提供告知同意书" in text
    )


def test_a_main_document_without_numbering_gets_the_annexs_lists(tmp_path: Path) -> None:
    """Most real files have no numbering.xml (559 of the 664 in ../shared/corpus); python-docx cannot
    create one, so composing onto them failed until the composer added an empty part."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    main = Document()
    main.add_paragraph("Plain agreement without lists")
    rid = next(rid for rid, rel in main.part.rels.items() if rel.reltype == RT.NUMBERING)
    main.part.drop_rel(rid)
    path = tmp_path / "plain.docx"
    main.save(str(path))
    with zipfile.ZipFile(path) as archive:
        assert not any("numbering" in name for name in archive.namelist())
    out = tmp_path / "out.docx"
    compose(path, [referral_annex(tmp_path)], out)
    labels = [p.label for p in load_document(out).story("body").paragraphs if p.label]
    assert labels and labels[0] == "第一条"
    check_integrity([out])


def referral_annex(folder: Path) -> Path:
    annex = folder / "referral.docx"
    draft("referral-agreement", annex)
    return annex

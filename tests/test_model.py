"""The document model on real agreements: stories, labels, revisions, comments, language, corpus."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from draft_agreement.errors import UnsupportedDocument
from draft_agreement.inspect import document_to_dict
from draft_agreement.model import View, load_document
from draft_agreement.model.language import detect_language
from draft_agreement.ooxml import W_NS
from tests.corpus import CORPUS, require
from tests.docgen import write_docx

ROOT = Path(__file__).resolve().parents[1]
WECHAT = ROOT / "samples" / "wechat-account-transfer.zh.docx"
ENGLISH = ROOT / "samples" / "social-media-account-sale.en.docx"


def _p(text: str) -> etree._Element:
    return etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{text}</w:t></w:r></w:p>')


def test_every_story_of_a_sample_in_reading_order() -> None:
    doc = load_document(WECHAT)
    kinds = [s.kind for s in doc.stories]
    assert kinds[0] == "body" and "header" in kinds and "footer" in kinds
    body = doc.story("body")
    assert body.paragraphs[0].text.startswith("微信账号及客户资源转让协议")
    assert [p.index for p in body.paragraphs] == list(range(len(body.paragraphs)))


def test_clause_labels_and_paths_follow_word_numbering() -> None:
    doc = load_document(WECHAT)
    labelled = [p for p in doc.story("body").paragraphs if p.list_label is not None and p.list_label.text]
    assert labelled[0].label == "第一条"
    sub = next(p for p in labelled if p.label == "1.1")
    assert sub.clause_path == ("第一条", "1.1")
    articles = [p.label for p in labelled if p.list_label.level == 0]
    assert articles[:3] == ["第一条", "第二条", "第三条"]


def test_tracked_insertion_is_in_the_current_view_only() -> None:
    doc = load_document(WECHAT)
    changed = [p for p in doc.paragraphs() if p.revisions]
    assert len(changed) == 1
    p = changed[0]
    assert p.revisions[0]["author"] == "王律师"
    assert len(p.text) > len(p.view(View.REJECTED).text)
    assert "支付密码" in p.text and "支付密码" not in p.view(View.REJECTED).text


def test_existing_comment_is_read_and_kept_separate() -> None:
    doc = load_document(WECHAT)
    assert [c.author for c in doc.comments] == ["王律师"]
    assert all(p.story != "comments" for p in doc.paragraphs())
    anchored = [p for p in doc.paragraphs() if p.comment_ids]
    assert [p.comment_ids for p in anchored] == [[doc.comments[0].id]]


def test_table_cells_know_their_row_and_column() -> None:
    doc = load_document(WECHAT)
    cells = [p for p in doc.paragraphs() if p.cell is not None]
    assert cells and {p.cell.col for p in cells} >= {0, 1, 2, 3}
    assert all(p.cell.depth == 1 for p in cells)


def test_language_of_each_script(tmp_path: Path) -> None:
    assert load_document(WECHAT).language == "zh-Hans"
    assert load_document(ENGLISH).language == "en"
    hant = write_docx(
        tmp_path / "hant.docx",
        [_p("甲方同意將其微信帳號轉讓給乙方，並交付登錄密碼。"), _p("本協議一式兩份。")],
    )
    assert load_document(hant).language == "zh-Hant"
    assert (
        detect_language(["This Agreement is made between 程某某 and the Buyer for the sale of accounts."])
        == "en"
    )
    assert detect_language([""]) == "en"


def test_taiwan_and_hong_kong_forms_are_not_simplified() -> None:
    """群, 温, 床 are how Taiwan or Hong Kong write OpenCC's 羣, 溫, 牀: a Taiwan LINE group's agreement
    that writes 群 on every line is Traditional, and a redline keeping its 群 adds no Simplified text."""
    from draft_agreement.model.language import simplified_only

    assert simplified_only("群主將群成員名單交給乙方，溫馨提示") == ""
    assert simplified_only("群主将群成员名单交给乙方") == "将员单给"
    assert detect_language(["本群群主同意將群主身分移交乙方，群成員得自由退群。"]) == "zh-Hant"


def test_inspect_json_is_the_full_model() -> None:
    model = document_to_dict(load_document(WECHAT))
    assert model["language"] == "zh-Hans"
    assert {p["name"] for p in model["context"]["parties"]} >= {"程某某"}
    body = model["stories"][0]
    assert body["id"] == "body"
    assert any(p["label"] == "1.1" and p["clause_path"] == ["第一条", "1.1"] for p in body["paragraphs"])
    assert any(p["revisions"] for p in body["paragraphs"]) and any(p["comments"] for p in body["paragraphs"])


def _corpus_files() -> list[Path]:
    return sorted(CORPUS.rglob("*.docx")) if CORPUS.exists() else []


def test_the_corpus_is_there() -> None:
    require(CORPUS)
    assert len(_corpus_files()) == 664


@pytest.mark.parametrize("path", _corpus_files(), ids=lambda p: str(p.relative_to(CORPUS)))
def test_every_corpus_file_models_or_refuses_in_one_line(path: Path) -> None:
    start = time.perf_counter()
    try:
        doc = load_document(path)
    except UnsupportedDocument as exc:
        assert "\n" not in str(exc)
        return
    for p in doc.paragraphs():
        assert p.text == p.textmap.text
    document_to_dict(doc)  # labels, context and comments all build
    assert time.perf_counter() - start < 5

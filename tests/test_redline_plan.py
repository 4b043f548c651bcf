"""The edit plan: one coherent edit per clause, numbers kept, compliant clauses written once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from draft_agreement.errors import RuleFileError
from draft_agreement.model import load_document
from draft_agreement.redlining.plan import clause_span, comment_text, first_operative, is_heading, plan_edits
from draft_agreement.redlining.replacements import ReplacementLibrary, load_replacements
from draft_agreement.redlining.voice import voice_of
from draft_agreement.reviewing.findings import Finding, LegalBasis, Location
from draft_agreement.reviewing.rules import default_clauses_dir

ROOT = Path(__file__).resolve().parents[1]
WECHAT = ROOT / "samples" / "wechat-account-transfer.zh.docx"
LIBRARY = load_replacements(str(default_clauses_dir() / "replacements"))
BASIS = (LegalBasis("中华人民共和国民法典", "第一千零三十八条", "…", "civil-code:1038"),)


def finding(
    story: str,
    paragraph: int,
    start: int,
    end: int,
    replacement: str | None,
    rule: str = "r",
    severity: str = "high",
    table: int | None = None,
) -> Finding:
    return Finding(
        rule,
        "account-transfer",
        severity,
        "标题",
        "t",
        "p",
        None,
        Location(story, paragraph, start, end, table),
        BASIS,
        "解释",
        "建议",
        replacement,
    )


def _numbered(doc) -> list:
    """Operative clauses (after the preamble and recitals), long enough not to be headings."""
    start = first_operative(doc)
    return [
        p for p in doc.story("body").paragraphs[start:] if p.label and p.cell is None and len(p.text) > 40
    ]


def test_findings_in_one_clause_make_one_edit_and_keep_the_number() -> None:
    doc = load_document(WECHAT)
    p = _numbered(doc)[0]
    edits = plan_edits(
        doc,
        [
            finding("body", p.index, 0, 4, "account-retained", "a"),
            finding("body", p.index, 6, 10, "consented-referral", "b"),
        ],
        LIBRARY,
        "zh",
    )
    assert len(edits) == 1
    edit = edits[0]
    start, end = clause_span(p)
    assert (edit.start, edit.end) == (start, end)
    assert not p.text[:start].strip() or p.literal is not None
    variables = voice_of(doc, "zh", LIBRARY).variables
    expected = LIBRARY.get("account-retained").render("zh", variables) + LIBRARY.get(
        "consented-referral"
    ).render("zh", variables)
    assert edit.replacement == expected
    assert edit.comment is not None and edit.comment.count("[高风险") == 2


def test_a_compliant_clause_is_written_once_then_later_clauses_are_struck() -> None:
    doc = load_document(WECHAT)
    first, second = _numbered(doc)[:2]
    edits = plan_edits(
        doc,
        [
            finding("body", first.index, 0, 3, "account-retained"),
            finding("body", second.index, 0, 3, "account-retained"),
        ],
        LIBRARY,
        "zh",
    )
    by_paragraph = {e.paragraph: e for e in edits}
    assert by_paragraph[first.index].replacement
    assert by_paragraph[second.index].replacement == ""
    assert by_paragraph[second.index].comment


def test_comment_only_findings_merge_overlapping_spans() -> None:
    doc = load_document(WECHAT)
    p = _numbered(doc)[0]
    edits = plan_edits(
        doc,
        [
            finding("body", p.index, 0, 5, None, "a"),
            finding("body", p.index, 3, 8, None, "b"),
            finding("body", p.index, 12, 14, None, "c"),
        ],
        LIBRARY,
        "zh",
    )
    assert [(e.start, e.end, e.replacement) for e in edits] == [(0, 8, None), (12, 14, None)]


def test_findings_below_min_severity_are_not_edited() -> None:
    doc = load_document(WECHAT)
    p = _numbered(doc)[0]
    assert plan_edits(doc, [finding("body", p.index, 0, 5, None, severity="low")], LIBRARY, "zh") == []
    assert (
        len(plan_edits(doc, [finding("body", p.index, 0, 5, None, severity="low")], LIBRARY, "zh", "low"))
        == 1
    )


def test_a_customer_list_table_loses_its_data_rows_and_keeps_its_header() -> None:
    doc = load_document(WECHAT)
    cells = [p for p in doc.story("body").paragraphs if p.cell is not None]
    last_table = max(p.cell.table for p in cells)
    table = [p for p in cells if p.cell.table == last_table]
    header = next(p for p in table if p.text.strip())
    edits = plan_edits(
        doc,
        [finding("body", header.index, 0, len(header.text), "customer-list-removed", table=last_table)],
        LIBRARY,
        "zh",
    )
    struck = {e.paragraph for e in edits if e.delete_row}
    assert struck == {p.index for p in table if p.cell.row != header.cell.row}
    assert any(e.comment and e.paragraph == header.index for e in edits)


def test_comment_cites_law_and_article() -> None:
    text = comment_text([finding("body", 0, 0, 1, None)], "zh")
    assert "《中华人民共和国民法典》第一千零三十八条" in text and "修改建议" in text


def test_preamble_recitals_and_headings_are_commented_not_rewritten() -> None:
    doc = load_document(WECHAT)
    start = first_operative(doc)
    recital = next(p for p in doc.story("body").paragraphs[:start] if len(p.text) > 20)
    heading = next(p for p in doc.story("body").paragraphs[start:] if is_heading(p) and p.text.strip())
    edits = plan_edits(
        doc,
        [
            finding("body", recital.index, 0, 4, "account-retained"),
            finding("body", heading.index, 0, 2, "account-retained"),
        ],
        LIBRARY,
        "zh",
    )
    assert all(e.replacement is None and e.comment for e in edits) and len(edits) == 2


def test_header_findings_become_a_note_on_the_first_paragraph() -> None:
    doc = load_document(WECHAT)
    header = next(s for s in doc.stories if s.kind == "header")
    edits = plan_edits(doc, [finding(header.id, 0, 0, 2, "account-retained")], LIBRARY, "zh")
    assert [e.story for e in edits] == ["body"] and edits[0].replacement is None
    assert header.id in (edits[0].comment or "")


def test_every_rule_names_an_existing_replacement_clause_that_renders() -> None:
    from draft_agreement.reviewing.engine import Engine

    doc = load_document(WECHAT)
    for lang in ("zh", "en"):
        variables = voice_of(doc, lang, LIBRARY).variables
        for rule in Engine.from_packs([], lang).rules():
            if rule.replacement:
                replacement = LIBRARY.get(rule.replacement)
                text = replacement.render(lang, variables)
                assert "{{" not in text and "{%" not in text
                assert bool(text) == (replacement.action == "replace"), rule.id


def test_a_people_list_that_is_not_a_list_is_a_rule_file_error(tmp_path: Path) -> None:
    folder = tmp_path / "replacements"
    shutil.copytree(default_clauses_dir() / "replacements", folder)
    index = folder / "index.yaml"
    text = index.read_text(encoding="utf-8")
    index.write_text(
        text.replace("  zh: [客户, 顾客,", "  zh: 客户顾客\n  zh_was: [客户, 顾客,"), encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match="people"):
        ReplacementLibrary.load(folder)

"""Drafts that never block and never carry the void deal over (issue 12), on agreements written here.

The agreements (tests/drafting_cases.py) are a WeChat account sale with customers' medical records and
instalments, a Traditional-Chinese LINE sale under Taiwan law, an Instagram sale under California law,
a 托管班 transfer with children's data, a patient-database sale and a data-sharing deal. Expectations
come from them and from the statute texts in clauses/legal (generated from ../shared/law): the sale's
amounts, its third parties' data, the article words that make a category sensitive or put it in a
criminal tier. Drafts are read back with lxml and the project's detectors, not with the drafting code.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from draft_agreement.cli import app
from draft_agreement.deal import deal_of
from draft_agreement.drafting import draft, list_templates
from draft_agreement.drafting.blanks import STYLE_ID, mark_blanks, marker
from draft_agreement.drafting.catalogue import catalogue
from draft_agreement.drafting.levels import nature, risk, tier
from draft_agreement.library import default_clauses_dir
from draft_agreement.model.amounts import find_amounts, to_chinese_capital
from draft_agreement.model.document import load_document
from draft_agreement.model.language import detect_language
from draft_agreement.reviewing.detectors import detect
from draft_agreement.reviewing.legal import LegalLibrary
from tests.drafting_cases import CASES, DAYCARE_TRANSFER, INSTAGRAM_SALE, TAIWAN_LINE, WECHAT_SALE, Case

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
# Drafts that pass personal information on; the impact assessment rates what the agreement hands over.
PASSING_ON = ("consent-notice", "customer-message", "referral-agreement", "data-processing-agreement")
# The referral's clause on the sensitive information it does not provide: "敏感个人信息（包括…）".
WITHHELD = re.compile(
    r"敏感(?:个人信息|個人資料|個人信息)（包括[^）]*）|sensitive personal information \([^)]*\)"
)
BLANK = re.compile(r"【待填[写寫]：[^】]+】|\[To be completed: [^\]]+\]")


def paragraphs(path: Path, part: str = "word/document.xml") -> list[str]:
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(part), PARSER)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def text_of(path: Path) -> str:
    return "\n".join(paragraphs(path))


@pytest.fixture(scope="module")
def agreements(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("agreements")
    return {case.name: case.build(folder) for case in CASES}


@pytest.fixture(scope="module")
def drafts(
    tmp_path_factory: pytest.TempPathFactory, agreements: dict[str, Path]
) -> dict[tuple[str, str], Path]:
    """Every template drafted from every agreement, in the agreement's language."""
    folder = tmp_path_factory.mktemp("drafts")
    out = {}
    for case in CASES:
        for tpl in list_templates():
            path = folder / f"{case.name}.{tpl.name}.docx"
            draft(tpl.name, path, lang=case.lang, source=agreements[case.name])
            out[case.name, tpl.name] = path
    return out


# --- the law's view of each category -----------------------------------------------------------------


@pytest.fixture(scope="module")
def law() -> LegalLibrary:
    return LegalLibrary.load(default_clauses_dir() / "legal")


def article_5_items(law: LegalLibrary) -> dict[str, str]:
    """Items (三) and (四) of the 2017 interpretation's art. 5 ¶1, as the statute writes them."""
    text = law.cite("spc-spp-pi-2017:5").quote
    return {
        "50": next(line for line in text.splitlines() if line.startswith("（三）")),
        "500": next(line for line in text.splitlines() if line.startswith("（四）")),
    }


@pytest.mark.parametrize("kind", catalogue().kinds, ids=lambda k: k.key)
def test_each_category_is_sensitive_exactly_when_pipl_28_says_so(kind, law: LegalLibrary) -> None:  # type: ignore[no-untyped-def]
    article = law.cite("pipl:28").quote
    if kind.sensitive:
        assert kind.pipl28 and kind.pipl28 in article
    else:
        listed = re.search(r"包括(.+?)等信息，以及(.+?)。", article)
        assert listed is not None
        assert kind.zh.split("（")[0] not in listed.group(1) + listed.group(2)


@pytest.mark.parametrize("kind", catalogue().kinds, ids=lambda k: k.key)
def test_each_category_sits_in_the_2017_interpretations_tier(kind, law: LegalLibrary) -> None:  # type: ignore[no-untyped-def]
    items = article_5_items(law)
    if kind.tier == 5000:
        assert kind.statute is None  # item 5: whatever items 3 and 4 do not name
    else:
        assert kind.statute and kind.statute in items[str(kind.tier)]
        other = items["500" if kind.tier == 50 else "50"]
        assert kind.statute not in other


@pytest.mark.parametrize(
    ("key", "sensitive", "items", "level"),
    [
        ("name", False, 5000, "ordinary"),
        ("id_number", False, 5000, "ordinary"),  # PIPL 28 does not list a bare ID number
        ("phone", False, 5000, "ordinary"),
        ("chat", False, 50, "high"),  # communication content: 50 items
        ("call_records", False, 500, "elevated"),
        ("transactions", False, 500, "elevated"),
        ("credit", False, 50, "high"),
        ("property", False, 50, "high"),
        ("medical", True, 500, "high"),  # sensitive; health information, 500 items
        ("financial", True, 50, "high"),
        ("whereabouts", True, 50, "high"),
        ("biometric", True, 5000, "high"),
        ("minors", True, 5000, "high"),
    ],
)
def test_levels_a_lawyer_would_give(key: str, sensitive: bool, items: int, level: str) -> None:
    kind = catalogue().kind(key)
    assert (kind.sensitive, kind.tier, kind.level) == (sensitive, items, level)
    for lang in ("zh", "en"):
        assert risk(kind.label(lang), lang) == catalogue().level_label(level, lang)
        assert tier(kind.label(lang), lang).startswith(f"{items:,}")
        assert (
            nature(kind.label(lang), lang) in ("敏感个人信息", "sensitive personal information")
        ) is sensitive


def test_the_catalogue_cites_articles_the_library_quotes(law: LegalLibrary) -> None:
    refs = catalogue().legal_basis
    flat = [r for value in refs.values() for r in ([value] if isinstance(value, str) else value)]
    assert "minors-protection:72" in flat and "pipl:31" in flat
    for ref in flat:
        assert law.cite(ref).quote


def test_every_sensitive_category_is_restricted() -> None:
    for kind in catalogue().kinds:
        if kind.sensitive:
            assert kind.restricted
    assert catalogue().kind("id_number").restricted and catalogue().kind("chat").restricted


@pytest.mark.parametrize("case", [WECHAT_SALE, INSTAGRAM_SALE], ids=lambda c: c.name)
def test_the_assessment_rates_what_the_agreement_hands_over(
    case: Case, drafts: dict, law: LegalLibrary
) -> None:  # type: ignore[type-arg]
    rows = paragraphs(drafts[case.name, "pia-report"])
    found = [k for k in catalogue().kinds if k.label(case.lang) in rows]
    keys = {k.key for k in found}
    assert {"chat", "contacts"} <= keys
    if case is WECHAT_SALE:
        assert {"id_number", "medical"} <= keys
    for kind in found:
        at = rows.index(kind.label(case.lang))
        assert rows[at + 3] == catalogue().level_label(kind.level, case.lang)


# --- blanks --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_consent_notice_from_an_agreement_succeeds_with_its_blanks_listed(
    case: Case, agreements: dict[str, Path], tmp_path: Path
) -> None:
    out, report = tmp_path / "notice.docx", tmp_path / "notice.json"
    args = [
        "draft",
        "consent-notice",
        "--from",
        str(agreements[case.name]),
        "-o",
        str(out),
        "--report",
        str(report),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    written = json.loads(report.read_text(encoding="utf-8"))
    listed = [line.split(": ")[1] for line in result.stderr.splitlines() if line.startswith("  blank: ")]
    assert listed == [b["name"] for b in written["blanks"]]
    shown = BLANK.findall(text_of(out))
    assert len({s for s in shown}) == len(written["blanks"])
    for blank in written["blanks"]:
        assert any(blank["label"] in s for s in shown)


def test_a_missing_contact_is_a_blank_and_strict_names_it(
    agreements: dict[str, Path], tmp_path: Path
) -> None:
    source = agreements[WECHAT_SALE.name]
    result = draft("consent-notice", tmp_path / "n.docx", source=source)
    assert [b.name for b in result.blanks] == ["recipient_contact"]
    assert "【待填写：接收方的联系方式】" in text_of(tmp_path / "n.docx")
    run = CliRunner().invoke(
        app, ["draft", "consent-notice", "--from", str(source), "-o", str(tmp_path / "s.docx"), "--strict"]
    )
    assert run.exit_code == 2
    assert "recipient_contact (接收方的联系方式)" in run.stderr
    assert not (tmp_path / "s.docx").exists()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.text(st.sampled_from(list("甲乙方 abc，。：1")), min_size=1, max_size=8),
            st.sampled_from([marker("接收方的联系方式", "zh"), marker("the governing law", "en")]),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_marking_blanks_keeps_the_text_and_styles_exactly_the_blanks(pieces: list[str]) -> None:
    text = "".join(pieces)
    doc_xml = (
        f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:r><w:rPr><w:b/></w:rPr>'
        f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:body></w:document>'
    )
    styles = f'<w:styles xmlns:w="{W[1:-1]}"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", doc_xml)
        archive.writestr("word/styles.xml", styles)
    marked, labels = mark_blanks(buffer.getvalue(), "zh")
    with zipfile.ZipFile(io.BytesIO(marked)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), PARSER)
    runs = list(root.iter(f"{W}r"))
    assert "".join(t.text or "" for t in root.iter(f"{W}t")) == text
    styled = [r for r in runs if r.find(f"{W}rPr/{W}rStyle") is not None]
    assert ["".join(t.text for t in r.iter(f"{W}t")) for r in styled] == BLANK.findall(text)
    assert all(r.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == STYLE_ID for r in styled)
    assert all(r.find(f"{W}rPr/{W}b") is not None for r in runs)  # the run's own formatting stays
    assert len(labels) == len(BLANK.findall(text))


# --- nothing of the void deal carried over --------------------------------------------------------------


def sale_amounts(path: Path) -> list[str]:
    """Every amount the agreement writes, as figures and in Chinese capitals."""
    forms: list[str] = []
    for p in load_document(path).paragraphs():
        for amount in find_amounts(p.text):
            value = amount.value
            whole = value == value.to_integral_value()
            forms += [f"{value:,.0f}" if whole else f"{value:,.2f}", to_chinese_capital(value)]
            if not whole:
                forms.append(str(value.normalize()))
    return forms


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_referral_agreement_carries_none_of_the_sales_amounts(
    case: Case,
    agreements: dict[str, Path],
    drafts: dict,  # type: ignore[type-arg]
) -> None:
    text = text_of(drafts[case.name, "referral-agreement"])
    amounts = sale_amounts(agreements[case.name])
    if case in (WECHAT_SALE, INSTAGRAM_SALE, TAIWAN_LINE):
        assert amounts
    for amount in amounts:
        assert not re.search(rf"(?<![\d.,]){re.escape(amount)}(?![\d.,])", text), amount
    assert "甲方不对客户的数量" not in text and "no warranty on the number" not in text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("template", PASSING_ON)
def test_no_restricted_category_or_third_partys_data_is_pre_filled(
    case: Case,
    template: str,
    drafts: dict,
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    """Against a draft of the same template with nothing given: every catalogue category the agreement's
    draft names beyond it is one a referral needs, never ID numbers, communications or sensitive data;
    and no identifier of anyone (validated by the detectors) or third party's detail is written. (The
    referral's list of the sensitive kinds the deal holds names what is withheld, not what is passed on.)"""
    path = drafts[case.name, template]
    bare = tmp_path / "bare.docx"
    draft(template, bare, lang=case.lang, overrides={"guardian": "true"} if case.children else None)
    text, bare_text = WITHHELD.sub("", text_of(path)), WITHHELD.sub("", text_of(bare))
    added = [
        k for k in catalogue().kinds if k.label(case.lang) in text and k.label(case.lang) not in bare_text
    ]
    assert not [k.key for k in added if k.restricted]
    assert not [d for d in detect(text) if d.kind in ("resident-id", "bank-card")]
    for secret in case.secrets:
        assert secret not in text, secret


def test_sensitive_data_appears_only_when_the_lawyer_gives_it_with_its_necessity(
    agreements: dict[str, Path], tmp_path: Path
) -> None:
    source = agreements[WECHAT_SALE.name]
    out = tmp_path / "n.docx"
    result = draft(
        "consent-notice",
        out,
        source=source,
        overrides={"categories": "姓名、手机号码、病历资料", "sensitive_necessity": "仅为转诊所必需"},
    )
    text = text_of(out)
    assert "拟提供的信息包括敏感个人信息：病历资料" in text  # moved out of the ordinary list
    assert "拟提供的个人信息种类：姓名、手机号码。" in text
    assert "提供敏感个人信息的必要性：仅为转诊所必需" in text
    assert sum(p.startswith("☐") for p in paragraphs(out)) == 2  # its own separate consent
    assert "sensitive_necessity" not in {b.name for b in result.blanks}
    # ID numbers given among the categories need their necessity stated: a blank until it is.
    out = tmp_path / "id.docx"
    result = draft("consent-notice", out, source=source, overrides={"categories": "姓名，身份证件号码"})
    assert "necessity" in {b.name for b in result.blanks}
    assert "提供身份证件号码的必要性：【待填写：提供上述信息的必要性】" in text_of(out)


def test_the_customer_message_asks_only_for_what_the_referral_needs(drafts: dict) -> None:  # type: ignore[type-arg]
    text = text_of(drafts[WECHAT_SALE.name, "customer-message"])
    assert "我才会把您的姓名、手机号码提供给对方" in text
    for key in ("id_number", "address", "chat", "medical", "birth"):
        assert catalogue().kind(key).zh not in text


def test_an_english_sale_keeps_its_parties_and_its_law(drafts: dict) -> None:  # type: ignore[type-arg]
    text = text_of(drafts[INSTAGRAM_SALE.name, "referral-agreement"])
    assert "Referrer and provider of personal information (the “Referrer”): Jennifer Lowe" in text
    assert "Recipient (the “Recipient”): Brightline Media LLC" in text
    assert "entered into" not in text
    assert "governed by the laws of the State of California" in text
    assert "People’s Republic of China. The parties" not in text and "people’s court" not in text
    assert "USD 0.50" not in text and "in total" not in text
    assert "[To be completed: the fee for each referral service]" in text


def test_an_agreement_without_a_chosen_law_leaves_it_blank(drafts: dict) -> None:  # type: ignore[type-arg]
    text = text_of(drafts[DAYCARE_TRANSFER.name, "referral-agreement"])
    assert "本协议适用【待填写：适用的法律】" in text
    assert "中华人民共和国法律" not in text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_guardian_version_is_chosen_exactly_when_children_are_concerned(
    case: Case, agreements: dict[str, Path], tmp_path: Path
) -> None:
    for template in ("consent-notice", "customer-message"):
        for lang in ("zh", "en"):
            result = draft(
                template, tmp_path / f"{template}.{lang}.docx", lang=lang, source=agreements[case.name]
            )
            assert (result.variant == "guardian") is case.children, (template, lang)
            text = text_of(tmp_path / f"{template}.{lang}.docx")
            guardian_words = "监护人" if lang == "zh" else "guardian"
            if case.children:
                assert guardian_words in text
                assert ("客户" not in text) if lang == "zh" else ("Dear customer" not in text)


def test_the_guardian_notice_states_the_childs_necessity_and_asks_the_parents(drafts: dict) -> None:  # type: ignore[type-arg]
    text = text_of(drafts[DAYCARE_TRANSFER.name, "consent-notice"])
    assert text.startswith("个人信息提供告知同意书（监护人版）")
    assert "拟提供的个人信息种类：孩子的姓名、父母或者其他监护人的姓名和联系电话。" in text
    assert "提供上述个人信息的必要性：【待填写：提供敏感个人信息的必要性】" in text
    assert "监护人签名" in text
    assert "第三十一条" in text and "第七十二条" in text
    assert "李小明" not in text and "13900139000" not in text  # the pupils listed in the agreement


def test_a_traditional_agreement_gets_traditional_drafts(drafts: dict) -> None:  # type: ignore[type-arg]
    text = text_of(drafts[TAIWAN_LINE.name, "consent-notice"])
    assert detect_language([text]) == "zh-Hant"
    assert "個人資料提供告知同意書" in text and "【待填寫：" in text  # Taiwan's word, as its redline writes
    referral = text_of(drafts[TAIWAN_LINE.name, "referral-agreement"])
    assert "本協議適用中華民國法律" in referral and "帳號" in referral and "賬號" not in referral


# --- annexes -------------------------------------------------------------------------------------------


def to_traditional_if(case: Case, text: str) -> str:
    from draft_agreement.drafting.script import to_traditional

    return to_traditional(text) if case is TAIWAN_LINE else text


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_redline_attach_always_writes_the_redline_with_the_annex_inside(
    case: Case, agreements: dict[str, Path], tmp_path: Path
) -> None:
    source, out, report = agreements[case.name], tmp_path / "red.docx", tmp_path / "red.json"
    args = ["redline", str(source), "-o", str(out), "--attach", "consent-notice", "--report", str(report)]
    args += ["--date", "2026-01-01T00:00:00Z"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code in (0, 1), result.stderr  # 1: findings at --fail-on, the redline written
    assert out.is_file()
    written = json.loads(report.read_text(encoding="utf-8"))
    (annex,) = written["annexes"]
    assert annex["label"] == to_traditional_if(case, deal_of(load_document(source)).next_annex(case.lang))
    body = paragraphs(out)
    at = body.index(annex["label"])
    assert at >= len(paragraphs(source))  # after the whole agreement
    title = body[at + 1]
    assert "告知同意书" in title or "告知同意書" in title or "Notice and Consent" in title
    for blank in annex["blanks"]:
        assert any(blank["label"] in p for p in body[at:])
    if case.header:  # the annex's section shows none of the agreement's header or footer
        root = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"), PARSER)
        rels = etree.fromstring(zipfile.ZipFile(out).read("word/_rels/document.xml.rels"), PARSER)
        targets = {r.get("Id"): r.get("Target") for r in rels}
        last = root.find(f"{W}body/{W}sectPr")
        for ref in last.findall(f"{W}headerReference") + last.findall(f"{W}footerReference"):
            rid = ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            shown = "".join(paragraphs(out, f"word/{targets[rid]}"))
            assert case.header not in shown and "保密" not in shown and "Confidential" not in shown


def test_the_annex_takes_the_label_after_the_agreements_own(
    agreements: dict[str, Path], tmp_path: Path
) -> None:
    from draft_agreement.drafting import attach

    source = agreements[WECHAT_SALE.name]  # 附件一 and 附件二 of its own
    result = attach(source, ["consent-notice", "customer-message"], source, tmp_path / "o.docx", "zh")
    assert [a.label for a in result.drafted] == ["附件三", "附件四"]
    english = attach(
        agreements[INSTAGRAM_SALE.name],
        ["consent-notice"],
        agreements[INSTAGRAM_SALE.name],
        tmp_path / "e.docx",
        "en",
    )
    assert [a.label for a in english.drafted] == ["Schedule 2"]  # it calls its own "Schedule 1"


def test_redline_attach_strict_refuses_and_writes_nothing(
    agreements: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "red.docx"
    args = [
        "redline",
        str(agreements[WECHAT_SALE.name]),
        "-o",
        str(out),
        "--attach",
        "consent-notice",
        "--strict",
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and "recipient_contact" in result.stderr
    assert not out.exists()


def test_outputs_pass_ooxml_integrity(
    drafts: dict,
    agreements: dict[str, Path],
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    exe = shutil.which("ooxml-integrity")
    if exe is None:
        pytest.skip("ooxml-integrity is not installed (pip install ooxml-integrity)")
    from draft_agreement.api import redline

    files = [str(p) for p in drafts.values()]
    for case in CASES:
        out = tmp_path / f"{case.name}.red.docx"
        redline(agreements[case.name], out, attach=["consent-notice", "customer-message"], date="2026-01-01")
        files.append(str(out))
    run = subprocess.run([exe, "check", *files, "--json"], capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    assert {f["path"]: f["summary"]["error"] for f in report["files"]} == dict.fromkeys(files, 0)


def test_every_template_variable_has_a_blank_label_in_both_languages() -> None:
    for tpl in list_templates():
        for v in tpl.variables:
            for lang in ("zh", "en"):
                assert v.blank_label(lang).strip()
                assert "】" not in v.blank_label(lang) and "]" not in v.blank_label(lang)


def test_a_draft_cites_prc_statutes_only_where_prc_law_governs(drafts: dict) -> None:  # type: ignore[type-arg]
    """A Taiwan-law LINE sale and a California-law Instagram sale: their notices and referral name no PRC
    statute and no PRC age of consent, and leave the applicable law for the lawyer; a PRC-law sale keeps
    PIPL's words."""
    for case in (TAIWAN_LINE, INSTAGRAM_SALE):
        notice = text_of(drafts[case.name, "consent-notice"])
        referral = text_of(drafts[case.name, "referral-agreement"])
        for text in (notice, referral):
            assert "中華人民共和國個人信息保護法" not in text and "中华人民共和国个人信息保护法" not in text
            assert "People’s Republic of China requires" not in text
        for text in (notice, referral):  # the referral's list of what is never provided too
            assert "十四周歲" not in text and "under 14" not in text and "under fourteen" not in text
        assert (
            "【待填寫：適用於個人資料的保護法律】"
            if case is TAIWAN_LINE
            else "[To be completed: the applicable data protection law]"
        ) in notice
    assert "雙方根據中華民國法律" in text_of(drafts[TAIWAN_LINE.name, "referral-agreement"])
    prc = text_of(drafts[WECHAT_SALE.name, "consent-notice"])
    assert "根据《中华人民共和国个人信息保护法》" in prc and "您如不满十四周岁" in prc

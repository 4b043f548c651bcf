"""Pre-fill: the seller becomes the provider, the buyer the recipient; the review's findings decide what
the impact assessment rates, the cross-border section and the volumes; drafts name only the minimum.

Party names are the facts the sample README states and the names written into the small agreements
built here; the categories are checked against what the agreement text mentions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from docx import Document

from draft_agreement.drafting import prefill as prefill_all
from draft_agreement.drafting.catalogue import catalogue
from draft_agreement.drafting.categories import survey
from draft_agreement.drafting.values import Money, coerce, detect_date_style
from draft_agreement.model.document import load_document

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
NO_FINDINGS = SimpleNamespace(findings=())


@dataclass(frozen=True)
class Where:
    story: str = "body"
    paragraph: int = 0
    start: int = 0
    end: int = 0
    table: int | None = None


@dataclass(frozen=True)
class Finding:
    category: str
    paragraph_text: str | None
    severity: str = "high"
    title: str = "t"
    missing: tuple[str, ...] = ()
    location: Where = Where()


def prefill(doc: Any, report: Any, lang: str) -> dict[str, Any]:
    return prefill_all(doc, report, lang).values


def review(path: Path, lang: str) -> Any:
    from draft_agreement.api import review as run

    return run(path, lang=lang)


def build(
    path: Path, paragraphs: list[str], table: list[tuple[str, str]] | None = None, after: list[str] = ()
) -> Path:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=0, cols=2)
        for label, value in table:
            cells = grid.add_row().cells
            cells[0].text, cells[1].text = label, value
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


# --- parties ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sample", "provider", "recipient"),
    [
        ("wechat-account-transfer.zh.docx", "程某某", "某某医疗美容门诊部"),
        ("social-media-account-sale.en.docx", "Mia Lin", "Lumen Brand Studio Pte. Ltd."),
        ("customer-referral-agreement.zh.docx", "程某某", "某某医疗美容门诊部"),
    ],
)
def test_samples_seller_becomes_provider_buyer_recipient(sample: str, provider: str, recipient: str) -> None:
    values = prefill(load_document(SAMPLES / sample), NO_FINDINGS, "zh")
    assert values["provider_name"] == provider
    assert values["recipient_name"] == recipient


def test_parties_named_in_a_table(tmp_path: Path) -> None:
    path = build(
        tmp_path / "t.docx",
        ["抖音账号转让合同"],
        [
            ("出让方", "王五"),
            ("联系电话", "13912345678"),
            ("受让方", "杭州某某科技有限公司"),
            ("联系电话", "0571-88886666"),
        ],
        ["第一条 出让方将其抖音账号转让给受让方。"],
    )
    values = prefill(load_document(path), NO_FINDINGS, "zh")
    assert (values["provider_name"], values["provider_contact"]) == ("王五", "13912345678")
    assert (values["recipient_name"], values["recipient_contact"]) == (
        "杭州某某科技有限公司",
        "0571-88886666",
    )


def test_parties_named_as_churangfang_and_shourangfang(tmp_path: Path) -> None:
    path = build(
        tmp_path / "p.docx",
        [
            "微信号转让协议",
            "受让方：韩梅梅",
            "联系方式：13900139000",
            "出让方：李雷",
            "联系方式：13800138000",
            "一、出让方将微信号转让给受让方。",
        ],
    )
    values = prefill(load_document(path), NO_FINDINGS, "zh")
    assert (values["provider_name"], values["provider_contact"]) == ("李雷", "13800138000")
    assert (values["recipient_name"], values["recipient_contact"]) == ("韩梅梅", "13900139000")


def test_parties_named_as_seller_and_buyer(tmp_path: Path) -> None:
    path = build(
        tmp_path / "e.docx",
        [
            "ACCOUNT TRANSFER AGREEMENT",
            "Buyer: Acme Media Ltd",
            "Seller: John Smith",
            "1. The Seller sells the Instagram account @jsmith to the Buyer for USD 12,000.",
        ],
    )
    values = prefill(load_document(path), NO_FINDINGS, "en")
    assert values["provider_name"] == "John Smith"
    assert values["recipient_name"] == "Acme Media Ltd"


def test_parties_of_a_processing_agreement(tmp_path: Path) -> None:
    path = build(
        tmp_path / "d.docx",
        ["委托处理协议", "受托方：某某数据服务有限公司", "委托方：某某诊所", "第一条 委托处理。"],
    )
    values = prefill(load_document(path), NO_FINDINGS, "zh")
    assert values["provider_name"] == "某某诊所"
    assert values["recipient_name"] == "某某数据服务有限公司"


def test_only_party_a_and_b_leaves_the_roles_to_the_lawyer(tmp_path: Path) -> None:
    path = build(tmp_path / "ab.docx", ["合作协议", "甲方：张三", "乙方：李四", "第一条 双方合作。"])
    values = prefill(load_document(path), NO_FINDINGS, "zh")
    assert "provider_name" not in values and "recipient_name" not in values


# --- what the review found -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wechat() -> dict[str, Any]:
    path = SAMPLES / "wechat-account-transfer.zh.docx"
    return prefill(load_document(path), review(path, "zh"), "zh")


def label(key: str, lang: str = "zh") -> str:
    return catalogue().kind(key).label(lang)


def test_medical_records_are_assessed_never_pre_filled(wechat: dict[str, Any]) -> None:
    assert label("medical") in wechat["source_categories"]
    assert "sensitive" not in wechat and "sensitive_categories" not in wechat
    assert label("medical") not in wechat["categories"]


@pytest.mark.parametrize("key", ["id_number", "birth", "address", "contacts", "chat"])
def test_the_assessment_rates_what_the_agreement_hands_over(wechat: dict[str, Any], key: str) -> None:
    # clause 4.1: 身份证号码、出生日期、家庭住址; 1.2: 好友、聊天记录
    assert label(key) in wechat["source_categories"]
    assert label(key) not in wechat["categories"]


def test_drafts_name_only_what_a_referral_needs(wechat: dict[str, Any]) -> None:
    assert wechat["categories"] == [label(key) for key in catalogue().minimum]


def test_no_cross_border_without_a_finding(wechat: dict[str, Any]) -> None:
    assert wechat["cross_border"] is False
    assert "overseas_country" not in wechat


def test_volumes_come_from_the_agreement(wechat: dict[str, Any]) -> None:
    volumes = " ".join(wechat["volumes"])
    assert "20,000" in volumes  # the warranted head count
    assert "8" in volumes  # the eight customers listed in 附件二
    assert "9" in volumes  # nine WeChat accounts in 附件一


def test_accounts_and_platform_are_localised(wechat: dict[str, Any]) -> None:
    assert wechat["platforms"] == ["微信"]
    assert len(wechat["accounts"]) == 9


def test_the_sale_price_never_becomes_a_fee(wechat: dict[str, Any]) -> None:
    assert "service_fee" not in wechat and "payment_terms" not in wechat
    for value in wechat.values():
        assert "500,000" not in str(value) and "伍拾万" not in str(value)


def test_findings_summarise_the_review(wechat: dict[str, Any]) -> None:
    assert any("（" in line for line in wechat["findings"])
    assert wechat["replaces_source"] is True


def test_compliant_agreement_is_not_replaced(tmp_path: Path) -> None:
    path = SAMPLES / "customer-referral-agreement.zh.docx"
    findings = SimpleNamespace(findings=(Finding("embedded-personal-data", "甲方：程某某", severity="low"),))
    values = prefill(load_document(path), findings, "zh")
    assert values["replaces_source"] is False
    assert "sensitive" not in values


def test_cross_border_finding_names_the_country(tmp_path: Path) -> None:
    path = SAMPLES / "social-media-account-sale.en.docx"
    text = "4.2 The Buyer will store the exported follower list and DMs on its servers located in Singapore."
    report = SimpleNamespace(findings=(Finding("cross-border-transfer", text, severity="medium"),))
    for lang, country in (("en", "Singapore"), ("zh", "新加坡")):
        values = prefill(load_document(path), report, lang)
        assert values["cross_border"] is True
        assert values["overseas_country"] == country
        assert values["overseas_recipient_name"] == "Lumen Brand Studio Pte. Ltd."


def test_low_severity_findings_do_not_add_categories() -> None:
    doc = load_document(SAMPLES / "customer-referral-agreement.zh.docx")
    found = survey(doc, [Finding("embedded-personal-data", "身份证号码：…", severity="low")], "zh")
    assert found.kinds == survey(doc, [], "zh").kinds


def test_party_own_words_are_not_categories() -> None:
    doc = load_document(SAMPLES / "customer-referral-agreement.zh.docx")
    found = survey(doc, [Finding("impersonation", "乙方不得使用甲方的昵称、头像和手机号码")], "zh")
    assert found.kinds == survey(doc, [], "zh").kinds


def test_a_compliant_agreement_gives_the_categories_it_states() -> None:
    doc = load_document(SAMPLES / "customer-referral-agreement.zh.docx")
    stated = next(p.text for p in doc.paragraphs() if "个人信息种类" in p.text)
    labels = survey(doc, [], "zh").labels("zh", sensitive=False)
    assert labels and all(not k.sensitive for k in survey(doc, [], "zh").kinds)
    assert "仅限姓名、联系电话" in stated


# --- dates and money -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "written", "lang", "style"),
    [
        ("2019-09-22", "2019年9月22日", "zh", "zh"),
        ("2024-03-03", "二〇二四年三月三日", "zh", "zh-numeral"),
        ("2024-03-03", "3 March 2024", "en", "en"),
        ("2024-03-03", "March 3, 2024", "en", "en-US"),
        ("2024-03-03", "3rd March, 2024", "en", "en"),
        ("2024-03-03", "3 March 2024", "zh", "zh"),  # an English agreement drafted in Chinese
        (None, None, "en", "en"),
    ],
)
def test_date_style_follows_the_agreement(
    iso: str | None, written: str | None, lang: str, style: str
) -> None:
    assert detect_date_style(iso, written, lang) == style


def test_source_date_keeps_the_documents_style(tmp_path: Path) -> None:
    path = build(
        tmp_path / "n.docx",
        ["抖音账号转让合同"],
        [("出让方", "王五"), ("受让方", "某某公司")],
        ["第一条 出让方将其抖音账号转让给受让方。", "签订日期：二〇二四年三月三日"],
    )
    values = prefill(load_document(path), NO_FINDINGS, "zh")
    assert str(values["source_date"]) == "二〇二四年三月三日"
    assert str(prefill(load_document(path), NO_FINDINGS, "en")["source_date"]) == "3 March 2024"


@pytest.mark.parametrize(
    ("raw", "figure", "capital"),
    [
        ("500000", "人民币500,000元", "人民币伍拾万元整"),
        ("人民币伍拾万元整", "人民币500,000元", "人民币伍拾万元整"),
        ("RMB 1,234.56", "人民币1,234.56元", "人民币壹仟贰佰叁拾肆元伍角陆分"),
        ("USD 40,000", "美元40,000元", "美元肆万元整"),
    ],
)
def test_amounts_print_with_capitals(raw: str, figure: str, capital: str) -> None:
    money = coerce("amount", raw, "zh", "zh")
    assert isinstance(money, Money)
    assert (str(money), money.capital) == (figure, capital)


@pytest.mark.parametrize(
    ("read", "name"),
    [
        ("陈某，个人私域运营者", "陈某"),
        ("周某（游戏昵称：夜雨听风）", "周某"),
        ("林美君\u3000身分證", "林美君"),
        ("張文彬（簽章）\u3000身分證", "張文彬"),
        ("某某（上海）有限公司", "某某（上海）有限公司"),  # a bracket inside a company's name stays
        ("Bright Media, LLC, a Delaware company", "Bright Media, LLC"),
        ("SmileCo Holdings Pte. Ltd.", "SmileCo Holdings Pte. Ltd."),
        ("This Agreement is entered into by Jennifer Lowe", None),  # a sentence, not a name
        ("由甲乙双方签订", None),
    ],
)
def test_party_names_are_names(read: str, name: str | None) -> None:
    from draft_agreement.drafting.prefilling import plain_name

    assert plain_name(read) == name

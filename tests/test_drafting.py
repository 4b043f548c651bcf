"""Drafting: every template renders in both languages, each mandatory element is there, gaps are refused.

Rendered files are read back with lxml (paragraph text, independent of the drafting code). Expected
text is either the input values themselves or the statutory element a template must carry, one
assertion per element, never a snapshot of a whole rendered document.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from docx import Document
from lxml import etree
from typer.testing import CliRunner

from draft_agreement.cli.drafting import register
from draft_agreement.drafting import draft, list_templates, load_template
from draft_agreement.drafting.catalog import template_names
from draft_agreement.errors import OutputError, TemplateError

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "samples").glob("*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANGS = ("zh", "en")
NAMES = template_names()
TICKED = re.compile("[☑☒✓✔✅■]")

# One value for every variable any template takes, per language; each test keeps what a template uses.
VALUES: dict[str, dict[str, Any]] = {
    "zh": {
        "provider_name": "周某某",
        "provider_contact": "13812345678",
        "provider_address": "上海市徐汇区某某路1号",
        "provider_id_number": "310104199001011234",
        "recipient_name": "某某健康管理有限公司",
        "recipient_contact": "privacy@health.example.cn",
        "recipient_address": "杭州市西湖区某某大道2号",
        "recipient_representative": "吴某",
        "purpose": "向您介绍体检套餐",
        "method": "由您本人添加接收方企业微信",
        "categories": ["姓名", "手机号码", "身份证件号码"],
        "necessity": "仅为办理体检预约核验身份所必需",
        "retention": "服务结束后六个月",
        "rights_channel": "客服热线400-000-0000",
        "withdrawal_method": "回复“退订”",
        "sensitive": True,
        "sensitive_categories": ["体检报告"],
        "sensitive_necessity": "仅为解读您本人的体检结果所必需",
        "sensitive_impact": "泄露可能导致您受到歧视",
        "cross_border": True,
        "overseas_recipient_name": "Health Example Pte. Ltd.",
        "overseas_recipient_contact": "dpo@health.example.sg",
        "overseas_country": "新加坡",
        "customer_name": "王女士",
        "customer": "客户",
        "customers": "客户",
        "sensitive_kinds": "体检报告等医疗健康信息",
        "notice_reference": "https://example.cn/notice",
        "service_fee": "人民币120,000元",
        "payment_terms": "分两期支付",
        "term": "两年",
        "platforms": ["微信"],
        "accounts": ["zhou_health"],
        "replaces_source": True,
        "source_title": "微信号转让协议",
        "source_date": "2023-05-06",
        "signing_date": "2024-01-15",
        "duration": "一年",
        "processing_method": "存储和电话回访",
        "data_subjects": "委托方的会员",
        "security_measures": "数据库加密",
        "governing_law": "中华人民共和国法律",
        "privacy_law": "新加坡《个人资料保护法》",
        "recipients": ["某某健康管理有限公司"],
        "source_categories": [
            "姓名",
            "通信内容（聊天记录、私信等）",
            "医疗健康信息（病历、诊疗记录、治疗照片等）",
            "车牌号码",
        ],
        "volumes": ["会员3,000人"],
        "findings": ["转让微信号（2处）"],
        "assessor": "合规部李某",
        "assessment_date": "2024-02-01",
    },
    "en": {
        "provider_name": "Ada Wong",
        "provider_contact": "ada@example.com",
        "provider_address": "1 Harbour Road, Hong Kong",
        "provider_id_number": "A1234567",
        "recipient_name": "Glow Clinics Ltd",
        "recipient_contact": "privacy@glow.example",
        "recipient_address": "2 Market Street, Singapore",
        "recipient_representative": "Ben Lim, Director",
        "purpose": "to offer you a skin consultation",
        "method": "you message the Recipient yourself",
        "categories": ["name", "phone number", "identity document number"],
        "necessity": "needed to verify your identity for the booking",
        "retention": "six months after the consultation",
        "rights_channel": "the privacy desk at +65 6000 0000",
        "withdrawal_method": "reply STOP",
        "sensitive": True,
        "sensitive_categories": ["skin condition photos"],
        "sensitive_necessity": "needed to prepare your own consultation",
        "sensitive_impact": "a leak could cause embarrassment",
        "cross_border": True,
        "overseas_recipient_name": "Glow Clinics Ltd",
        "overseas_recipient_contact": "dpo@glow.example",
        "overseas_country": "Singapore",
        "customer_name": "Ms Chan",
        "customer": "customer",
        "customers": "customers",
        "sensitive_kinds": "health check reports",
        "notice_reference": "https://glow.example/notice",
        "service_fee": "USD 9,500",
        "payment_terms": "within 30 days of invoice",
        "term": "two years",
        "platforms": ["Instagram"],
        "accounts": ["@adaskin"],
        "replaces_source": True,
        "source_title": "Account Purchase Agreement",
        "source_date": "2024-03-03",
        "signing_date": "2024-04-01",
        "duration": "one year",
        "processing_method": "storage and follow-up calls",
        "data_subjects": "the Controller's members",
        "security_measures": "database encryption",
        "governing_law": "the laws of Singapore",
        "privacy_law": "the Personal Data Protection Act 2012 of Singapore",
        "recipients": ["Glow Clinics Ltd"],
        "source_categories": [
            "name",
            "content of communications (chat logs, direct messages)",
            "medical and health information (medical records, treatments, clinical photos)",
            "licence plate numbers",
        ],
        "volumes": ["3,000 members"],
        "findings": ["Account sale (2 places)"],
        "assessor": "Compliance team",
        "assessment_date": "2024-02-01",
    },
}
WITHDRAWAL_STATEMENT = {
    "zh": "撤回同意，不影响撤回前基于您的同意已进行的个人信息处理活动的效力",
    "en": "does not affect the validity of processing carried out on the basis of your consent before you withdrew it",
}


def paragraphs(path: Path) -> list[str]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), parser)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def text_of(path: Path) -> str:
    return "\n".join(paragraphs(path))


def values_for(template: str, lang: str, **changes: Any) -> dict[str, Any]:
    names = {v.name for v in load_template(template).variables}
    return {k: v for k, v in (VALUES[lang] | changes).items() if k in names}


def render(folder: Path, template: str, lang: str, suffix: str = ".docx", **changes: Any) -> Path:
    """Draft `template` from a YAML values file (so lists, booleans and dates arrive as YAML types)."""
    folder.mkdir(parents=True, exist_ok=True)
    tag = hashlib.sha256(repr(sorted(changes.items())).encode()).hexdigest()[:8]
    data = folder / f"{template}-{lang}-{tag}.yaml"
    data.write_text(
        yaml.safe_dump(values_for(template, lang, **changes), allow_unicode=True), encoding="utf-8"
    )
    out = folder / f"{template}-{lang}-{tag}{suffix}"
    draft(template, out, lang=lang, data=data)
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("rendered")
    return {(name, lang): render(folder, name, lang) for name in NAMES for lang in LANGS}


@pytest.fixture(scope="module")
def plain_notice(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Consent notices with neither sensitive nor cross-border information."""
    folder = tmp_path_factory.mktemp("plain")
    return {
        lang: render(folder, "consent-notice", lang, sensitive=False, cross_border=False) for lang in LANGS
    }


# --- every template, both languages ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_renders_without_leftover_tags(rendered: dict[tuple[str, str], Path], name: str, lang: str) -> None:
    text = text_of(rendered[name, lang])
    for mark in ("{{", "}}", "{%", "%}", "{#", "#}", "⟦empty⟧"):
        assert mark not in text


@pytest.mark.parametrize("lang", LANGS)
def test_a_notice_under_another_law_cites_that_law_not_pipl(tmp_path: Path, lang: str) -> None:
    text = text_of(render(tmp_path, "consent-notice", lang, prc_law=False))
    assert values_for("consent-notice", lang)["privacy_law"] in text
    assert "个人信息保护法》" not in text and "Personal Information Protection Law" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_given_value_appears(rendered: dict[tuple[str, str], Path], name: str, lang: str) -> None:
    text = text_of(rendered[name, lang])
    tpl = load_template(name)
    for v in tpl.variables:
        value = values_for(name, lang).get(v.name)
        if v.name == "privacy_law":
            continue  # printed only where another law than PRC law governs (the next test)
        if v.type == "string":
            assert value in text, v.name
        elif v.type == "list":
            assert all(item in text for item in value), v.name


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_no_box_is_pre_ticked(rendered: dict[tuple[str, str], Path], name: str, lang: str) -> None:
    assert not TICKED.search(text_of(rendered[name, lang]))


def test_rendering_is_reproducible(tmp_path: Path) -> None:
    first = render(tmp_path / "a", "referral-agreement", "zh")
    second = render(tmp_path / "b", "referral-agreement", "zh")
    assert first.read_bytes() == second.read_bytes()


# --- consent notice: one assertion per mandatory element (PIPL 15-17, 23, 28-31, 39) -----------------


@pytest.mark.parametrize("lang", LANGS)
def test_notice_names_the_provider_and_its_contact(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["consent-notice", lang])
    assert VALUES[lang]["provider_name"] in text
    assert VALUES[lang]["provider_contact"] in text


@pytest.mark.parametrize("lang", LANGS)
def test_notice_names_the_recipient_and_its_contact(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["consent-notice", lang])
    assert VALUES[lang]["recipient_name"] in text
    assert VALUES[lang]["recipient_contact"] in text


@pytest.mark.parametrize("lang", LANGS)
def test_notice_states_the_purpose(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    assert VALUES[lang]["purpose"] in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_states_the_method(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    assert VALUES[lang]["method"] in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_lists_every_category(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["consent-notice", lang])
    assert all(category in text for category in VALUES[lang]["categories"])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_states_the_retention_period(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    assert VALUES[lang]["retention"] in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_lists_the_rights(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["consent-notice", lang]).lower()
    rights = ("查阅", "复制", "更正", "删除") if lang == "zh" else ("access", "copy", "correct", "delete")
    assert all(right in text for right in rights)


@pytest.mark.parametrize("lang", LANGS)
def test_notice_says_how_to_exercise_the_rights(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    assert VALUES[lang]["rights_channel"] in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_rights_channel_falls_back_to_the_recipient_contact(tmp_path: Path, lang: str) -> None:
    out = render(tmp_path, "consent-notice", lang, rights_channel=None)
    rights = next(
        p
        for p in paragraphs(out)
        if VALUES[lang]["provider_contact"] in p and "{" not in p and ("行使" in p or "exercise" in p)
    )
    assert VALUES[lang]["recipient_contact"] in rights


@pytest.mark.parametrize("lang", LANGS)
def test_notice_gives_a_way_to_withdraw(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    assert VALUES[lang]["withdrawal_method"] in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_says_withdrawal_does_not_affect_earlier_processing(
    rendered: dict[tuple[str, str], Path], lang: str
) -> None:
    assert WITHDRAWAL_STATEMENT[lang] in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_does_not_make_service_depend_on_consent(
    rendered: dict[tuple[str, str], Path], lang: str
) -> None:
    phrase = "不会因此拒绝或者停止为您提供服务" if lang == "zh" else "will not refuse or stop its services"
    assert phrase in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_asks_guardians_to_consent_for_children(
    rendered: dict[tuple[str, str], Path], lang: str
) -> None:
    phrase = "不满十四周岁" if lang == "zh" else "under 14"
    assert phrase in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_notice_keeps_proof_of_consent(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    phrase = "不少于三年" if lang == "zh" else "at least three years"
    assert phrase in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_silence_is_not_consent(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    phrase = "均不视为同意" if lang == "zh" else "is never consent"
    assert phrase in text_of(rendered["consent-notice", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_each_consent_has_its_own_empty_box(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    boxes = [p for p in paragraphs(rendered["consent-notice", lang]) if p.startswith("☐")]
    assert len(boxes) == 3  # the provision itself, sensitive information, provision abroad


@pytest.mark.parametrize("lang", LANGS)
def test_sensitive_section_appears_when_sensitive(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["consent-notice", lang])
    assert VALUES[lang]["sensitive_necessity"] in text
    assert VALUES[lang]["sensitive_impact"] in text
    assert VALUES[lang]["sensitive_categories"][0] in text


@pytest.mark.parametrize("lang", LANGS)
def test_sensitive_section_is_absent_otherwise(plain_notice: dict[str, Path], lang: str) -> None:
    text = text_of(plain_notice[lang])
    assert VALUES[lang]["sensitive_necessity"] not in text
    assert ("敏感个人信息（须单独同意）" if lang == "zh" else "Sensitive personal information") not in text


@pytest.mark.parametrize("lang", LANGS)
def test_cross_border_section_appears_when_relevant(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["consent-notice", lang])
    for name in ("overseas_recipient_name", "overseas_recipient_contact", "overseas_country"):
        assert VALUES[lang][name] in text


@pytest.mark.parametrize("lang", LANGS)
def test_cross_border_section_is_absent_otherwise(plain_notice: dict[str, Path], lang: str) -> None:
    text = text_of(plain_notice[lang])
    assert VALUES[lang]["overseas_recipient_contact"] not in text
    assert VALUES[lang]["overseas_country"] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_plain_notice_has_one_box(plain_notice: dict[str, Path], lang: str) -> None:
    assert sum(p.startswith("☐") for p in paragraphs(plain_notice[lang])) == 1


# --- customer message ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_customer_message_text_is_chat_length(tmp_path: Path, lang: str) -> None:
    out = render(tmp_path, "customer-message", lang, suffix=".txt")
    message = out.read_text(encoding="utf-8").strip()
    assert len(message) <= (300 if lang == "zh" else 800)
    assert "\n" not in message
    for name in ("provider_name", "recipient_name", "recipient_contact", "purpose"):
        assert VALUES[lang][name] in message
    assert "{" not in message and "⟦" not in message


@pytest.mark.parametrize("lang", LANGS)
def test_customer_message_says_no_reply_is_no(tmp_path: Path, lang: str) -> None:
    message = render(tmp_path, "customer-message", lang, suffix=".txt").read_text(encoding="utf-8")
    assert ("不回复视为不同意" if lang == "zh" else "No reply means no") in message


def test_text_output_needs_a_text_template(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="no zh.txt"):
        draft("consent-notice", tmp_path / "x.txt", lang="zh", overrides={})


# --- referral agreement ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_referral_keeps_the_accounts_with_the_seller(
    rendered: dict[tuple[str, str], Path], lang: str
) -> None:
    text = text_of(rendered["referral-agreement", lang])
    assert VALUES[lang]["accounts"][0] in text
    assert (
        "始终由甲方以本人身份持有和使用" if lang == "zh" else "remain held and used by the Referrer"
    ) in text


@pytest.mark.parametrize("lang", LANGS)
def test_referral_only_after_each_customers_separate_consent(
    rendered: dict[tuple[str, str], Path], lang: str
) -> None:
    phrase = "仅在该客户作出单独同意后" if lang == "zh" else "only after that customer’s separate consent"
    assert phrase in text_of(rendered["referral-agreement", lang])


@pytest.mark.parametrize("lang", LANGS)
def test_referral_fee_is_for_the_service_never_per_head(
    rendered: dict[tuple[str, str], Path], lang: str
) -> None:
    text = text_of(rendered["referral-agreement", lang])
    assert (
        "不按客户、好友或者粉丝的人数"
        if lang == "zh"
        else "not calculated, adjusted or reduced by the number"
    ) in text
    assert ("120,000" if lang == "zh" else "9,500") in text


def test_zh_referral_writes_the_fee_in_financial_capitals(rendered: dict[tuple[str, str], Path]) -> None:
    assert "人民币壹拾贰万元整" in text_of(rendered["referral-agreement", "zh"])


@pytest.mark.parametrize(
    ("element", "zh", "en"),
    [
        (
            "consented scope",
            "仅得在客户同意的处理目的、处理方式和个人信息种类范围内",
            "only within the purpose, method and categories",
        ),
        (
            "deletion or return",
            "删除客户个人信息或者将其返还客户",
            "delete that customer’s personal information or return it",
        ),
        ("security", "保障客户个人信息的安全", "keep customers’ personal information secure"),
        ("audit", "审计", "audit"),
        ("records for three years", "相关记录至少保存三年", "for at least three years"),
        ("no impersonation", "不得以甲方名义发布信息", "will not post in the Referrer’s name"),
    ],
)
@pytest.mark.parametrize("lang", LANGS)
def test_referral_binds_the_recipient(
    rendered: dict[tuple[str, str], Path], lang: str, element: str, zh: str, en: str
) -> None:
    assert (zh if lang == "zh" else en) in text_of(rendered["referral-agreement", lang]), element


@pytest.mark.parametrize("lang", LANGS)
def test_referral_dates_follow_the_language(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["referral-agreement", lang])
    assert ("2024年1月15日" if lang == "zh" else "1 April 2024") in text
    assert ("2023年5月6日" if lang == "zh" else "3 March 2024") in text


# --- DPA: PIPL art. 21 (zh) and GDPR art. 28(3) (en) ------------------------------------------------


@pytest.mark.parametrize(
    ("element", "phrase"),
    [
        ("purpose", "委托处理的目的：向您介绍体检套餐"),
        ("duration", "委托处理的期限：一年"),
        ("method", "处理方式：存储和电话回访"),
        ("categories", "个人信息的种类：姓名、手机号码"),
        ("protection measures", "受托方应当采取下列保护措施：数据库加密"),
        ("no processing beyond the agreed scope", "不得超出约定的处理目的、处理方式等处理个人信息"),
        ("no sub-entrustment without consent", "未经委托方事先书面同意，受托方不得转委托他人处理个人信息"),
        ("return or deletion", "受托方应当将个人信息返还委托方或者予以删除，不得保留"),
        ("supervision", "委托方有权对受托方的个人信息处理活动进行监督"),
    ],
)
def test_zh_dpa_has_the_article_21_elements(
    rendered: dict[tuple[str, str], Path], element: str, phrase: str
) -> None:
    assert phrase in text_of(rendered["data-processing-agreement", "zh"]), element


@pytest.mark.parametrize(
    ("point", "phrase"),
    [
        ("subject matter and duration", "Duration of the processing: one year"),
        ("nature", "Nature of the processing: storage and follow-up calls"),
        ("types of data", "Types of personal data: name, phone number"),
        ("data subjects", "Categories of data subjects: the Controller's members"),
        ("(a) documented instructions", "only on documented instructions from the Controller"),
        ("(b) confidentiality", "committed themselves to confidentiality"),
        ("(c) security", "measures required by Article 32 GDPR"),
        ("(d) sub-processors", "prior specific or general written authorisation"),
        ("(e) data subject rights", "responding to requests to exercise data subjects’ rights"),
        ("(f) articles 32-36", "Articles 32 to 36 GDPR"),
        ("(g) deletion or return", "deletes or returns all the personal data"),
        ("(h) audits", "allows for and contributes to audits, including inspections"),
        ("infringing instructions", "an instruction infringes data protection law"),
    ],
)
def test_en_dpa_has_the_article_28_3_elements(
    rendered: dict[tuple[str, str], Path], point: str, phrase: str
) -> None:
    assert phrase in text_of(rendered["data-processing-agreement", "en"]), point


# --- impact assessment -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_pia_rates_each_category_the_agreement_provides(
    rendered: dict[tuple[str, str], Path], lang: str
) -> None:
    """Each row: the category, its nature under PIPL art. 28, the 2017 interpretation's item count and
    the risk level. The expectations are the law's, written here: a name is ordinary (5,000 items), chat
    logs are communication content (50 items, high), medical data is sensitive (high), and a category the
    catalogue does not know is to be assessed, never ordinary by default."""
    rows = paragraphs(rendered["pia-report", lang])
    if lang == "zh":
        expected = [
            ("一般个人信息", "5,000条", "一般"),
            ("一般个人信息", "50条", "高"),
            ("敏感个人信息", "500条", "高"),
            ("须评估", "须评估", "须评估"),
        ]
    else:
        expected = [
            ("ordinary personal information", "5,000 items", "ordinary"),
            ("ordinary personal information", "50 items", "high"),
            ("sensitive personal information", "500 items", "high"),
            ("to be assessed", "to be assessed", "to be assessed"),
        ]
    for category, columns in zip(VALUES[lang]["source_categories"], expected, strict=True):
        at = rows.index(category)
        assert tuple(rows[at + 1 : at + 4]) == columns, category


@pytest.mark.parametrize("lang", LANGS)
def test_pia_lists_volumes_recipients_and_findings(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["pia-report", lang])
    for name in ("volumes", "recipients", "findings"):
        assert all(item in text for item in VALUES[lang][name]), name


@pytest.mark.parametrize("lang", LANGS)
def test_pia_covers_the_three_article_56_questions(rendered: dict[tuple[str, str], Path], lang: str) -> None:
    text = text_of(rendered["pia-report", lang])
    if lang == "zh":
        questions = ("是否合法、正当、必要", "对个人权益的影响及安全风险", "是否合法、有效并与风险程度相适应")
    else:
        questions = (
            "lawful, proper and necessary",
            "Impact on individuals’ rights and security risks",
            "lawful, effective and proportionate to the risk",
        )
    assert all(q in text for q in questions)


@pytest.mark.parametrize("lang", LANGS)
def test_pia_without_volumes_or_findings_says_so(tmp_path: Path, lang: str) -> None:
    text = text_of(render(tmp_path, "pia-report", lang, volumes=[], findings=[]))
    assert ("评估人应当向提供方核实" if lang == "zh" else "the assessor must ask the provider") in text
    assert ("审查未发现中等及以上风险" if lang == "zh" else "The review found no medium or high risk") in text


# --- refusals --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_strict_missing_values_are_one_error_listing_each_with_its_description(
    tmp_path: Path, name: str
) -> None:
    tpl = load_template(name)
    needed = [v for v in tpl.variables if v.required and v.default_for("zh") is None]
    with pytest.raises(TemplateError) as caught:
        draft(name, tmp_path / "out.docx", lang="zh", strict=True)
    message = str(caught.value)
    assert "\n" not in message
    for v in needed:
        assert f"{v.name} ({v.description['zh']})" in message
    assert f"{len(needed)} required value(s) missing" in message
    assert "--set NAME=VALUE" in message
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
def test_every_template_renders_with_no_value_given(tmp_path: Path, name: str, lang: str) -> None:
    """Nothing given: the draft is written, and every gap is a marked blank in the blank style, listed
    once, each with its label; the required values without a default are exactly the blanks."""
    tpl = load_template(name)
    out = tmp_path / f"{name}.docx"
    result = draft(name, out, lang=lang)
    assert out.is_file()
    needed = {v.name for v in tpl.variables if v.required and v.default_for(lang) is None}
    assert {b.name for b in result.blanks} == needed
    shown = blank_runs(out)
    assert {tpl.variable(b.name).blank_label(lang) for b in result.blanks} == set(shown)
    text = text_of(out)
    for mark in ("{{", "{%", "⟦empty⟧"):
        assert mark not in text


def blank_runs(path: Path) -> list[str]:
    """The labels of the runs in the blank character style, read with lxml (not the drafting code)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"), parser)
        styles = etree.fromstring(archive.read("word/styles.xml"), parser)
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "DABlank")
    assert style.get(f"{W}type") == "character"
    assert style.find(f"{W}rPr/{W}shd").get(f"{W}fill") == "FFFF00"
    labels = []
    for run in root.iter(f"{W}r"):
        ref = run.find(f"{W}rPr/{W}rStyle")
        if ref is not None and ref.get(f"{W}val") == "DABlank":
            text = "".join(t.text or "" for t in run.iter(f"{W}t"))
            found = re.fullmatch(r"【待填写：(.+)】|\[To be completed: (.+)\]", text)
            assert found, text
            labels.append(found.group(1) or found.group(2))
    return labels


def test_a_flag_shows_its_dependent_blanks(tmp_path: Path) -> None:
    values = values_for(
        "consent-notice", "zh", sensitive_categories=None, sensitive_necessity=None, cross_border=False
    )
    data = tmp_path / "v.json"
    data.write_text(json.dumps(values, ensure_ascii=False), encoding="utf-8")
    result = draft("consent-notice", tmp_path / "out.docx", lang="zh", data=data)
    assert {b.name for b in result.blanks} == {"sensitive_categories", "sensitive_necessity"}
    with pytest.raises(TemplateError) as caught:
        draft("consent-notice", tmp_path / "strict.docx", lang="zh", data=data, strict=True)
    assert "sensitive_categories" in str(caught.value) and "sensitive_necessity" in str(caught.value)
    assert "overseas_country" not in str(caught.value)


def test_unknown_template_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="unknown template 'no-such-template'"):
        draft("no-such-template", tmp_path / "out.docx")


def test_unknown_variable_names_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="unknown variable.*provder_name"):
        draft("customer-message", tmp_path / "out.docx", overrides={"provder_name": "x"})


def test_values_of_the_wrong_type_are_all_reported_together(tmp_path: Path) -> None:
    overrides = {"service_fee": "a lot", "signing_date": "someday", "replaces_source": "perhaps"}
    with pytest.raises(TemplateError) as caught:
        draft("referral-agreement", tmp_path / "out.docx", overrides=overrides)
    for name in overrides:
        assert f"{name}:" in str(caught.value)


def test_overrides_win_over_data(tmp_path: Path) -> None:
    data = tmp_path / "v.yaml"
    data.write_text(
        yaml.safe_dump(values_for("customer-message", "zh"), allow_unicode=True), encoding="utf-8"
    )
    out = tmp_path / "m.txt"
    draft(
        "customer-message",
        out,
        data=data,
        overrides={"provider_name": "覆盖者", "categories": "姓名，微信号"},
    )
    message = out.read_text(encoding="utf-8")
    assert "覆盖者" in message and VALUES["zh"]["provider_name"] not in message
    assert "姓名、微信号" in message


def test_a_values_file_must_hold_a_mapping(tmp_path: Path) -> None:
    data = tmp_path / "v.yaml"
    data.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="one mapping"):
        draft("customer-message", tmp_path / "out.docx", data=data)


def test_output_may_not_overwrite_an_input(tmp_path: Path) -> None:
    data = tmp_path / "v.yaml"
    data.write_text(
        yaml.safe_dump(values_for("customer-message", "zh"), allow_unicode=True), encoding="utf-8"
    )
    before = data.read_bytes()
    with pytest.raises(OutputError):
        draft("customer-message", data, data=data)
    assert data.read_bytes() == before


def minimal_template(root: Path, body: str, variables: list[dict[str, Any]]) -> None:
    folder = root / "mini"
    folder.mkdir(parents=True)
    document = Document()
    document.add_paragraph(body)
    document.save(str(folder / "zh.docx"))
    manifest = {
        "name": "mini",
        "title": {"zh": "小", "en": "Mini"},
        "description": {"zh": "测试", "en": "test"},
        "variables": variables,
    }
    (folder / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")


def optional(name: str) -> dict[str, Any]:
    return {"name": name, "type": "string", "required": False, "description": {"zh": name, "en": name}}


def test_an_optional_value_the_text_prints_is_a_blank(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal_template(tmp_path, "联系人：{{ contact }}", [optional("contact")])
    monkeypatch.setenv("DRAFT_AGREEMENT_TEMPLATES", str(tmp_path))
    result = draft("mini", tmp_path / "out.docx")
    assert text_of(tmp_path / "out.docx") == "联系人：【待填写：contact】"
    assert [b.name for b in result.blanks] == ["contact"]


def test_an_expression_that_prints_nothing_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal_template(tmp_path, "联系人：{{ contact|replace('x', '') }}", [optional("contact")])
    monkeypatch.setenv("DRAFT_AGREEMENT_TEMPLATES", str(tmp_path))
    with pytest.raises(TemplateError, match="empty placeholder"):
        draft("mini", tmp_path / "out.docx", overrides={"contact": "x"})
    assert not (tmp_path / "out.docx").exists()


def test_a_variable_missing_from_the_manifest_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    minimal_template(tmp_path, "{{ contact }} {{ undeclared }}", [optional("contact")])
    monkeypatch.setenv("DRAFT_AGREEMENT_TEMPLATES", str(tmp_path))
    with pytest.raises(TemplateError, match="undeclared"):
        draft("mini", tmp_path / "out.docx", overrides={"contact": "x"})


def test_a_broken_tag_left_in_the_output_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    minimal_template(tmp_path, "{{ contact }} {{ not closed", [optional("contact")])
    monkeypatch.setenv("DRAFT_AGREEMENT_TEMPLATES", str(tmp_path))
    with pytest.raises(TemplateError):
        draft("mini", tmp_path / "out.docx", overrides={"contact": "x"})


def test_values_are_escaped_into_xml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    minimal_template(tmp_path, "{{ contact }}", [optional("contact")])
    monkeypatch.setenv("DRAFT_AGREEMENT_TEMPLATES", str(tmp_path))
    draft("mini", tmp_path / "out.docx", overrides={"contact": "A & B <c@d.example>"})
    assert "A & B <c@d.example>" in text_of(tmp_path / "out.docx")


# --- real-world checks on the output ---------------------------------------------------------------


def test_outputs_pass_ooxml_integrity(
    rendered: dict[tuple[str, str], Path], plain_notice: dict[str, Path]
) -> None:
    exe = shutil.which("ooxml-integrity")
    if exe is None:
        pytest.skip("ooxml-integrity is not installed (pip install ooxml-integrity)")
    files = sorted(str(p) for p in [*rendered.values(), *plain_notice.values()])
    run = subprocess.run([exe, "check", *files, "--json"], capture_output=True, text=True, timeout=300)
    report = json.loads(run.stdout)
    assert {f["path"]: f["summary"]["error"] for f in report["files"]} == dict.fromkeys(files, 0)


def test_outputs_are_schema_valid(rendered: dict[tuple[str, str], Path]) -> None:
    exe = shutil.which("openxml-audit")
    if exe is None:
        pytest.skip("openxml-audit is not installed (pip install openxml-audit)")
    folder = next(iter(rendered.values())).parent
    run = subprocess.run([exe, str(folder), "-r", "-o", "json"], capture_output=True, text=True, timeout=300)
    report = {Path(entry["file"]).name: entry["error_count"] for entry in json.loads(run.stdout)}
    assert report == {path.name: 0 for path in rendered.values()}


def libreoffice_text(files: list[Path], out_dir: Path) -> dict[Path, str]:
    """Convert with a private profile (other test runs may use LibreOffice at the same time)."""
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = (out_dir / "profile").as_uri()
    command = [
        exe,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "txt:Text",
        "--outdir",
        str(out_dir),
        *map(str, files),
    ]
    subprocess.run(command, capture_output=True, timeout=300, env=os.environ | {"HOME": str(out_dir)})
    converted = {}
    for path in files:
        target = out_dir / f"{path.stem}.txt"
        assert target.is_file(), f"LibreOffice could not open {path.name}"
        converted[path] = target.read_text(encoding="utf-8-sig", errors="replace")
    return converted


def test_outputs_open_in_libreoffice(rendered: dict[tuple[str, str], Path], tmp_path: Path) -> None:
    converted = libreoffice_text(sorted(rendered.values()), tmp_path)
    for (name, lang), path in rendered.items():
        text = converted[path]
        assert load_template(name).title[lang].split()[0] in text
        assert VALUES[lang]["provider_name"] in text or VALUES[lang]["recipients"][0] in text


# --- pre-filled from each sample agreement ---------------------------------------------------------


def sample_prefill(sample: Path, lang: str) -> dict[str, Any]:
    from draft_agreement.api import review
    from draft_agreement.drafting import prefill
    from draft_agreement.errors import RuleFileError
    from draft_agreement.model.document import load_document

    try:
        report = review(sample, lang=lang)
    except RuleFileError as exc:
        pytest.skip(f"the review cannot run on {sample.name} yet: {exc}")
    return prefill(load_document(sample), report, lang).values


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_renders_from_each_sample(tmp_path: Path, sample: Path, name: str, lang: str) -> None:
    known = sample_prefill(sample, lang)
    tpl = load_template(name)
    gaps = {
        v.name: VALUES[lang][v.name]
        for v in tpl.variables
        if v.name not in known and v.default_for(lang) is None and (v.required or v.required_if)
    }
    overrides = {k: ", ".join(v) if isinstance(v, list) else str(v) for k, v in gaps.items()}
    out = tmp_path / f"{name}.docx"
    result = draft(name, out, lang=lang, source=sample, overrides=overrides)
    text = text_of(out)
    assert "{{" not in text and "{%" not in text
    for variable in ("provider_name", "recipient_name"):
        if tpl.variable(variable) and variable in known:
            assert known[variable] in text
            assert result.sources[variable] == "agreement"


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    sample = REPO / "samples" / "wechat-account-transfer.zh.docx"
    before = hashlib.sha256(sample.read_bytes()).hexdigest()
    draft("referral-agreement", tmp_path / "r.docx", source=sample)
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == before


# --- command line ----------------------------------------------------------------------------------


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test harness."""

    register(app)
    return app


def test_cli_strict_missing_values_are_one_line_and_exit_2(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["draft", "consent-notice", "-o", str(tmp_path / "x.docx"), "--strict"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("draft-agreement:")
    assert "provider_name" in lines[0] and "recipient_contact" in lines[0]
    assert not (tmp_path / "x.docx").exists()


def test_cli_lists_each_blank_on_stderr_and_in_the_report(cli: typer.Typer, tmp_path: Path) -> None:
    out, report = tmp_path / "x.docx", tmp_path / "x.json"
    result = CliRunner().invoke(cli, ["draft", "consent-notice", "-o", str(out), "--report", str(report)])
    assert result.exit_code == 0, result.stderr
    tpl = load_template("consent-notice")
    listed = [line.split(": ", 2) for line in result.stderr.splitlines() if line.startswith("  blank: ")]
    written = json.loads(report.read_text(encoding="utf-8"))
    assert [name for _, name, _ in listed] == [b["name"] for b in written["blanks"]]
    for _, name, description in listed:
        assert description == tpl.variable(name).description["zh"]
    assert set(blank_runs(out)) == {b["label"] for b in written["blanks"]}
    assert written["template"] == "consent-notice" and written["output"] == str(out)


def test_cli_unknown_template_exits_2(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["draft", "nope", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "unknown template" in result.stderr


def test_cli_malformed_set_exits_2(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["draft", "customer-message", "-o", str(tmp_path / "x.txt"), "--set", "oops"]
    )
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.stderr


def test_cli_draft_with_sets(cli: typer.Typer, tmp_path: Path) -> None:
    out = tmp_path / "m.txt"
    args = ["draft", "customer-message", "-o", str(out), "--lang", "en"]
    for name in ("provider_name", "recipient_name", "recipient_contact"):
        args += ["--set", f"{name}={VALUES['en'][name]}"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert VALUES["en"]["recipient_contact"] in out.read_text(encoding="utf-8")


def test_cli_templates_list_and_show(cli: typer.Typer) -> None:
    listing = CliRunner().invoke(cli, ["templates", "list"])
    assert listing.exit_code == 0
    assert [line.split("\t")[0] for line in listing.stdout.splitlines()] == [t.name for t in list_templates()]
    shown = CliRunner().invoke(cli, ["templates", "show", "referral-agreement"])
    assert shown.exit_code == 0
    for v in load_template("referral-agreement").variables:
        assert f"{v.name}\t{v.type}\t" in shown.stdout
        assert v.description["en"] in shown.stdout

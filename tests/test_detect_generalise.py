"""Detection that generalises: the personal-information vocabulary, the counterparty the document names,
the deal's subject clauses, per-head prices, sensitive and children's data, and the look-alikes that must
stay quiet.

Every agreement here is written for the test, modelled on the kinds of clause real agreements use
(a salon, a restaurant, a tutoring school, a data-sharing deal, an English asset purchase); none is taken
from the evaluation set. Expectations are what a lawyer would say of the clause.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from lxml import etree

from draft_agreement.reviewing.engine import Engine
from draft_agreement.reviewing.findings import Finding
from draft_agreement.reviewing.normalize import fold
from draft_agreement.reviewing.run import review

sys.path.insert(0, str(Path(__file__).resolve().parent))
import docgen  # noqa: E402

CLAUSES = Path(__file__).resolve().parents[1] / "clauses"
ACTIONABLE = {"high", "medium"}
PI = {"personal-info-transfer", "sensitive-personal-info", "pi-pricing"}


def _paragraph(text: str) -> etree._Element:
    p = etree.Element(f"{{{docgen.W_NS}}}p")
    t = etree.SubElement(etree.SubElement(p, f"{{{docgen.W_NS}}}r"), f"{{{docgen.W_NS}}}t")
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def reviewed(tmp_path: Path, lines: list[str], name: str = "a.docx") -> list[Finding]:
    """Actionable findings of an agreement made of `lines` (the first is the title)."""
    path = docgen.write_docx(tmp_path / name, [_paragraph(line) for line in lines])
    return [f for f in review(path).findings if f.severity in ACTIONABLE]


def on(findings: list[Finding], fragment: str) -> set[str]:
    """Categories found in the paragraph that contains `fragment`."""
    return {f.category for f in findings if f.paragraph_text and fragment in f.paragraph_text}


def zh_deal(transferor: str, transferee: str, clauses: list[str]) -> list[str]:
    return [
        "转让协议",
        f"{transferor}：南京某某美容有限公司",
        f"{transferee}：南京某某健康管理有限公司",
        *(f"第{n}条 {clause}" for n, clause in enumerate(clauses, start=1)),
        f"{transferor}（盖章）：",
        f"{transferee}（盖章）：",
    ]


# --- who holds it, what carries it, what moves it ------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "甲方将本店所有顾客资源及顾客档案一并转让给乙方。",
        "甲方将其名下全部学员及学员尚未消耗的课时转由乙方承接。",
        "甲方将托管班现有生源转让给乙方，并移交学生花名册。",
        "甲方应于交割日将会员登记表及收银系统导出的会员消费明细交给乙方。",
    ],
)
def test_a_going_concern_sold_with_its_customers_is_a_transfer(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [clause]))
    assert "personal-info-transfer" in on(findings, clause)
    finding = next(f for f in findings if f.paragraph_text and clause in f.paragraph_text)
    assert finding.text and finding.text in clause  # the matched span, in the clause's own words
    assert any(basis.ref == "pipl:23" for basis in finding.legal_basis)


LIST_CLAUSE = "{giver}应于本协议签订后五日内向{taker}提供客户资源清单（客户姓名、联系方式、消费记录）。"


@pytest.mark.parametrize(
    ("giver", "taker"), [("转让方", "受让方"), ("转让方", "接收方"), ("出让方", "收购方"), ("卖方", "购买方")]
)
def test_the_counterparty_is_whatever_the_document_calls_it(tmp_path: Path, giver: str, taker: str) -> None:
    clause = LIST_CLAUSE.format(giver=giver, taker=taker)
    assert "personal-info-transfer" in on(reviewed(tmp_path, zh_deal(giver, taker, [clause])), clause)


def test_a_label_the_rules_do_not_list_is_read_from_the_deal(tmp_path: Path) -> None:
    """收购方 is in no rule: the sentence alone says nothing of the other side, the agreement does."""
    clause = "自交割日起，全部客户资料归收购方所有。"
    engine = Engine.from_packs([], "zh")
    alone = {hit.rule.category for hit in engine.scan(clause) if hit.rule.severity in ACTIONABLE}
    assert "personal-info-transfer" not in alone
    with_label = {hit.rule.category for hit in engine.scan(clause, parties=(fold("收购方"),))}
    assert "personal-info-transfer" in with_label
    findings = reviewed(tmp_path, zh_deal("出让方", "收购方", [clause]))
    assert "personal-info-transfer" in on(findings, clause)


def test_data_kept_by_the_side_that_gives_is_no_transfer(tmp_path: Path) -> None:
    """With plain 甲方/乙方 and no roles, 甲方 hands over: its own data staying with it moves nothing."""
    kept = "客户资料的所有权归甲方所有，乙方不得擅自使用。"
    moved = "自交割日起，客户资料归乙方所有。"
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [kept, moved]))
    assert "personal-info-transfer" not in on(findings, kept)
    assert "personal-info-transfer" in on(findings, moved)


def test_a_data_sharing_agreement_listing_user_fields(tmp_path: Path) -> None:
    share = "数据提供方同意向数据接收方共享其App注册用户的用户基本信息、手机号码、浏览及点击行为数据。"
    push = "数据提供方每日通过接口向数据接收方推送增量数据，并每月提供一次全量数据。"
    use = "数据接收方可将上述用户数据用于其为其他客户提供的精准营销服务。"
    findings = reviewed(tmp_path, zh_deal("数据提供方", "数据接收方", [share, push, use]))
    for clause in (share, push, use):
        assert "personal-info-transfer" in on(findings, clause), clause


def test_an_english_asset_purchase_of_customer_contracts_and_information(tmp_path: Path) -> None:
    lead = (
        "1.1 At Completion the Vendor shall sell and the Purchaser shall buy the following assets of the "
        "Business:"
    )
    contracts = "(a) all agreements with customers of the Business in force at Completion;"
    records = "(b) the customer records, including names, telephone numbers and order histories;"
    vans = "(c) the delivery vans listed in Schedule 2."
    lines = [
        "Business Transfer Agreement",
        "This Agreement is made between Harbour Bakery Ltd (the “Vendor”) and Crust Holdings Ltd (the “Purchaser”).",
        lead,
        contracts,
        records,
        vans,
        "2.1 The purchase price is GBP 80,000.",
    ]
    findings = reviewed(tmp_path, lines)
    assert "personal-info-transfer" in on(findings, contracts)
    assert "personal-info-transfer" in on(findings, records)
    assert not on(findings, vans) & PI


# --- what it is priced by ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "交付满三个月时仍在本店消费的会员不足二百名的，剩余价款按实际留存会员数与二百名之比相应减少。",
        "转让价款按在读学员人数计算，每名学员人民币贰仟元。",
        "留存率每降低五个百分点，扣减尾款的四分之一。",
    ],
)
def test_a_price_tied_to_how_many_customers_remain(tmp_path: Path, clause: str) -> None:
    assert "pi-pricing" in on(reviewed(tmp_path, zh_deal("甲方", "乙方", [clause])), clause)


def test_an_english_retention_adjustment(tmp_path: Path) -> None:
    clause = "3.2 The Deferred Amount shall be reduced by GBP 200 for every student who does not re-enrol."
    lines = ["Business Transfer Agreement", "Between the Vendor and the Purchaser.", clause]
    assert "pi-pricing" in on(reviewed(tmp_path, lines), clause)


def test_a_price_clause_is_not_itself_a_transfer(tmp_path: Path) -> None:
    clause = "转让总价款为人民币叁拾万元，其中设备作价拾万元，客户资料作价贰拾万元。"
    assert "personal-info-transfer" not in on(reviewed(tmp_path, zh_deal("甲方", "乙方", [clause])), clause)


# --- sensitive and children's data ----------------------------------------------------------------------


def test_prior_aesthetic_treatment_records_are_sensitive(tmp_path: Path) -> None:
    clause = "甲方将顾客档案移交乙方，档案载有顾客的既往医疗美容记录及术后照片。"
    assert "sensitive-personal-info" in on(reviewed(tmp_path, zh_deal("甲方", "乙方", [clause])), clause)


def test_social_security_numbers_and_medical_histories_are_sensitive(tmp_path: Path) -> None:
    clause = (
        "2.3 The Seller shall deliver to the Buyer the patient files, including Social Security numbers and "
        "medical histories."
    )
    lines = ["Asset Purchase Agreement", "Between the Seller and the Buyer.", clause]
    assert "sensitive-personal-info" in on(reviewed(tmp_path, lines), clause)


def test_childrens_data_is_sensitive_and_cites_the_minors_rules(tmp_path: Path) -> None:
    clause = "甲方应向乙方移交学生名单，载明学生姓名、年龄、就读学校及家长联系方式。"
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [clause]))
    sensitive = [
        f
        for f in findings
        if f.category == "sensitive-personal-info" and f.paragraph_text and clause in f.paragraph_text
    ]
    assert sensitive
    refs = {basis.ref for f in sensitive for basis in f.legal_basis}
    assert {"pipl:28", "pipl:31", "minors-protection:72"} <= refs


@pytest.mark.parametrize(
    ("definition", "use", "lang"),
    [
        (
            "1.2 “Pupil Files” means the enrolment forms of the pupils and the mobile numbers of their "
            "parents or guardians.",
            "4.1 At Completion the Vendor shall deliver the Pupil Files to the Purchaser.",
            "en",
        ),
        (
            "1.2 本协议所称“会员资料”，包括会员姓名、联系电话、体检报告及伤病史。",
            "3.1 甲方应于交割日将会员资料移交乙方。",
            "zh",
        ),
    ],
)
def test_a_term_defined_to_hold_sensitive_data_stays_sensitive(
    tmp_path: Path, definition: str, use: str, lang: str
) -> None:
    """The clause that hands the records over says nothing sensitive itself: the definition does."""
    head = ["Business Transfer Agreement", "Between the Vendor and the Purchaser."] if lang == "en" else []
    lines = [*head, definition, use] if lang == "en" else zh_deal("甲方", "乙方", [definition, use])
    findings = reviewed(tmp_path, lines)
    assert "sensitive-personal-info" in on(findings, definition)
    assert "sensitive-personal-info" in on(findings, use)
    alone = reviewed(tmp_path, [*head, use] if lang == "en" else zh_deal("甲方", "乙方", [use]), "b.docx")
    assert "sensitive-personal-info" not in on(alone, use)


# --- what must stay quiet -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "乙方不得向任何第三方提供客户信息，亦不得将客户信息用于本协议以外的目的。",
        "甲方应逐一告知客户乙方的名称和联系方式，客户单独同意后，甲方方可将其联系方式提供给乙方。",
        "客户自愿添加乙方企业微信后，由乙方为其提供服务。",
        "本次股权转让不涉及目标公司所持客户及会员个人信息的转移。",
        "甲方通过微信群主转让功能将群主转给乙方，并在群内公告，不愿继续的群成员可自行退群。",
        "乙方按照甲方的指示处理会员信息，委托终止后删除全部会员信息。",
        "乙方应确保向全体用户推送的广告内容合法合规。",
        "全体会员可共享健身房的淋浴设施。",
        "甲方应于交割日将店铺钥匙及门禁卡交给乙方。",
    ],
)
def test_prohibitions_consent_and_look_alikes_stay_quiet(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [clause]))
    assert not on(findings, clause) & {"personal-info-transfer", "sensitive-personal-info"}


def test_an_english_consent_based_referral_stays_quiet(tmp_path: Path) -> None:
    clause = (
        "The Referrer shall introduce to the Firm only those clients who have given their separate written "
        "consent to the disclosure of their contact details to the Firm."
    )
    lines = ["Referral Agreement", "Between the Referrer and the Firm.", clause]
    assert not on(reviewed(tmp_path, lines), clause) & PI


# --- the vocabulary is data, each line with an example -----------------------------------------------------


def _vocabulary_lines(language: str) -> list[tuple[str, str, str, str]]:
    """(group, "term" or "re", the term or pattern, example) of every vocabulary line of a language."""
    data = yaml.safe_load((CLAUSES / language / "personal-info-vocabulary.yaml").read_text(encoding="utf-8"))
    lines = []
    for group, items in data["terms"].items():
        for item in items:
            if isinstance(item, dict) and "example" in item:
                kind = "term" if "term" in item else "re"
                lines.append((group, kind, item[kind], item["example"]))
    return lines


VOCABULARY = [(language, *line) for language in ("zh", "en") for line in _vocabulary_lines(language)]


def test_every_vocabulary_group_has_examples() -> None:
    groups = {(language, group) for language, group, _, _, _ in VOCABULARY}
    for language in ("zh", "en"):
        for group in ("pi_holder", "pi_carrier", "counterparty"):
            assert (language, group) in groups


@pytest.mark.parametrize(("language", "group", "kind", "term", "example"), VOCABULARY)
def test_each_synonym_makes_a_finding_through_its_example(
    language: str, group: str, kind: str, term: str, example: str
) -> None:
    """The example yields a personal-information finding; for a word, its span holds the word."""
    hits = [
        hit
        for hit in Engine.from_packs([], language).scan(example)
        if hit.rule.category in PI and hit.rule.severity in ACTIONABLE
    ]
    assert hits, example
    if kind == "term":
        spots = [m.span() for m in re.finditer(re.escape(term), example, re.IGNORECASE)]
        assert spots, (term, example)
        assert any(hit.start <= s and e <= hit.end for hit in hits for s, e in spots), (term, example)


# --- example-bearing lines in the other Chinese packs: sensitive kinds, prices, places, verbs -------------

_PACK_CATEGORY = {
    "personal-info.yaml": "sensitive-personal-info",
    "pricing.yaml": "pi-pricing",
    "cross-border.yaml": "cross-border-transfer",
    "account.yaml": "account-transfer",
}


def _pack_example_lines() -> list[tuple[str, str, str, str]]:
    """(pack file, group, the term or pattern, example) of every zh pack line outside the vocabulary file."""
    lines = []
    for name in _PACK_CATEGORY:
        data = yaml.safe_load((CLAUSES / "zh" / name).read_text(encoding="utf-8"))
        for section in ("terms", "extend_terms"):
            for group, items in (data.get(section) or {}).items():
                for item in items if isinstance(items, list) else []:
                    if isinstance(item, dict) and "example" in item:
                        lines.append((name, group, item.get("term") or item["re"], item["example"]))
    return lines


@pytest.mark.parametrize(("pack", "group", "term", "example"), _pack_example_lines())
def test_each_pack_line_makes_its_packs_finding_through_its_example(
    pack: str, group: str, term: str, example: str
) -> None:
    """A sensitive kind, a price shape, a place abroad or a verb is exercised by the sentence beside it."""
    categories = {
        hit.rule.category
        for hit in Engine.from_packs([], "zh").scan(example)
        if hit.rule.severity in ACTIONABLE
    }
    assert _PACK_CATEGORY[pack] in categories, (group, term, example)


@pytest.mark.parametrize(
    "clause",
    [
        "甲方将店铺库存商品及货架出售给乙方，不包括任何客户信息。",
        "乙方应对甲方提供的客户资料严格保密，不得拷贝或向第三方提供。",
        "甲方有权查阅、复制、更正、删除其个人信息。",
        "会员自行选定套餐并在线预约后，甲方将该会员的姓名和预约日期发给乙方以安排服务。",
        "借款人签署《信息提供授权书》后，乙方方可将其申请材料提交甲方审批。",
        "乙方应将其代甲方保管的病患病历全部返还甲方，不得留存副本。",
        "乙方可将上述信息与其自有数据合并统计，但不得识别到个人。",
    ],
)
def test_new_look_alikes_stay_quiet(tmp_path: Path, clause: str) -> None:
    """An exclusion, a confidentiality duty, the person's own rights, request or signed form, custody."""
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [clause]))
    assert not on(findings, clause) & {"personal-info-transfer", "sensitive-personal-info"}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "乙方应在出具体检报告后，通过接口把会员的完整体检报告和异常指标回传甲方。",
            "sensitive-personal-info",
        ),
        ("对于血糖偏高的会员，甲方可将其名单推送给与甲方合作的保险公司。", "personal-info-transfer"),
        ("甲方同意将其皈依信众之名册提供乙方，名册记载信众姓名、住址及电话。", "sensitive-personal-info"),
        ("乙方每月末将未成交的客户名单交给甲方，名单载明客户姓名及银行流水截图。", "personal-info-transfer"),
        ("乙方的门店员工可在系统内查询甲方客户的档案。", "personal-info-transfer"),
        ("乙方按甲方提供之名册笔数，每笔给付甲方新台币伍拾元。", "pi-pricing"),
        ("乙方清点好友人数，每比六千人少一人，价款相应减少人民币二十元。", "pi-pricing"),
        ("名单中经核实为空号或重复的，不计入结算。", "pi-pricing"),
    ],
)
def test_new_trades_and_phrasings_are_found(tmp_path: Path, clause: str, expected: str) -> None:
    """Checkup results, a partner by role, a congregation, unconverted leads, access, per-entry prices."""
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [clause]))
    assert expected in on(findings, clause)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("甲方應將LINE群組之成員名單匯出交予乙方。", "personal-info-transfer"),
        ("賣方應將所有會員的個人資料轉移予買方。", "personal-info-transfer"),
        ("甲方應將會員之身分證影本及信用卡資料交付乙方。", "sensitive-personal-info"),
        ("甲方同意將其Instagram帳戶轉讓予乙方。", "account-transfer"),
        ("甲方應將YouTube頻道之所有權移轉予乙方。", "account-transfer"),
        ("甲方將其蝦皮賣場過戶予乙方。", "account-transfer"),
    ],
)
def test_taiwan_and_hong_kong_phrasings_are_found(tmp_path: Path, clause: str, expected: str) -> None:
    """Traditional-script words for members, copies of ID cards, a platform's own account words, 移轉."""
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [clause]))
    assert expected in on(findings, clause)


@pytest.mark.parametrize(
    ("clause", "expected", "absent"),
    [
        ("转让款以交付时的在册会员人数为基数，每人按二百元计算。", "pi-pricing", "personal-info-transfer"),
        ("若粉丝数量低于十万，转让价格按比例下调。", "pi-pricing", None),
        ("代價將按完成日在讀學生人數調整。", "pi-pricing", None),
        ("甲方将客户资料作价二十万元转让给乙方。", "personal-info-transfer", None),
        ("乙方有权使用甲方的会员数据库开展营销活动。", "personal-info-transfer", None),
        ("交付后，乙方有权继续使用标的账号原有的昵称和头像。", None, "personal-info-transfer"),
    ],
)
def test_price_bases_adjustments_and_use_rights(
    tmp_path: Path, clause: str, expected: str | None, absent: str | None
) -> None:
    """A head count as the base or the adjuster of a price; a price named with the hand-over; a use right."""
    found = on(reviewed(tmp_path, zh_deal("甲方", "乙方", [clause])), clause)
    assert expected is None or expected in found
    assert absent is None or absent not in found

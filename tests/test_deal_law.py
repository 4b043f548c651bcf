"""The law of each kind of deal (legal-brief §5.1), in the findings' citations and explanations.

The agreements are written for the test after the deal kinds of the brief: a salon sold with its
customer files and prepaid cards, an after-school club sold with its pupils, an app sharing user
data, an agency holding the client's accounts; and the look-alikes: a share deal, a DPA, a UK DPA
that never touches China. Citations are checked against the statute files themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from draft_agreement.errors import RuleFileError
from draft_agreement.library import default_clauses_dir
from draft_agreement.reviewing.deal_kind import load_treatments
from draft_agreement.reviewing.findings import Finding
from draft_agreement.reviewing.legal import LegalLibrary
from draft_agreement.reviewing.run import review
from tests.corpus import LAW, require
from tests.test_deal import agreement

ACTIONABLE = ("high", "medium")


def cited(findings: tuple[Finding, ...], category: str) -> set[str]:
    return {b.ref for f in findings if f.category == category for b in f.legal_basis}


SALON = [
    "美容院整体转让协议",
    "转让方（甲方）：李某某",
    "受让方（乙方）：某某美容有限公司",
    "一、甲方将其经营的“悦颜美容院”整体转让给乙方，包括装修、设备及房屋租赁合同。",
    "二、甲方应将全部顾客档案（姓名、电话、消费记录）移交乙方。",
    "三、截至交割日顾客已购买但未消耗的疗程卡及储值余额，由乙方继续提供服务，甲方将相应顾客资料一并移交乙方。",
    "四、转让价款为人民币叁拾万元。",
]


def test_a_business_transfer_cites_art_23_and_says_art_22_is_unsettled(tmp_path: Path) -> None:
    findings = review(agreement(tmp_path / "salon.docx", SALON)).findings
    pi = [f for f in findings if f.category == "personal-info-transfer" and f.severity in ACTIONABLE]
    assert pi
    for f in pi:
        refs = [b.ref for b in f.legal_basis]
        assert {"pipl:23", "pipl:22"} <= set(refs)
        assert "尚无定论" in f.explanation


def test_prepaid_services_move_only_with_each_customers_consent(tmp_path: Path) -> None:
    findings = review(agreement(tmp_path / "salon.docx", SALON)).findings
    prepaid = [f for f in findings if f.paragraph_text and "储值余额" in f.paragraph_text]
    plain = [f for f in findings if f.paragraph_text and "顾客档案" in f.paragraph_text]
    assert prepaid and plain
    law = {"civil-code:555", "civil-code:556", "consumer-protection:53"}
    assert all(
        law <= {b.ref for b in f.legal_basis} for f in prepaid if f.category == "personal-info-transfer"
    )
    # The clause about files alone says nothing of prepaid contracts.
    assert not law & {b.ref for f in plain for b in f.legal_basis}


def test_an_english_business_transfer_explains_art_22_in_english(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "apa.docx",
        [
            "Asset Purchase Agreement",
            "1.1 The Seller shall sell the business of the clinic as a going concern, with its equipment and lease.",
            "1.2 The Seller shall deliver the customer list, with each customer's name, phone number and visit history, to the Buyer.",
        ],
    )
    findings = review(path).findings
    pi = [f for f in findings if f.category == "personal-info-transfer" and f.severity in ACTIONABLE]
    assert pi and all("unsettled" in f.explanation for f in pi)


def test_children_need_their_guardians_consent(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "club.docx",
        [
            "托管班转让协议",
            "转让方（甲方）：孙某某",
            "受让方（乙方）：某某教育咨询有限公司",
            "一、甲方将其经营的“小树苗托管班”整体转让给乙方，包括场地租赁合同、桌椅及教具。",
            "二、甲方应将全部学员资料（学生姓名、年龄、就读学校、家长联系方式）移交乙方。",
        ],
    )
    findings = review(path).findings
    assert {"pipl:28", "pipl:31", "minors-protection:72"} <= cited(findings, "personal-info-transfer")


def test_adult_learners_are_not_children(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "adults.docx",
        [
            "培训机构业务转让协议",
            "转让方（甲方）：某某职业培训学校",
            "受让方（乙方）：某某教育科技有限公司",
            "一、甲方将其一级建造师考前辅导业务整体转让给乙方，包括教室租赁合同及设备。",
            "二、甲方应将全部学员资料（姓名、电话、报读课程）移交乙方。",
        ],
    )
    findings = review(path).findings
    assert cited(findings, "personal-info-transfer")
    assert "minors-protection:72" not in cited(findings, "personal-info-transfer")


def test_data_sharing_cites_consent_assessment_and_the_contract_duty(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "sharing.docx",
        [
            "用户数据共享合作协议",
            "甲方（数据提供方）：某某出行科技有限公司",
            "乙方（数据接收方）：某某保险经纪有限公司",
            "1.1 甲方同意向乙方共享App注册用户的用户基本信息（姓名、手机号码）及行程记录。",
            "1.2 甲方通过API接口向乙方实时推送新增用户数据。",
        ],
    )
    findings = review(path).findings
    refs = cited(findings, "personal-info-transfer") | cited(findings, "missing-safeguard")
    assert {"pipl:23", "pipl:55", "network-data-2024:12"} <= refs


def test_an_agency_holding_accounts_cites_anti_fraud_31_and_pipl_21(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "agency.docx",
        [
            "新媒体账号代运营协议",
            "甲方（委托方）：某某茶业有限公司",
            "乙方（代运营方）：某某传媒有限公司",
            "1. 甲方将其视频号交由乙方代为运营，合作期间新注册的账号均归乙方所有。",
        ],
    )
    findings = review(path).findings
    assert {"anti-fraud:31", "pipl:21"} <= cited(findings, "account-transfer")


def test_a_share_deal_is_at_most_low(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "shares.docx",
        [
            "股权转让协议",
            "转让方（甲方）：陈某某",
            "受让方（乙方）：某某投资有限公司",
            "1.1 甲方将其持有的目标公司100%股权转让给乙方。",
            "3.2 交割日，甲方应将目标公司天猫店铺主账号及企业微信超级管理员权限移交目标公司新任总经理。",
        ],
    )
    findings = review(path).findings
    for category in ("account-transfer", "credential-handover", "missing-safeguard"):
        assert not [f for f in findings if f.category == category and f.severity in ACTIONABLE], category


def test_a_dpa_is_at_most_low(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "dpa.docx",
        [
            "Data Processing Addendum",
            "1.1 The Customer is the controller and the Provider is the processor.",
            "2.1 The Provider shall process the personal data only on the Customer's documented instructions.",
            "2.2 Categories of personal data: name, email address and purchase history of the Customer's members.",
            "3.1 On termination the Provider shall return or delete all personal data.",
        ],
    )
    findings = review(path).findings
    for category in ("personal-info-transfer", "missing-safeguard"):
        assert not [f for f in findings if f.category == category and f.severity in ACTIONABLE], category


@pytest.mark.parametrize(("place", "expected"), [("London", False), ("Shenzhen, China", True)])
def test_storage_abroad_under_a_foreign_law_needs_data_from_china(
    tmp_path: Path, place: str, expected: bool
) -> None:
    path = agreement(
        tmp_path / "hosting.docx",
        [
            "Hosting Agreement",
            f"1.1 The Customer collects member data at its stores in {place}.",
            "2.1 The Provider shall store the personal data in data centres in Dublin.",
            "5.1 This Agreement is governed by the law of England and Wales.",
        ],
    )
    findings = review(path).findings
    actionable = [f for f in findings if f.category == "cross-border-transfer" and f.severity in ACTIONABLE]
    assert bool(actionable) is expected


def _statute(act_sources: tuple[str, ...]) -> str:
    return re.sub(r"\s+", "", "".join((LAW / name).read_text(encoding="utf-8") for name in act_sources))


def test_every_article_a_deal_kind_cites_is_quoted_from_the_statute() -> None:
    require(LAW)
    library = LegalLibrary.load(default_clauses_dir() / "legal")
    acts = {act.id: act for act in library.acts()}
    refs = {ref for t in load_treatments() for ref in t.cite}
    assert refs
    for ref in refs:
        act = acts[ref.split(":")[0]]
        quote = re.sub(r"\s+", "", library.cite(ref).quote)
        assert quote[:40] in _statute(act.sources), ref


def test_a_broken_treatment_file_is_a_rule_file_error(tmp_path: Path) -> None:
    source = (default_clauses_dir() / "deal" / "treatment.yaml").read_text(encoding="utf-8")
    (tmp_path / "treatment.yaml").write_text(
        source.replace("categories: [account-transfer,", "categories: [account-sale,", 1), encoding="utf-8"
    )
    with pytest.raises(RuleFileError):
        load_treatments(str(tmp_path))


SHARING = [
    "用户数据共享协议",
    "甲方（数据提供方）：某某出行科技有限公司",
    "乙方（数据接收方）：某某保险经纪有限公司",
    "1.1 甲方按本协议约定向乙方开放数据接口，乙方按季度支付服务费。",
]
SAFEGUARDS = [
    "2.1 甲方应逐一告知用户接收方的名称和联系方式，并取得用户单独同意。",
    "2.2 用户可随时撤回同意；撤回后乙方应删除个人信息。",
    "2.3 甲方应在提供前完成个人信息保护影响评估。",
]


def test_a_data_sharing_deal_is_checked_for_safeguards_even_unflagged(tmp_path: Path) -> None:
    """No clause names the data, yet the deal is a data-sharing deal: its safeguards are checked."""
    bare = review(agreement(tmp_path / "bare.docx", SHARING)).findings
    assert not [f for f in bare if f.location is not None and f.severity in ACTIONABLE]
    missing = [f for f in bare if f.category == "missing-safeguard" and f.severity in ACTIONABLE]
    assert missing and {"pipl:23", "pipl:55", "network-data-2024:12"} <= {
        b.ref for b in missing[0].legal_basis
    }
    guarded = review(agreement(tmp_path / "guarded.docx", SHARING + SAFEGUARDS)).findings
    assert not [f for f in guarded if f.category == "missing-safeguard"]

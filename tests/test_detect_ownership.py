"""Whose details are whose, and the account, credential and concealment clauses of real agreements.

Each agreement is written for the test after the misreads, false alarms and misses seen on real
contracts (issue 10): a party's own ID number, the seller's own account schedule, a shop's stock sold,
an employee giving the company back its 企业微信, a developer handing the client its own admin password,
a group owner changed through WeChat's feature; and the misses: an agency that takes the client's
accounts and SIM cards as its own, a buyer who goes on as the blogger while the seller keeps quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from draft_agreement.errors import RuleFileError
from draft_agreement.reviewing.findings import Finding
from draft_agreement.reviewing.run import review
from tests.test_deal import agreement
from tests.test_rule_validation import load, rule, valid_pack

ACTIONABLE = ("high", "medium")
OWN_ID = "320281199006123816"  # a valid resident ID number (checksum and birth date)


def actionable(findings: tuple[Finding, ...], category: str) -> list[Finding]:
    return [f for f in findings if f.category == category and f.severity in ACTIONABLE]


def on(findings: tuple[Finding, ...], words: str) -> list[Finding]:
    """The findings whose paragraph contains `words`."""
    return [f for f in findings if f.paragraph_text and words in f.paragraph_text]


def test_a_partys_own_id_number_is_its_own_and_a_customers_is_not(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "own-id.docx",
        [
            "客户资源转让协议",
            f"转让方（甲方）：钱某某，身份证号码：{OWN_ID}",
            "受让方（乙方）：某某健身有限公司",
            "# 第一条 转让内容",
            "1.1 甲方将其会员资料移交乙方。",
            "附件：会员名单",
            [["序号", "会员姓名", "身份证号码"], ["1", "陈某", OWN_ID]],
            "甲方（签字）：钱某某",
        ],
    )
    findings = review(path, show_pii=True).findings
    own = [f for f in findings if f.rule == "detect.embedded-identifiers" and f.location.paragraph == 1]
    assert own, "the party block's ID number is still noted"
    assert all(f.severity == "low" for f in own)
    # Described as the party's own, never as "第三人的个人身份信息…不属于当事人自身".
    assert all("第三人" not in f.title and "不属于当事人" not in f.explanation for f in own)
    assert all("当事人自身" in f.explanation for f in own)
    # The very same number, listed as a member's, is third parties' information in a customer list.
    listed = [f for f in findings if f.location and f.location.table is not None]
    assert any(f.severity == "high" and f.category == "embedded-personal-data" for f in listed)


def test_the_sellers_own_account_schedule_is_not_a_customer_list(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "own-accounts.docx",
        [
            "微信号转让协议",
            "转让方（甲方）：钱某某",
            "受让方（乙方）：某某科技有限公司",
            "1.1 甲方将附件一所列微信号转让给乙方。",
            "附件一：甲方微信号及绑定手机",
            [
                ["序号", "微信号", "绑定手机", "实名登记人"],
                ["1", "qian_kefu01", "13961170258", "钱某某（甲方）"],
                ["2", "qian_kefu02", "13961170259", "钱某某（甲方）"],
            ],
        ],
    )
    findings = review(path).findings
    in_table = [f for f in findings if f.paragraph_text and "qian_kefu" in f.paragraph_text]
    assert not [f for f in findings if f.rule == "detect.customer-list-table"]
    assert not [f for f in in_table if f.severity in ACTIONABLE and f.category == "embedded-personal-data"]
    # The sale of the accounts itself is still the finding it should be.
    assert actionable(findings, "account-transfer")


def test_stock_of_a_taobao_shop_is_not_the_shop(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "stock.docx",
        [
            "库存商品转让协议",
            "甲方：周某某",
            "乙方：某某服饰商行",
            "一、甲方将其天猫店铺“森系小铺”现有库存女装共计一千二百件全部转让给乙方。",
            "二、本协议仅转让货品，不涉及店铺账号、店铺信誉及买家信息；甲方不向乙方提供任何买家资料。",
            "三、乙方于提货时一次性支付货款人民币叁万元。",
        ],
    )
    findings = review(path).findings
    assert not actionable(findings, "account-transfer")


def test_an_employee_returns_the_companys_wecom_account(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "wecom.docx",
        [
            "离职工作交接确认书",
            "甲方（公司）：某某教育科技有限公司",
            "乙方（员工）：吴某某",
            "1. 乙方应于离职当日将其使用的企业微信工作账号及登录密码移交公司，完成工作交接。",
            "2. 乙方在职期间以公司名义添加的客户均属公司客户，乙方不得带走或另行联系。",
            [
                ["序号", "交接物品或账号", "说明", "接收人"],
                ["1", "企业微信账号", "绑定公司号码13961170258", "行政部"],
            ],
        ],
    )
    findings = review(path).findings
    for category in ("account-transfer", "credential-handover", "embedded-personal-data"):
        assert not actionable(findings, category), category


def test_a_developer_hands_the_client_its_own_admin_password(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "website.docx",
        [
            "网站建设服务合同",
            "甲方（委托方）：某某餐饮管理有限公司",
            "乙方（服务方）：某某网络科技有限公司",
            "1. 网站域名、服务器均以甲方名义注册和租用，费用由甲方承担。",
            "2. 网站验收合格后，乙方应将网站后台管理员账号和初始密码交付甲方，甲方应自行修改密码。",
            "3. 乙方不得保留网站后台的任何访问权限。",
        ],
    )
    findings = review(path).findings
    for category in ("account-transfer", "credential-handover", "impersonation"):
        assert not actionable(findings, category), category


def test_a_group_owner_changed_through_wechats_feature_is_not_concealment(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "club.docx",
        [
            "俱乐部活动群交接协议",
            "甲方：原会长 郑某某",
            "乙方：新任会长 冯某某",
            "1. 甲方通过微信“群管理—群主管理权转让”功能，将俱乐部活动群的群主转给乙方的微信号。",
            "2. 转让前，甲方应在群内发布公告，说明会长改选结果及群主由乙方接任。",
        ],
    )
    findings = review(path).findings
    assert not actionable(findings, "impersonation")
    assert not actionable(findings, "account-transfer")


AGENCY = [
    "抖音账号代运营合作协议",
    "甲方（委托方）：某某食品有限公司",
    "乙方（代运营方）：某某文化传媒有限公司",
    "一、甲方将自有的3个抖音账号和3部手机（含手机卡）交由乙方代为运营，账号及账号内容以及手机号码的所有权归{owner}所有。",
    "二、乙方为甲方提供视频策划、拍摄及投放服务，甲方每月支付服务费人民币贰万元。",
]


def test_an_agency_that_takes_the_clients_accounts_and_sims(tmp_path: Path) -> None:
    lines = [line.format(owner="乙方") for line in AGENCY]
    findings = review(agreement(tmp_path / "agency.docx", lines)).findings
    clause = on(findings, "手机卡")
    assert [f for f in clause if f.category == "account-transfer" and f.severity == "high"]
    assert [f for f in clause if f.category == "credential-handover" and f.severity == "high"]
    cited = {b.ref for f in clause for b in f.legal_basis}
    assert {"anti-fraud:31", "pipl:21"} <= cited


def test_ownership_staying_with_the_client_is_no_account_transfer(tmp_path: Path) -> None:
    """Which side 乙方 is comes from the deal: the same words with 甲方 (the client) as owner are fine."""
    lines = [line.format(owner="甲方") for line in AGENCY]
    findings = review(agreement(tmp_path / "agency-own.docx", lines)).findings
    assert not [
        f
        for f in on(findings, "所有权归甲方")
        if f.rule.endswith("held-by-other") and f.severity in ACTIONABLE
    ]


def test_an_english_agency_keeping_the_accounts_as_its_property(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "agency-en.docx",
        [
            "Social Media Management Agreement",
            "1.1 The Agency shall run the Client's WeChat and Douyin channels.",
            "2.1 The Client shall deliver to the Agency the personal WeChat accounts of its sales staff, "
            "with the handsets and SIM cards on which they are registered.",
            "2.2 All accounts opened for the Services, and all followers in them, shall be the property of the Agency.",
        ],
    )
    findings = review(path).findings
    assert [f for f in on(findings, "SIM cards") if f.category == "credential-handover"]
    assert [f for f in on(findings, "property of the Agency") if f.category == "account-transfer"]


def test_the_buyer_goes_on_as_the_blogger_and_the_seller_keeps_quiet(tmp_path: Path) -> None:
    path = agreement(
        tmp_path / "persona.docx",
        [
            "小红书账号转让协议",
            "出让人：韩某某",
            "承接方：某某网络科技有限公司",
            "1.1 出让人将小红书账号“小韩穿搭”的使用权转让给承接方。",
            "4.1 交付后，承接方可以继续以“小韩”的身份和第一人称口吻发布笔记。",
            "4.2 出让人承诺不以任何方式公开该账号已经转让的事实，粉丝询问的不予回应。",
        ],
    )
    findings = review(path).findings
    assert actionable(on(findings, "第一人称"), "impersonation")
    assert actionable(on(findings, "不以任何方式公开"), "impersonation")


def test_an_account_listed_among_the_assets_sold_is_sold(tmp_path: Path) -> None:
    """The item reads with the lead-in that sells the list; under a prohibition it stays negated."""
    sold = [
        "Asset Purchase Agreement",
        "1.1 At Closing, Seller shall sell and deliver to Buyer all of its right, title and interest "
        "in and to the following (the “Purchased Assets”):",
        "(a) the kitchen equipment listed in Schedule 1;",
        "(b) the Business’s Instagram account @harbourmeals;",
    ]
    findings = review(agreement(tmp_path / "apa.docx", sold)).findings
    assert actionable(on(findings, "@harbourmeals"), "account-transfer")
    assert not actionable(on(findings, "kitchen equipment"), "account-transfer")
    barred = [
        *sold[:1],
        "1.1 After Closing, Seller shall not sell or transfer any of the following:",
        *sold[2:],
    ]
    findings = review(agreement(tmp_path / "barred.docx", barred)).findings
    assert not actionable(on(findings, "@harbourmeals"), "account-transfer")


def test_a_rule_names_only_a_side_of_the_deal(tmp_path: Path) -> None:
    """`names` takes a side, not a label: labels are the deal model's."""
    pack = valid_pack()
    rule(pack)["names"] = "receiving"
    load(tmp_path, pack)
    rule(pack)["names"] = "乙方"
    with pytest.raises(RuleFileError, match="names"):
        load(tmp_path, pack)


def test_the_party_named_must_be_in_the_same_clause(tmp_path: Path) -> None:
    """ "账号归甲方所有，乙方…": the 乙方 of the next clause is not who the accounts go to."""
    lines = [line.format(owner="甲方") for line in AGENCY]
    lines[3] = lines[3].replace("所有。", "所有，乙方按甲方指示运营。")
    findings = review(agreement(tmp_path / "agency-next.docx", lines)).findings
    assert not [f for f in findings if f.rule.endswith("held-by-other") and f.severity in ACTIONABLE]

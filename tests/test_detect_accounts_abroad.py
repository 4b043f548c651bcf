"""Account, credential, concealment and cross-border detection on phrasings real agreements use.

Every agreement here is written for the test in its own words, modelled on the kinds of clause read
while building the development split (a Taobao or Shopee shop, an official account, a game-account
rental, an app sold to a foreign buyer, data shared with a Hong Kong or Taipei affiliate) and on the
look-alikes that must stay quiet. Expectations are what a lawyer would say of the clause.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from draft_agreement.reviewing.run import review

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "eval"))
from build import build_docx  # noqa: E402

from tests.test_detect_generalise import on, reviewed  # noqa: E402


def zh_deal(recipient_block: str, clauses: list[str]) -> list[str]:
    return [
        "数据合作协议",
        "甲方：深圳某某美妆连锁有限公司",
        f"乙方：{recipient_block}",
        *(f"第{n}条 {clause}" for n, clause in enumerate(clauses, start=1)),
        "甲方（盖章）：　　乙方（盖章）：",
    ]


HANDOVER = "甲方同意将其门店会员的姓名、手机号码及消费记录提供给乙方，用于会员营销。"


@pytest.mark.parametrize(
    "block",
    [
        "某某（香港）控股有限公司，一家依香港法律注册成立的公司",
        "NoteNest Inc.，一家依美国特拉华州法律设立的公司",
        "臺灣某某茶行股份有限公司（設於臺北市）",
        "澳門某某牙科醫療中心有限公司，登記地址：澳門氹仔",
    ],
)
def test_data_handed_to_a_party_established_abroad_is_an_export(tmp_path: Path, block: str) -> None:
    findings = reviewed(tmp_path, zh_deal(block, [HANDOVER]))
    assert "cross-border-transfer" in on(findings, HANDOVER)
    finding = next(f for f in findings if f.category == "cross-border-transfer")
    assert {b.ref for b in finding.legal_basis} >= {"pipl:38", "pipl:39"}


def test_the_same_hand_over_to_a_mainland_party_is_not_an_export(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh_deal("广州某某健康管理有限公司", [HANDOVER]))
    assert "cross-border-transfer" not in on(findings, HANDOVER)
    assert "personal-info-transfer" in on(findings, HANDOVER)  # still a transfer, only not abroad


def test_a_line_naming_both_parties_places_each_by_its_own_segment(tmp_path: Path) -> None:
    lines = [
        "客戶資料轉移協議",
        "甲方：廈門某某茶業有限公司　　乙方：臺灣某某茶行股份有限公司（設於臺北市）",
        "第一條 甲方將其網購客戶之姓名、手機號碼、收件地址轉讓予乙方。",
        "第二條 乙方應向甲方提供其會員之姓名及手機號碼。",  # to 甲方, in Xiamen: no export
    ]
    findings = reviewed(tmp_path, lines)
    assert "cross-border-transfer" in on(findings, "轉讓予乙方")
    assert "cross-border-transfer" not in on(findings, "提供其會員")


def test_an_english_purchaser_incorporated_abroad_receives_an_export(tmp_path: Path) -> None:
    lines = [
        "Asset Purchase Agreement",
        "1. Suzhou Example Tea Co., Ltd., a company incorporated in the People's Republic of China (“Party A”); and",
        "2. Jade Example Trading Limited, a company incorporated in Hong Kong (“Party B”).",
        "3.3 Party A shall transfer the customer records to Party B within ten Business Days after Closing.",
        "3.4 The Seller need not obtain consent prior to the delivery of the customer records to Party B.",
        "3.5 Party A shall deliver the subscriber list to the said Party B by e-mail.",
    ]
    findings = reviewed(tmp_path, lines)
    assert "cross-border-transfer" in on(findings, "3.3 Party A")
    assert "cross-border-transfer" in on(findings, "3.5 Party A")
    assert "cross-border-transfer" not in on(findings, "3.4 The Seller")  # timed by the hand-over


@pytest.mark.parametrize(
    ("clause", "expected", "absent"),
    [
        ("甲方同意將其蝦皮賣場帳號讓渡予乙方經營。", "account-transfer", None),
        ("号主通过租号平台向租号人发送账号及临时密码。", "credential-handover", "account-transfer"),
        ("甲方保证账号未受过平台处罚，转让前的侵权责任由甲方承担。", None, "account-transfer"),
        (
            "转让价款按交付时公众号的关注人数计算，每一名关注用户计人民币一元五角。",
            "pi-pricing",
            "account-transfer",
        ),
        ("员工个人微信号归员工本人所有，公司不得要求员工交出。", None, "account-transfer"),
        ("双方应通过淘宝平台的店铺过户流程办理主体变更。", None, "account-transfer"),
        ("乙方在旺旺回复买家咨询时无须告知店铺已经易主。", "impersonation", None),
        ("合同终止后，甲方应配合解除实名并交出登录手机。", "credential-handover", None),
    ],
)
def test_account_phrasings(tmp_path: Path, clause: str, expected: str | None, absent: str | None) -> None:
    lines = ["账号转让协议", "甲方：某某", "乙方：某某公司", f"第一条 {clause}", "甲方：　　乙方："]
    found = on(reviewed(tmp_path, lines), clause)
    if expected:
        assert expected in found
    if absent:
        assert absent not in found


def test_english_account_sale_listed_in_subject_and_carve_outs(tmp_path: Path) -> None:
    lines = [
        "Channel Purchase Agreement",
        "This Agreement is made between Dan Example (the “Seller”) and Example Media LLC (the “Purchaser”).",
        "1. The Seller sells and assigns to the Purchaser the YouTube channel “Weekend Woodshop”.",
        "2. At Closing the Seller shall deliver the password of the Google account that owns the Channel.",
        "3. The Seller retains his personal Instagram account, which is not sold.",
    ]
    findings = reviewed(tmp_path, lines)
    assert "account-transfer" in on(findings, "1. The Seller sells")
    assert on(findings, "2. At Closing") == {"credential-handover"}
    assert "account-transfer" not in on(findings, "3. The Seller retains")


def test_a_table_of_the_parties_own_contact_persons_is_not_third_party_data(tmp_path: Path) -> None:
    agreement = {
        "id": "contacts",
        "language": "zh-Hans",
        "title": "服务合同",
        "paragraphs": [
            {"text": "甲方：上海某某科技有限公司", "labels": []},
            {"text": "乙方：北京某某咨询有限公司", "labels": []},
            {"text": "第一条 双方项目联系人如下：", "labels": []},
            {
                "table": [
                    ["一方", "联系人", "手机"],
                    ["甲方", "王某", "13912345678"],
                    ["乙方（顾问）", "李某", "13698765432"],
                ],
                "labels": [],
            },
            {"text": "第二条 乙方应回访下列客户：", "labels": []},
            {"table": [["客户", "手机"], ["周某", "13800138000"]], "labels": []},
        ],
    }
    path = tmp_path / "contacts.docx"
    build_docx(agreement, path)
    embedded = [f for f in review(path).findings if f.category == "embedded-personal-data"]
    own = [f for f in embedded if f.text and ("5678" in f.text or "5432" in f.text)]
    assert own and all(f.severity == "low" for f in own)
    assert any(f.severity == "high" for f in embedded if f not in own)  # the customers' table still is


# --- a system sited abroad, referred back to later ("迁移至上述系统") ------------------------------------

SITED = "乙方拟在集团内统一使用一套客户管理系统，该系统部署在乙方租用的新加坡云服务器上。"
MIGRATE = "甲方应将其客户资料整体迁移至上述系统，迁移范围包括客户姓名、手机号码和消费记录。"


def test_data_moved_into_a_system_an_earlier_clause_sites_abroad_is_an_export(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh_deal("成都某某管理有限公司", [SITED, MIGRATE]))
    assert "cross-border-transfer" in on(findings, "迁移至上述系统")


def test_the_same_migration_with_the_system_sited_at_home_is_no_export(tmp_path: Path) -> None:
    at_home = SITED.replace("新加坡", "成都")
    findings = reviewed(tmp_path, zh_deal("成都某某管理有限公司", [at_home, MIGRATE]))
    assert "cross-border-transfer" not in on(findings, "迁移至上述系统")


def test_records_kept_out_of_the_system_abroad_are_no_export(tmp_path: Path) -> None:
    kept = "甲方员工的人事档案仍由甲方在成都本地服务器保存，不上传至上述系统。"
    findings = reviewed(tmp_path, zh_deal("成都某某管理有限公司", [SITED, kept]))
    assert "cross-border-transfer" not in on(findings, "不上传至上述系统")


@pytest.mark.parametrize(
    "clause",
    [
        "甲方将店铺装修及设备转让给乙方，店铺的抖音团购账号由甲方注销。",
        "甲方为乙方注册的小红书账号，注册完成后交付乙方使用，账号实名主体为乙方。",
    ],
)
def test_an_account_closed_by_the_seller_or_opened_in_the_buyers_name_is_not_sold(
    tmp_path: Path, clause: str
) -> None:
    findings = reviewed(tmp_path, zh_deal("南京某某健康管理有限公司", [clause]))
    assert "account-transfer" not in on(findings, clause)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("甲方的会员数据将由乙方的境外关联方进行分析处理。", True),
        ("乙方可委托位于印度的外包团队处理甲方的用户数据。", True),
        ("本协议项下的个人信息将在中华人民共和国境外处理。", True),
        ("乙方应在中国境内处理个人信息，不得传输至境外。", False),
    ],
)
def test_processing_abroad_is_an_export(tmp_path: Path, clause: str, expected: bool) -> None:
    findings = reviewed(tmp_path, zh_deal("成都某某管理有限公司", [clause]))
    assert ("cross-border-transfer" in on(findings, clause)) is expected

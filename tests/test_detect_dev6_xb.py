"""Cross-border transfers beyond the phrasings the rules were written from (dev6, tag xb).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev6 xb files: data sent wherever the group operates with no country named, records typed into or looked up
in the foreign party's own system, cities a plant or data centre is named by, parcel and passport data; and
the look-alikes that must stay quiet (a mainland subsidiary of a foreign group, export formalities as a
condition, summaries with nobody in them, the rules of export named as a topic, a CRM system by its name, a
party's own administrator contact).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

XB = "cross-border-transfer"


def zh(
    clauses: list[str], abroad: str = "乙方：Nordlicht Handels GmbH，一家依德国法律设立的公司"
) -> list[str]:
    return ["服务协议", "甲方：无锡某某贸易有限公司", abroad, *clauses]


def en(clauses: list[str]) -> list[str]:
    return [
        "Services Agreement",
        "This Agreement is made between Wuxi Example Trading Co., Ltd., a company established in the PRC "
        "(\u201cCustomer\u201d), and Nordlicht Handels GmbH, a company incorporated in Germany (\u201cVendor\u201d).",
        *clauses,
    ]


def test_wherever_the_group_operates_is_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 会员的联系方式可能被转移至乙方集团开展业务的其他国家或地区存储。",
                "2. 乙方可将订购人的收件人信息交给其在法兰克福的仓库打包发货。",
                "3. 甲方应将参展人员的护照信息提供给乙方在慕尼黑的展会服务商。",
            ]
        ),
    )
    assert XB in on(findings, "其他国家或地区")
    assert XB in on(findings, "收件人信息")
    assert XB in on(findings, "护照信息")


def test_records_keyed_into_or_looked_up_in_the_foreign_partys_system(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. Customer's shop assistants shall enter every loyalty member's full name and phone number "
                "in the Vendor's regional loyalty platform.",
                "2. The Vendor's audit team may look up any member's profile at any time.",
                "3. Customer Data may be stored in any country in which the Vendor keeps a data centre.",
            ]
        ),
    )
    assert XB in on(findings, "loyalty platform")
    assert XB in on(findings, "audit team")
    assert XB in on(findings, "any country")


def test_a_mainland_subsidiary_of_a_foreign_group_is_not_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            ["1. 甲方会员的手机号码及消费记录存储于乙方在苏州机房部署的服务器。"],
            abroad="乙方：北辰软件（苏州）有限公司，系德国Nordlicht集团在中国境内设立的全资子公司",
        ),
    )
    assert XB not in on(findings, "苏州机房")


def test_conditions_summaries_and_topics_stay_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 如需境外工程师协助，须由甲方依法完成个人信息出境申报后方可进行。",
                "2. 甲方每季度向乙方发送门店客流统计表，统计表不含任何个人信息。",
                "3. 双方应遵守个人信息出境的相关法律法规。",
                "4. 乙方向甲方提供其客户关系管理系统的使用许可。",
            ]
        ),
    )
    assert XB not in on(findings, "出境申报")
    assert XB not in on(findings, "客流统计表")
    assert XB not in on(findings, "相关法律法规")
    assert XB not in on(findings, "使用许可")


def test_a_partys_own_administrator_contact_is_no_export(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Vendor will use the administrator's business e-mail address to send invoices to Customer."
            ]
        ),
    )
    assert XB not in on(findings, "administrator")

"""Detection that generalises, second round: phrasings met in gyms, insurance client books, clinics,
tutoring centres, data APIs and English or Hong Kong business sales that the first rules did not know.

Each agreement is written for the test in the style of those deals; none is taken from the evaluation
set. Expectations are what a lawyer would say of the clause, not what the tool happened to print.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_detect_generalise import PI, on, reviewed, zh_deal


def en_deal(giver: str, taker: str, clauses: list[str]) -> list[str]:
    return [
        "Business Sale Agreement",
        f"This Agreement is made between Lakeside Wellness Ltd (the “{giver}”) and Northgate Clinics Ltd (the “{taker}”).",
        *clauses,
        "This Agreement is governed by the law of England and Wales.",
    ]


# --- party names made of a transfer verb ---------------------------------------------------------------


def test_a_party_called_the_handing_over_side_does_not_make_every_clause_a_transfer(tmp_path: Path) -> None:
    handover = "移交方应于签约后十日内将客户资料以电子表格发送至接收方指定邮箱。"
    warranty = "移交方保证所移交的客户资料真实、完整。"
    findings = reviewed(tmp_path, zh_deal("移交方", "接收方", [handover, warranty]))
    assert "personal-info-transfer" in on(findings, handover)
    assert not on(findings, warranty) & PI


def test_an_english_party_named_transferring_agent(tmp_path: Path) -> None:
    definition = (
        "“Book of Business” means the Transferring Agent’s accounts, expirations and the Client Files."
    )
    delivery = (
        "2.2 The Transferring Agent shall deliver the customer list to the Acquiring Agency at Closing."
    )
    findings = reviewed(tmp_path, en_deal("Transferring Agent", "Acquiring Agency", [definition, delivery]))
    assert "personal-info-transfer" not in on(findings, definition)
    assert "personal-info-transfer" in on(findings, delivery)


# --- what moves, in other words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "承接人愿意接手该门店及其会员。",
        "甲方将该校区在读学员转入乙方继续上课。",
        "甲方另应提供各学员最近一学期的测评成绩单，供乙方分班使用。",
    ],
)
def test_taking_over_a_shop_with_its_people_or_moving_them_is_a_transfer(tmp_path: Path, clause: str) -> None:
    assert "personal-info-transfer" in on(reviewed(tmp_path, zh_deal("甲方", "乙方", [clause])), clause)


def test_a_field_list_made_available_to_a_named_partner(tmp_path: Path) -> None:
    clause = (
        "2. Each week Lakeside shall make available to Northgate, by upload to a secure folder, the name, "
        "NRIC number, mobile number and residential address of every customer who joined that week."
    )
    lines = [
        "Co-operation Agreement",
        "This Agreement is made between Lakeside Wellness Pte. Ltd. (“Lakeside”) and Northgate Clinics Pte. Ltd. (“Northgate”).",
        clause,
    ]
    found = on(reviewed(tmp_path, lines), clause)
    # A bare NRIC number is ordinary personal information (the legal brief on PIPL art. 28): not sensitive.
    assert "personal-info-transfer" in found and "sensitive-personal-info" not in found


def test_a_client_base_sold_with_the_business(tmp_path: Path) -> None:
    clause = (
        "(B) The Seller has agreed to sell the Business as a going concern together with its client base."
    )
    assert "personal-info-transfer" in on(reviewed(tmp_path, en_deal("Seller", "Buyer", [clause])), clause)


# --- sensitive data named by an unquoted definition --------------------------------------------------------


def test_an_unquoted_chinese_definition_carries_its_sensitivity(tmp_path: Path) -> None:
    definition = "本协议所称客户资源，是指投保人的姓名、证件号码、缴费银行账号及健康告知内容。"
    delivery = "甲方应将客户资源发送至乙方指定邮箱。"
    findings = reviewed(tmp_path, zh_deal("甲方", "乙方", [definition, delivery]))
    assert "sensitive-personal-info" in on(findings, definition)
    assert "sensitive-personal-info" in on(findings, delivery)


def test_a_colon_definition_list_carries_its_sensitivity(tmp_path: Path) -> None:
    definition = "1.1 Client Database: the names, treatment histories and allergy records of the clients."
    sale = "2.1 The Seller shall sell and the Buyer shall buy the Assets, including the Client Database."
    findings = reviewed(tmp_path, en_deal("Seller", "Buyer", [definition, sale]))
    assert "sensitive-personal-info" in on(findings, sale)


# --- prices counted per head, in other words --------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "乙方按甲方实际转入并在乙方上满首课的学员人数，向甲方支付每人人民币伍佰元。",
        "乙方按移交的有效保单件数向甲方支付客户资源费，每件人民币捌拾元。",
        "续卡率低于百分之六十的，每低一个百分点，乙方可从尾款中扣减人民币贰仟元。",
        "交收后三个月内，每位旧客续购套票，乙方须另向甲方支付港币伍佰元。",
    ],
)
def test_per_head_prices_and_retention_adjustments(tmp_path: Path, clause: str) -> None:
    assert "pi-pricing" in on(reviewed(tmp_path, zh_deal("甲方", "乙方", [clause])), clause)


def test_a_warranty_of_the_number_of_students_actually_attending(tmp_path: Path) -> None:
    clause = "4.3 The Seller warrants that the enrolment records list not fewer than 180 students actually attending classes."
    assert "pi-pricing" in on(reviewed(tmp_path, en_deal("Seller", "Buyer", [clause])), clause)


# --- look-alikes and compliant clauses that must stay quiet ------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "甲方会员系统中的会员姓名、手机号及消费记录不属于本次转让范围。",
        "甲方仅向乙方提供已签署《信息共享单独授权书》的用户的姓名及手机号码。",
    ],
)
def test_excluded_or_separately_authorised_data_stays_quiet(tmp_path: Path, clause: str) -> None:
    assert not on(reviewed(tmp_path, zh_deal("甲方", "乙方", [clause])), clause) & PI


@pytest.mark.parametrize(
    "clause",
    [
        "4.1 The Seller warrants that it is entitled to sell the Client Database to the Buyer.",
        "2. The Seller shall not disclose a patient's records to the Buyer except on that patient's signed "
        "authorization identifying the Buyer.",
    ],
)
def test_warranties_and_authorised_disclosures_are_not_transfers(tmp_path: Path, clause: str) -> None:
    assert not on(reviewed(tmp_path, en_deal("Seller", "Buyer", [clause])), clause) & PI

"""A mix of deal kinds as a new user brings them (dev9, tag mixa).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev9 mixa files: dead or duplicate numbers left unbilled and a final instalment cut for each pupil short
(每短少一人), a loan's bank and monthly instalment provided "in addition", an official account whose
administrator is changed to the buyer, calls made in a borrowed name; and the look-alikes that must stay
quiet (a price per text message sent, the password that opens a spreadsheet, photos expressly outside what
the agreement provides, a hand-over waiting for each client's signed consent form, groups set up with an
account, records exported from a shop's back office, a hand-over named only as the day a payment falls due,
a Hong Kong landlord's own contact in a lease between 業主 and 租客).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
PRICE = "pi-pricing"
ACCOUNT = "account-transfer"
CREDENTIAL = "credential-handover"
IMPERSONATION = "impersonation"
EMBEDDED = "embedded-personal-data"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方", title: str = "合作协议") -> list[str]:
    return [
        title,
        f"{giver}：武汉某某商贸有限公司",
        f"{taker}：武汉某某网络科技有限公司",
        *clauses,
    ]


# --- prices that follow the records ------------------------------------------------------------------


def test_dead_or_duplicate_numbers_left_unbilled_price_the_records(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh(["2.3 名单中经核实的停机号码或重复号码，乙方不予计费。"]))
    assert PRICE in on(findings, "不予计费")


def test_a_final_instalment_cut_for_each_head_short_is_a_per_head_price(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            ["3.2 余款在交接满两个月时结算：续卡会员达八十人者全额支付，每短少一人自余款中扣除人民币四百元。"]
        ),
    )
    assert PRICE in on(findings, "每短少一人")


def test_a_price_per_text_message_sent_is_no_per_head_price(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["4.1 彩信及短信通知费用按成功发送条数结算，每条人民币零点零五元。"], title="消息通知服务合同"),
    )
    assert PRICE not in on(findings, "成功发送条数")


# --- sensitive records provided without a recipient named ---------------------------------------------


def test_a_loans_bank_and_instalment_provided_in_addition_are_sensitive(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path, zh(["1.3 对分期购车的车主，甲方另行提供其按揭银行及月供明细，供乙方推荐保险产品。"])
    )
    assert {PIT, SENS} <= on(findings, "按揭银行")


# --- accounts and the people in them -------------------------------------------------------------------


def test_an_official_accounts_administrator_changed_to_the_buyer_transfers_it(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh(["5.1 甲方门店的LINE官方账号由甲方将管理员变更为乙方，甲方随后退出。"]))
    assert ACCOUNT in on(findings, "管理员变更为")


def test_groups_set_up_with_an_account_move_without_the_account(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh(["1.4 甲方以该抖音号组建的两个粉丝群及群内成员一并交给乙方管理。"]))
    assert PIT in on(findings, "粉丝群")
    assert ACCOUNT not in on(findings, "粉丝群")


def test_records_exported_from_a_shops_back_office_move_without_the_shop(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path, zh(["1.5 甲方从拼多多店铺后台导出全部买家姓名、收货电话和收货地址，交付乙方。"])
    )
    assert PIT in on(findings, "收货电话")
    assert ACCOUNT not in on(findings, "收货电话")


def test_calls_made_in_a_borrowed_name_are_impersonation(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path, zh(["2.2 乙方可在业主收房前以“物业指定合作单位”的名义致电业主，邀请其参加团购。"])
    )
    assert IMPERSONATION in on(findings, "物业指定合作单位")


# --- look-alikes ---------------------------------------------------------------------------------------


def test_the_password_that_opens_a_spreadsheet_is_no_credential(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path, zh(["1.6 会员名单以加密表格发送，表格开启密码由甲方另行电话告知乙方经办人。"])
    )
    assert CREDENTIAL not in on(findings, "开启密码")


def test_photos_outside_what_the_agreement_provides_are_not_handed_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path, zh(["3.3 门店监控录像中的顾客影像不属于本协议提供的资料，甲方不向乙方提供。"])
    )
    assert PIT not in on(findings, "顾客影像")


def test_a_hand_over_waiting_for_the_signed_consent_form_is_consented(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path, zh(["1.2 家长在授权书上签名确认后，甲方方可将该学员的姓名和电话转交乙方。"])
    )
    assert PIT not in on(findings, "授权书上签名")


def test_a_hand_over_named_only_as_the_day_a_payment_falls_due_moves_nothing(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh(["2.4 乙方应于甲方移交会员名册后五日内支付尾款人民币八万元。"]))
    assert PIT not in on(findings, "支付尾款")


def test_a_hong_kong_landlords_own_contact_is_its_own_detail(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "租賃協議",
            "業主：某某置業有限公司，註冊地址：香港北角英皇道",
            "租客：某某洗衣有限公司，地址同下述物業",
            "八、業主聯絡人：黃小姐，電郵：lettings@someprop-hk.example。",
            "九、本協議受香港法律管轄。",
        ],
    )
    assert EMBEDDED not in on(findings, "業主聯絡人")

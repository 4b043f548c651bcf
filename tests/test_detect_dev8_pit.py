"""Personal-information transfers and per-head prices in trades the earlier rounds met little (dev8, tag pit).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev8 pit files: pet clinics whose clients are the owners (飼主) beside their animals' charts, wedding planners'
enquirers, a loan-lead "customer data service" contract that is a data sale and not entrusted processing,
a newsletter list that forms part of the assets or is moved to the buyer, prices that follow the people
kept (a share of each renewing pupil, each couple who cancels, each household that does not renew, each
valid record, records struck out as invalid, Australian dollars, a multiple of the retained accounts' commissions); and the look-alikes that must stay
quiet (a party posting in its own name, a friend's WeChat ID in a list of fields, an official account's
friend list moved without the account, a clause that starts once the list is in hand, a price clause about
the list).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
PRICE = "pi-pricing"
ACCOUNT = "account-transfer"
IMPERSONATION = "impersonation"
SAFEGUARD = "missing-safeguard"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方", title: str = "转让协议") -> list[str]:
    return [
        title,
        f"{giver}：厦门某某宠物医疗有限公司",
        f"{taker}：厦门某某动物医院有限公司",
        *clauses,
    ]


def hant(clauses: list[str]) -> list[str]:
    return [
        "頂讓契約書",
        "出讓方：某某企業社",
        "受讓方：某某股份有限公司",
        *clauses,
    ]


def en(clauses: list[str]) -> list[str]:
    return [
        "Asset Sale Agreement",
        "This Agreement is made between Kookaburra Prints Pty Ltd (the \u201cSeller\u201d) and Wattle Lane Goods "
        "Pty Ltd (the \u201cBuyer\u201d).",
        *clauses,
    ]


def test_pet_owners_are_the_clinics_clients_and_their_animals_charts_are_not_sensitive(
    tmp_path: Path,
) -> None:
    findings = reviewed(
        tmp_path,
        hant(
            [
                "一、出讓方應將看診系統中之飼主聯絡資料（姓名、手機、地址）連同犬貓之病歷，於交接日匯出交付受讓方。",
                "二、頂讓金另依交接前一年內回診之飼主人數計算，每名飼主新臺幣三百元。",
            ]
        ),
    )
    assert PIT in on(findings, "飼主聯絡資料")
    assert SENS not in on(findings, "飼主聯絡資料")
    assert PRICE in on(findings, "每名飼主")


def test_a_wedding_planners_enquirers_and_couples_who_cancel(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        hant(
            [
                "一、出讓方應將近兩年準新人之諮詢紀錄整理後交予受讓方，供其致電推廣。",
                "二、交割後三個月內，每有一對新人取消婚宴訂單，尾款扣減新臺幣五千元。",
            ]
        ),
    )
    assert PIT in on(findings, "準新人之諮詢紀錄")
    assert PRICE in on(findings, "每有一對新人取消")


def test_a_customer_data_service_contract_is_a_data_sale_not_processing(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "一、甲方每个工作日向乙方推送有购房意向的客户数据，包括姓名、手机号码及意向楼盘。",
                "二、服务费按合格线索条数结算，每条合格线索人民币二十元。",
                "三、经乙方回访，号码错误或客户表示从未咨询的，该条线索视为无效，甲方应在当月账单中予以扣减。",
            ],
            giver="甲方（数据服务方）",
            taker="乙方（需求方）",
            title="购房客户数据服务合同",
        ),
    )
    assert PIT in on(findings, "有购房意向的客户数据")
    assert PRICE in on(findings, "每条合格线索")
    assert PRICE in on(findings, "视为无效")
    assert any(f.category == SAFEGUARD for f in findings)


def test_a_share_of_each_renewing_pupil_follows_the_people_kept(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["四、乙方应就每位续课学员的续课费用，按百分之三十向甲方支付分成。"]),
    )
    assert PRICE in on(findings, "每位续课学员")


def test_a_newsletter_list_forming_part_of_the_assets_or_moved_to_the_buyer(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1.2 The Seller\u2019s newsletter list forms part of the Assets.",
                "1.3 The customer contact file will be migrated to the Buyer\u2019s CRM platform at Completion.",
                "1.4 The shop fittings form part of the Assets.",
            ]
        ),
    )
    assert PIT in on(findings, "newsletter list forms part")
    assert PIT in on(findings, "customer contact file")
    assert not on(findings, "shop fittings") & {PIT}


def test_prices_that_follow_households_kept_and_australian_dollars(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "2.1 The Buyer shall pay AUD 0.90 per subscriber on the list at Completion.",
                "2.2 The deferred sum is reduced by USD 250 for each listed client household that has not renewed "
                "within twelve months.",
                "2.3 The rent is reduced by AUD 500 for each month the air-conditioning is not repaired.",
            ]
        ),
    )
    assert PRICE in on(findings, "AUD 0.90 per subscriber")
    assert PRICE in on(findings, "client household that has not renewed")
    assert PRICE not in on(findings, "air-conditioning")


def test_a_price_measured_on_the_retained_accounts_follows_the_people_kept(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "3.1 The price is 2.25 times the commission revenue of the renewing policies in the first year.",
                "3.2 The price is 1.6 times the commission revenue of the policies listed in Schedule B.",
            ]
        ),
    )
    assert PRICE in on(findings, "renewing policies")
    assert PRICE not in on(findings, "listed in Schedule B")


def test_a_party_speaking_in_its_own_name_impersonates_no_one(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "五、甲方须于交割后七日内以甲方名义在会员群中发布公告，说明门店由乙方接手。",
                "六、乙方须以甲方名义在会员群中发布优惠信息。",
            ]
        ),
    )
    assert IMPERSONATION not in on(findings, "以甲方名义在会员群中发布公告")
    assert IMPERSONATION in on(findings, "发布优惠信息")


def test_a_friends_wechat_id_and_an_accounts_friend_list_are_no_account_sale(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "七、甲方应从其三个微信号中备注为“VIP”的好友，整理姓名、微信号、手机号后交付乙方。",
                "八、甲方抖音号粉丝名单一并交付乙方。",
                "九、甲方将其抖音号一并转让给乙方。",
            ]
        ),
    )
    assert ACCOUNT not in on(findings, "备注为")
    assert PIT in on(findings, "备注为")
    assert ACCOUNT not in on(findings, "粉丝名单一并交付")
    assert PIT in on(findings, "粉丝名单一并交付")
    assert ACCOUNT in on(findings, "抖音号一并转让")


def test_a_clause_that_starts_once_the_list_is_in_hand_or_prices_it_moves_nothing(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "十、乙方取得客户名单后，应在十日内逐一回访，告知客户服务已由乙方承接。",
                "十一、交付名单按有效客户计价，每位有效客户人民币三元。",
                "十二、甲方将客户名单发给乙方，乙方收到客户名单后应妥善保管。",
            ]
        ),
    )
    assert PIT not in on(findings, "逐一回访")
    assert PIT not in on(findings, "交付名单按有效客户计价")
    assert PRICE in on(findings, "交付名单按有效客户计价")
    assert PIT in on(findings, "发给乙方")


def test_a_password_kept_from_the_buyer_is_no_hand_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "4.1 The Seller will not tell the Buyer the password of its owner profile; the shop will be "
                "transferred through the platform\u2019s transfer tool.",
                "4.2 The Seller shall not reveal the password to any other person and shall deliver it to the Buyer "
                "at Completion.",
            ]
        ),
    )
    assert "credential-handover" not in on(findings, "owner profile")
    assert "credential-handover" in on(findings, "to any other person")

"""Personal-information transfers and per-head prices beyond the phrasings the rules were written from
(dev4, tag pit).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev4 pit files and the dev4 cross-border files: property managers handing over owners' registers, shops
whose buyers are called 订购人, a back office opened to the other side, a long field list between the verb
and its recipient, a schedule of people the buyer is to call, a price counted by the share of people who
stay; and the look-alikes that must stay quiet (a group moved by the platform's own feature with a free
exit, a moment named by the hand-over, summaries with nobody in them, records deleted or given back, a
customer exporting its own records, opt-in boxes, a party's own papers, business customers only).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
PRICE = "pi-pricing"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方") -> list[str]:
    return [
        "转让协议",
        f"{giver}：苏州某某物业管理有限公司",
        f"{taker}：苏州某某服务有限公司",
        *clauses,
    ]


def en(clauses: list[str], giver: str = "Seller", taker: str = "Buyer") -> list[str]:
    return [
        "Asset Purchase Agreement",
        f"This Agreement is made between Maple Row Ltd (the \u201c{giver}\u201d) and Cedar Lane Ltd (the "
        f"\u201c{taker}\u201d).",
        *clauses,
    ]


def test_registers_ledgers_and_new_holders_are_personal_information(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 甲方应将业主名册及车位登记台账整理后一并移交乙方。",
                "2. 甲方应将历次团购的订购人名单导出，交由乙方发货使用。",
                "3. 甲方应把住客登记簿电邮至乙方前台。",
                "4. 甲方将门店及其会员一并转让乙方。",
            ]
        ),
    )
    assert PIT in on(findings, "业主名册")
    assert PIT in on(findings, "订购人名单")
    assert PIT in on(findings, "住客登记簿")
    assert PIT in on(findings, "门店及其会员")


def test_a_back_office_opened_to_the_other_side_is_a_provision(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 甲方应开放网店后台的查询及下载权限予乙方，以便乙方查阅网店买家资料。",
                "2. 甲方在小程序后台为乙方开通会员数据查看权限。",
                "3. 乙方质控人员可远程调阅甲方患者的病历摘要。",
            ]
        ),
    )
    assert PIT in on(findings, "下载权限予乙方")
    assert PIT in on(findings, "开通会员数据")
    assert PIT in on(findings, "远程调阅")


def test_zh_look_alikes_stay_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. 甲方以平台的群主转让功能将社群移交乙方管理，并在群内公告，成员可自由退出。",
        "2. 甲方于移转后不得以任何方式联系群成员。",
        "3. 甲方另向乙方提供按街道汇总的入住率统计报表，报表不含任何可识别住户身份的信息。",
        "4. 合作终止后，乙方应删除自甲方取得的住户资料。",
        "5. 对乙方推荐的意向客户名单，甲方按每条有效名单人民币二十元向乙方支付服务费。",
        "6. 甲方应向乙方提供其营业执照、法定代表人身份证复印件及联系人电话。",
        "7. 甲方应将收费系统管理员账号移交乙方，但系统内业主数据应在移交前清除。",
        "8. 本协议项下交付的客户名单仅包括企业客户的名称及对公电话。",
    ]
    findings = reviewed(tmp_path, zh(clauses))
    for clause in clauses:
        assert PIT not in on(findings, clause[3:15]), clause


def test_a_verb_reaches_its_recipient_past_a_long_field_list(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. Seller shall hand the loyalty spreadsheet of its regular customers, with their names, phone "
                "numbers and birthdays, to Buyer on the Closing Date.",
                "2. Seller shall forward each applicant's dossier, including the transcripts and the parents' "
                "contact details, to Buyer's admissions office.",
                "3. Seller shall not pass the customer list, or any copy of it, to Buyer.",
            ]
        ),
    )
    assert PIT in on(findings, "loyalty spreadsheet")
    assert PIT in on(findings, "applicant's dossier")
    assert PIT not in on(findings, "shall not pass")


def test_new_holders_carriers_and_asset_lists(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Purchased Assets include the subscriber file and the archive of past issues.",
                "2. At Completion Seller shall hand over to Buyer the tenancy ledger of the managed flats.",
                "3. Seller shall add the homeowners' contact details to its partner network and make them "
                "available to other contractors.",
                "4. Schedule 2 lists the patients with open treatment plans, whom Buyer shall contact.",
            ]
        ),
    )
    assert PIT in on(findings, "subscriber file")
    assert PIT in on(findings, "tenancy ledger")
    assert PIT in on(findings, "homeowners' contact details")
    assert PIT in on(findings, "Schedule 2 lists")


def test_en_look_alikes_stay_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. On termination Buyer shall return a full export of the client records to Seller and then delete "
        "all copies.",
        "2. Seller may export its own client records from the platform at any time.",
        "3. Seller shall pass to Buyer only the name and e-mail address of customers who tick that box.",
        "4. Seller may send its own newsletter to its subscribers until Closing.",
        "5. The trade customers list, showing company names and registered office addresses only, shall be "
        "delivered to Buyer.",
        "6. Seller shall deliver to Buyer the statutory books, including the register of members.",
    ]
    findings = reviewed(tmp_path, en(clauses))
    for clause in clauses:
        assert PIT not in on(findings, clause[3:30]), clause


def test_prices_counted_by_who_stays_or_by_each_lead(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. If fewer than 75% of the members remain enrolled six months after Closing, the Purchase "
                "Price is reduced pro rata.",
                "2. Each referral lead accepted by a partner earns Seller a credit of $12.",
                "3. The Purchase Price is $250,000, payable at Closing.",
            ]
        ),
    )
    assert PRICE in on(findings, "fewer than 75%")
    assert PRICE in on(findings, "Each referral lead")
    assert PRICE not in on(findings, "$250,000")


def test_prices_per_patient_per_account_not_renewed_and_per_head_after_the_count(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. For every patient who moves their care to Buyer, Buyer shall pay Seller $120.",
                "2. The balance, reduced for each account that has not renewed, is payable after one year.",
                "3. \u201cRetained Policy\u201d means a policy that renews with Buyer within twelve months.",
                "4. The subscription fee is $12 per user per month.",
            ]
        ),
    )
    assert PRICE in on(findings, "For every patient")
    assert PRICE in on(findings, "has not renewed")
    assert PRICE in on(findings, "Retained Policy")
    assert PRICE not in on(findings, "subscription fee")
    zh_findings = reviewed(
        tmp_path,
        zh(["1. 乙方按甲方移交的有效住户数，每户另付人民币五十元。", "2. 物业服务费为每月人民币三万元。"]),
        "b.docx",
    )
    assert PRICE in on(zh_findings, "每户另付")
    assert PRICE not in on(zh_findings, "物业服务费")


def test_traditional_verbs_of_belonging_and_sending(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 會員之聯絡資料歸屬乙方。",
                "2. 前開客戶資料，甲方同意無償供乙方使用。",
                "3. 甲方會將熟客名單傳送給乙方。",
                "4. 本店之裝修及設備歸屬乙方。",
                "5. 甲方之聯絡人為王小姐。",
            ]
        ),
    )
    assert PIT in on(findings, "歸屬乙方")
    assert PIT in on(findings, "供乙方使用")
    assert PIT in on(findings, "傳送給乙方")
    assert PIT not in on(findings, "裝修及設備")
    assert PIT not in on(findings, "王小姐")


def test_possession_access_and_property_passing_to_the_buyer(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. Seller shall put Buyer in possession of all membership records.",
                "2. All client data in the CRM shall be made accessible to Buyer from the Closing Date.",
                "3. The customer information shall become the property of Buyer at Closing.",
                "4. The customer list remains the property of Seller.",
                "5. Seller shall put Buyer in possession of the premises and the keys.",
            ]
        ),
    )
    assert PIT in on(findings, "in possession of all membership")
    assert PIT in on(findings, "accessible to Buyer")
    assert PIT in on(findings, "become the property of Buyer")
    assert PIT not in on(findings, "remains the property of Seller")
    assert PIT not in on(findings, "the premises and the keys")


def test_sharing_a_long_list_with_the_other_side_and_counts_without_names(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. Seller shall share with Buyer the booking histories, stay records and contact details of the "
                "guests who stayed in 2024.",
                "2. Seller shall provide Buyer every quarter with the sign-up dates, renewal dates and home "
                "addresses of its subscribers.",
                "3. Seller shall provide Buyer with a list of the number of members in each tier, without names.",
                "4. Buyer shall not share with any third party the customer list.",
            ]
        ),
    )
    assert PIT in on(findings, "booking histories")
    assert PIT in on(findings, "sign-up dates")
    assert PIT not in on(findings, "without names")
    assert PIT not in on(findings, "shall not share")


def test_take_over_labels_the_deal_model_does_not_place(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "门店转让协议",
            "转店方：杭州某某美容有限公司",
            "接店方：杭州某某健康管理有限公司",
            "第一条 会员名单自交接日起归接店方所有。",
            "第二条 转店方的营业执照原件由转店方自行保管。",
        ],
    )
    assert PIT in on(findings, "归接店方所有")
    assert PIT not in on(findings, "营业执照")


def test_reported_to_the_other_side_and_a_holders_sensitive_data_named_directly(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 甲方应于每月末向乙方报送借款人的还款明细。",
                "2. 提供方每月向乙方推送入住宝妈的孕周及分娩方式。",
                "3. 甲方应于每月末向乙方报送本月的设备维修台数。",
            ]
        ),
    )
    assert PIT in on(findings, "还款明细")
    assert PIT in on(findings, "孕周")
    assert PIT not in on(findings, "设备维修")

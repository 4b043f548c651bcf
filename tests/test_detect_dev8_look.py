"""Look-alikes in deals that resemble the risky ones, and the misses met beside them (dev8, tag look).

Each case is written for the test in its own words, modelled on a kind of false alarm or miss met in the
dev8 look files: mainland streets named after Hong Kong or Singapore and the letters "roc" inside
"processing" taken for places abroad; "after the transfer" read as the transfer; records cleared out
so that a store or a terminal passes empty; a party's contact person with an e-mail and then a phone
number; a stock-and-brand sale of a shop that closes; a member bringing her own records; an SMS price
per message; and on the other side a store sold with its domain and listings, a founder's own WeChat
account handed over in a share deal, a processor pouring the numbers into its own database,
after-sales tickets "尚未完结的" handed over, and a sports clinic's injury notes.
"""

from __future__ import annotations

from pathlib import Path

from draft_agreement.reviewing.run import review
from tests.test_detect_generalise import _paragraph, docgen, on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
ACCOUNT = "account-transfer"
XB = "cross-border-transfer"
EMBEDDED = "embedded-personal-data"
PRICING = "pi-pricing"
CREDENTIAL = "credential-handover"
IMPERSONATION = "impersonation"
SAFEGUARD = "missing-safeguard"


def _all(tmp_path: Path, lines: list[str]) -> list:
    path = docgen.write_docx(tmp_path / "all.docx", [_paragraph(line) for line in lines])
    return list(review(path).findings)


# --- places that are not abroad ----------------------------------------------------------------------


def test_a_mainland_street_named_after_hong_kong_or_singapore_is_not_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "会员数据处理服务协议",
            "甲方：大连某某百货有限公司，住所：大连市中山区香港路21号",
            "乙方：上海某某信息技术有限公司，住所：上海市长宁区新加坡路8号",
            "1. 乙方按照甲方的书面指示处理会员的姓名和手机号码，合同终止后删除。",
            "2. 甲方每月将新注册会员的手机号码发送给乙方。",
        ],
    )
    assert XB not in {f.category for f in findings}


def test_processing_in_an_english_party_line_is_not_the_republic_of_china(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Data Processing Agreement",
            'This data processing agreement is made between Ningbo Harbour Foods Co., Ltd. ("Customer") and '
            'Ningbo Ledger Software Co., Ltd. ("Vendor").',
            "1. Vendor shall process the diners' names and phone numbers only on Customer's instructions.",
            "2. Customer shall send Vendor each day's reservation list with the diners' names and phone numbers.",
        ],
    )
    assert XB not in {f.category for f in findings}


# --- English: what does not move ---------------------------------------------------------------------


def test_after_the_transfer_is_a_moment_not_the_transfer(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Website Purchase Agreement",
            'This Agreement is made between Pinecone Crafts Ltd (the "Seller") and Riverbend Goods Ltd '
            '(the "Buyer").',
            "1. Seller shall not give Buyer any buyer's name, postal address or order history, either before "
            "or after the transfer.",
            "2. Buyer shall publish its own name and contact details on the site's imprint page from the date "
            "of transfer.",
        ],
    )
    assert PIT not in on(findings, "either before")
    assert PIT not in on(findings, "imprint page")


def test_records_cleared_out_before_the_thing_passes_are_not_handed_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Asset Purchase Agreement",
            'This Agreement is made between Lantern Books Ltd (the "Seller") and Quayside Media Ltd '
            '(the "Buyer").',
            "1. Seller shall purge the loyalty kiosk's member profiles and purchase logs so that the kiosk "
            "passes to Buyer with its software and price tables only.",
            "2. Seller shall wipe the mailing tool's subscriber records so that the tool is handed to Buyer "
            "without subscriber data.",
        ],
    )
    assert PIT not in on(findings, "loyalty kiosk")
    assert PIT not in on(findings, "mailing tool")


def test_a_contact_persons_phone_after_her_e_mail_is_the_partys_own(tmp_path: Path) -> None:
    findings = _all(
        tmp_path,
        [
            "Supply Agreement",
            'This Agreement is made between Hillcrest Tea Co., Ltd. (the "Seller") and Brookside Cafe Co., '
            'Ltd. (the "Buyer").',
            "9.2 Buyer's contact for deliveries is Zhang Meiling (zhang.meiling@brookside.example, "
            "+86 138 1762 4093).",
        ],
    )
    embedded = [f for f in findings if f.category == EMBEDDED]
    assert embedded and all(f.severity == "low" for f in embedded)


def test_a_store_sold_with_its_domain_and_listings_is_an_online_store(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Store Purchase Agreement",
            'This Agreement is made between Fernhill Ceramics Ltd (the "Seller") and Saltmarsh Home Ltd '
            '(the "Buyer").',
            "1. Seller sells to Buyer the Fernhill Pottery store, together with its domain name, product "
            "listings and product photographs.",
        ],
    )
    assert ACCOUNT in on(findings, "Fernhill Pottery store")


def test_a_sports_clinics_injury_notes_are_health_data(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Cooperation Agreement",
            'This Agreement is made between Harbourside Sports Clinic Ltd (the "Clinic") and Peak Rehab Ltd '
            '(the "Partner").',
            "1. The Clinic shall e-mail the Partner each Monday the names, mobile numbers and injury details "
            "of the patients it discharged that week.",
        ],
    )
    assert {PIT, SENS} <= on(findings, "injury details")


# --- Chinese: shops that close, members who bring their own records ----------------------------------


def test_taking_over_the_stock_of_a_shop_that_closes_is_no_account_transfer(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "库存商品转让协议",
            "甲方：温州某某鞋业有限公司",
            "乙方：台州某某贸易有限公司",
            "鉴于甲方在京东开设的“某某鞋履专营店”拟于本年底关闭，乙方拟收购甲方的库存商品及外观设计专利，双方订立本协议。",
        ],
    )
    assert ACCOUNT not in {f.category for f in findings}


def test_a_member_bringing_her_own_records_is_no_hand_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "门店转让合同",
            "甲方：杭州某某美容有限公司",
            "乙方：杭州某某健康管理有限公司",
            "3. 会员的体质检测报告一律不向乙方提供，如乙方需要，由会员本人自行向乙方出示。",
        ],
    )
    assert not on(findings, "体质检测报告") & {PIT, SENS}


def test_an_sms_price_per_message_is_not_a_price_per_head(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "短信服务合同",
            "甲方：苏州某某餐饮管理有限公司",
            "乙方：苏州某某通信技术有限公司",
            "4. 短信费按当月实际发送条数结算，每条人民币0.04元。",
        ],
    )
    assert PRICING not in on(findings, "短信费")


# --- Chinese: what still moves -----------------------------------------------------------------------


def test_a_founders_own_wechat_account_in_a_share_deal_keeps_its_severity(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "股权转让协议",
            "甲方（转让方）：陈某某",
            "乙方（受让方）：上海某某投资有限公司",
            "丙方（目标公司）：上海某某宠物用品有限公司",
            "1. 甲方将其持有的丙方全部股权转让给乙方。",
            "2. 丙方名下的天猫店铺和公众号仍登记在丙方名下，甲方应将丙方的公章及店铺管理员密码移交丙方新任法定代表人。",
            "3. 甲方以本人名义注册的微信号中有丙方客户好友两千余人，甲方应将该微信号交由乙方继续使用，并告知乙方登录密码。",
            "4. 乙方使用该微信号时，不告知客户该微信号已更换使用人。",
        ],
    )
    assert {ACCOUNT, CREDENTIAL, PIT} <= on(findings, "本人名义注册")
    assert IMPERSONATION in on(findings, "更换使用人")
    assert not on(findings, "仍登记在丙方名下")
    assert SAFEGUARD in {f.category for f in findings}


def test_a_processor_pouring_the_numbers_into_its_own_database_provides_them(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "个人信息委托处理协议",
            "甲方：无锡某某健身有限公司",
            "乙方：无锡某某科技有限公司",
            "1. 乙方按照甲方的指示向甲方会员发送课程提醒，合同终止后删除会员信息。",
            "2. 乙方可将甲方会员的手机号码纳入乙方自有的会员数据库，向其推送乙方合作商家的促销信息。",
        ],
    )
    assert PIT in on(findings, "自有的会员数据库")
    assert not on(findings, "课程提醒")


def test_tickets_not_yet_closed_are_still_handed_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "资产转让协议",
            "甲方：厦门某某家电有限公司",
            "乙方：厦门某某电器服务有限公司",
            "3. 甲方应于交割日将尚未处理完毕的维修工单打包交给乙方，由乙方上门服务。",
        ],
    )
    assert PIT in on(findings, "维修工单")


# --- accounts that stay where they are ---------------------------------------------------------------


def test_an_account_that_stays_with_its_holder_is_not_transferred(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "视频号迁移合作协议",
            "甲方：郑州某某文化传媒有限公司",
            "乙方：郑州某某网络科技有限公司",
            "2. 迁移申请未获平台通过的，该视频号仍归甲方所有，乙方不得要求甲方交出登录信息。",
            "3. 合同终止后，甲方账号及绑定手机号码仍归乙方所有。",
        ],
    )
    assert ACCOUNT not in on(findings, "未获平台通过")
    # the agency keeping the client's account is still the risk
    assert ACCOUNT in on(findings, "仍归乙方所有")


def test_a_wechat_id_among_the_fields_of_a_record_is_no_account(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "门店转让协议",
            "甲方：合肥某某烘焙有限公司",
            "乙方：合肥某某食品有限公司",
            "3. 甲方应于交割日向乙方移交会员登记表，登记表列明会员姓名、手机号码及微信号。",
        ],
    )
    assert PIT in on(findings, "会员登记表")
    assert ACCOUNT not in on(findings, "会员登记表")


def test_the_platforms_ownership_setting_with_no_password_given_is_the_route(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Page Purchase Agreement",
            'This Agreement is made between Wildflower Studio Ltd (the "Seller") and Meadowlark Media Ltd '
            '(the "Buyer").',
            "1. Seller sells to Buyer the Instagram account @wildflower.studio.",
            '2. Seller shall use Instagram\'s "Transfer ownership" setting to make Buyer the owner of the '
            "Instagram account, and shall not be required to give Buyer any password.",
            "3. Seller shall use the platform's ownership-transfer setting, and the Facebook page shall then "
            "vest in Buyer.",
        ],
    )
    assert ACCOUNT in on(findings, "@wildflower.studio")
    assert not on(findings, "any password") & {ACCOUNT, CREDENTIAL}
    assert ACCOUNT in on(findings, "vest in Buyer")


def test_after_such_a_transfer_is_a_moment_and_firms_names_are_no_persons(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "Management Agreement",
            'This Agreement is made between Juniper Lane (the "Talent") and Northlight Management Ltd '
            '(the "Manager").',
            "5. After any such transfer, Manager shall keep a log of the posts it publishes on the accounts.",
        ],
    )
    assert not on(findings, "After any such transfer") & {ACCOUNT, PIT}
    findings = reviewed(
        tmp_path,
        [
            "业务转让协议",
            "甲方：济南某某物流有限公司",
            "乙方：济南某某供应链管理有限公司",
            "5. 甲方仅向乙方提供各经销商名称及其仓库地址清单，由乙方与经销商另行签约。",
        ],
    )
    assert PIT not in on(findings, "经销商名称")

"""Cross-border detection beyond the phrasings the rules were written from (dev4, tag xb).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev4 cross-border files: a foreign group company that "provides services" to its mainland subsidiary (so
the first verb of the agreement calls it the giving side) and still receives the subsidiary's data, a
recipient abroad that pulls the records itself, verbs and carriers the rules did not list, cloud regions and
Hong Kong districts named instead of a country, and the look-alikes that must stay quiet.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

XB = "cross-border-transfer"


def test_a_foreign_parent_providing_services_still_receives_the_data(tmp_path: Path) -> None:
    lines = [
        "共享服务协议",
        "甲方：宁波澄湖电器有限公司",
        "乙方：澄湖集团（新加坡）私人有限公司",
        "第一条 乙方向甲方提供财务共享及信息系统支持服务。",
        "第二条 甲方每月将售后客户的姓名、联系电话及维修记录回传乙方。",
        "第三条 乙方的客服主管可远程调阅甲方客户的投诉记录。",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB in on(findings, "回传乙方")
    assert XB in on(findings, "远程调阅")


def test_data_sent_back_by_a_party_abroad_to_a_mainland_party_is_no_export(tmp_path: Path) -> None:
    lines = [
        "数据返还协议",
        "甲方：杭州湾远贸易有限公司",
        "乙方：远贸控股（香港）有限公司",
        "第一条 乙方应将其代为保管的会员资料返还并转交甲方。",
        "第二条 乙方不得调阅甲方会员的消费记录。",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB not in on(findings, "转交甲方")
    assert XB not in on(findings, "不得调阅")


def test_a_sale_between_two_parties_both_abroad_exports_nothing(tmp_path: Path) -> None:
    lines = [
        "客户资料转让协议",
        "甲方：澳门金沙湾旅游有限公司",
        "乙方：香港星岸旅行社有限公司",
        "第一条 甲方将其旅客名单（姓名、手机号码）转交乙方。",
    ]
    assert XB not in on(reviewed(tmp_path, lines), "旅客名单")


def test_cloud_regions_districts_and_record_stores_are_places_and_records(tmp_path: Path) -> None:
    lines = [
        "系统运维合同",
        "甲方：青岛蓝湾零售有限公司",
        "乙方：青岛云栈科技有限公司",
        "第一条 乙方应将甲方的会员库每周全量备份至us-east-1区域。",
        "第二条 乙方可将甲方客户的通话录音同步至其设于湾仔的质检中心。",
        "第三条 甲方的会员库仅存储于青岛本地机房，不得迁移至境外。",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB in on(findings, "us-east-1")
    assert XB in on(findings, "湾仔")
    assert XB not in on(findings, "青岛本地机房")


def test_a_foreign_supplier_receiving_end_users_details_from_its_distributor(tmp_path: Path) -> None:
    lines = [
        "Distribution Agreement",
        "This Agreement is made between Nordvik Pumps AB, a company organised under the laws of Sweden (the "
        "\u201cSupplier\u201d), and Foshan Liquan Trading Co., Ltd., a company incorporated in the PRC (the "
        "\u201cDistributor\u201d).",
        "1. After each sale the Distributor shall forward the buyer's name, mobile number and site address to "
        "the Supplier for warranty registration.",
        "2. The Supplier may inspect the Distributor's service records of its customers remotely.",
        "3. The Distributor shall report to the Supplier the number of pumps sold in each province.",
        "4. The Distributor shall not submit any buyer's mobile number to the Supplier for marketing.",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB in on(findings, "forward the buyer")
    assert XB in on(findings, "inspect the Distributor")
    assert XB not in on(findings, "number of pumps")
    assert XB not in on(findings, "shall not submit")


def test_an_analytics_sdk_streaming_device_ids_to_a_us_region(tmp_path: Path) -> None:
    lines = [
        "Analytics Agreement",
        "This Agreement is made between Xiamen Kite Apps Co., Ltd. (the \u201cClient\u201d) and Funnelworks "
        "Inc., a Delaware corporation (the \u201cVendor\u201d).",
        "1. The Vendor's SDK will stream in-app events tagged with each user's device ID to the Vendor's "
        "cluster in us-east-1.",
        "2. The Vendor may receive only aggregated, non-identifiable funnel statistics at its office in Austin.",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB in on(findings, "device ID")
    assert XB not in on(findings, "funnel statistics")


def test_an_account_sold_with_its_audience_or_its_log_in_is_no_export_of_records(tmp_path: Path) -> None:
    lines = [
        "Account Purchase Agreement",
        "This Agreement is made between Lin Wei of Guangzhou, PRC (the \u201cSeller\u201d) and Reelhouse "
        "Media Ltd., a company incorporated in Hong Kong (the \u201cBuyer\u201d).",
        "1. The Seller transfers to the Buyer the Channel, including its videos, subscribers and goodwill.",
        "2. The Seller shall deliver to the Buyer the username and password and change the recovery e-mail "
        "address and phone number to the Buyer's.",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB not in on(findings, "subscribers and goodwill")
    assert XB not in on(findings, "username and password")


def test_given_to_a_party_named_before_the_verb_or_managed_by_it_abroad(tmp_path: Path) -> None:
    lines = [
        "会员合作协议",
        "甲方：成都锦里餐饮管理有限公司",
        "乙方：锦里国际（香港）有限公司",
        "第一条 甲方应每月向乙方提供储值会员的姓名、手机号码及余额明细。",
        "第二条 會員資料得由乙方於其伺服器存取。",
        "第三条 会员数据由乙方境外总部统一管理。",
        "第四条 乙方向甲方提供门店装修设计方案。",
        "第五条 甲方不得向乙方提供会员的身份证号码。",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB in on(findings, "向乙方提供储值会员")
    assert XB in on(findings, "存取")
    assert XB in on(findings, "统一管理")
    assert XB not in on(findings, "装修设计方案")
    assert XB not in on(findings, "不得向乙方提供")


def test_provided_to_a_party_abroad_or_to_group_companies_worldwide(tmp_path: Path) -> None:
    lines = [
        "Data Sharing Agreement",
        "This Agreement is made between Dalian Harbour Fitness Co., Ltd. (\u201cParty A\u201d) and Tidewater "
        "Wellness Pte. Ltd., a company incorporated in Singapore (\u201cParty B\u201d).",
        "1. Party A shall provide Party B with the names and mobile numbers of its gym members each month.",
        "2. Party B may pass the member data to its group companies worldwide.",
        "3. Party B shall provide Party A with the class timetable.",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB in on(findings, "names and mobile numbers")
    assert XB in on(findings, "worldwide")
    assert XB not in on(findings, "class timetable")


def test_the_foreign_partys_own_mainland_entity_receiving_is_no_export(tmp_path: Path) -> None:
    lines = [
        "会员合作协议",
        "甲方：武汉江城书店有限公司",
        "乙方：江城文化控股（香港）有限公司",
        "第一条 乙方的境内子公司可访问甲方的会员数据，用于联合营销。",
        "第二条 乙方香港总部可访问甲方的会员数据。",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB not in on(findings, "境内子公司")
    assert XB in on(findings, "香港总部")


def test_records_used_for_business_abroad_are_exported_money_is_not(tmp_path: Path) -> None:
    lines = [
        "合作协议",
        "甲方：南昌赣江旅游有限公司",
        "乙方：南昌远帆咨询有限公司",
        "第一条 乙方可将甲方提供的旅客名单用于其在澳门的酒店推广。",
        "第二条 本协议款项用于澳门展会的布展。",
    ]
    findings = reviewed(tmp_path, lines)
    assert XB in on(findings, "旅客名单")
    assert XB not in on(findings, "展会")

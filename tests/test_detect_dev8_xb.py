"""Cross-border transfers beyond the phrasings the rules were written from (dev8, tag xb).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev8 xb files: a processor abroad named only by its party block (card acquiring, remote support, fieldwork
commissioned from abroad), parts of a medical file posted abroad, transaction records and a payer's device
data kept abroad, focus groups watched live from abroad, a platform's data backed up abroad, a party abroad
reading records through a platform it was given, a data room whose servers are abroad, visa papers and
booking profiles sent abroad, a call centre abroad phoning the buyers; and the look-alikes that must stay
quiet (identifiers replaced by random values, records blacked out before upload, people named by where they
come from, a document given back to the person it is about, a subscription fee per pupil).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

XB = "cross-border-transfer"
PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
PRICING = "pi-pricing"


def processing_zh(title: str, clauses: list[str]) -> list[str]:
    return [
        title,
        "甲方：南昌某某文旅科技有限公司，住所地江西省南昌市红谷滩区",
        "乙方：Cobaltline Services Limited，一家依香港法律注册成立的公司，注册地址香港湾仔告士打道",
        *clauses,
        "甲方（盖章）：　　　　乙方（签署）：",
    ]


def sharing_zh(clauses: list[str]) -> list[str]:
    return [
        "医疗合作协议",
        "甲方：珠海某某门诊部有限公司，住所地广东省珠海市香洲区",
        "乙方：株式会社サクラ医療連携，住所日本国大阪府大阪市北区",
        *clauses,
        "甲方（盖章）：　　　　乙方（签署）：",
    ]


def processing_en(title: str, clauses: list[str]) -> list[str]:
    return [
        title,
        "This Agreement is made between Xiamen Example Outdoor Gear Co., Ltd., a company established in the PRC "
        "(the \u201cCompany\u201d), and Tidewell Services Pte. Ltd., a company incorporated in Singapore "
        "(the \u201cService Provider\u201d).",
        *clauses,
    ]


def test_a_processor_abroad_gets_the_export_not_a_hand_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        processing_zh(
            "网络支付收单服务协议",
            [
                "1. 用户下单付款时，甲方服务器实时向乙方网关发送持卡人姓名、信用卡号、有效期及账单地址，由乙方在香港完成授权。",
                "2. 乙方仅按甲方的书面指示处理交易数据。",
            ],
        ),
    )
    assert {XB, SENS} <= on(findings, "账单地址")
    assert PIT not in on(findings, "账单地址")


def test_parts_of_a_medical_file_posted_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        sharing_zh(
            [
                "1. 病人同意赴日会诊的，甲方应将其病理切片及近期化验单以国际快递寄往乙方大阪办公室。",
                "2. 甲方应将患者的转介信与影像学资料一并电邮至乙方位于日本的医务部。",
            ]
        ),
    )
    assert XB in on(findings, "病理切片")
    assert SENS in on(findings, "病理切片")
    assert XB in on(findings, "转介信")


def test_transaction_records_and_device_data_kept_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        processing_zh(
            "跨境收单服务协议",
            [
                "1. 乙方将交易流水存储于其香港机房，并每周将备份复制到其设于东京的灾备中心。",
                "2. 为防范欺诈，乙方可收集付款终端的IP地址及设备指纹。",
                "3. 甲方与乙方的交易记录由双方财务部门按月核对。",
            ],
        ),
    )
    assert XB in on(findings, "交易流水")
    assert XB in on(findings, "设备指纹")
    assert XB not in on(findings, "按月核对")


def test_sessions_watched_live_from_abroad_and_a_platform_backed_up_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        processing_zh(
            "用户研究服务委托合同",
            [
                "1. 深度访谈进行时，甲方产品经理可在新加坡办公室通过直播观看访谈画面。",
                "2. 平台的全部数据每晚备份至位于美国弗吉尼亚的备份节点。",
            ],
        ),
    )
    assert XB in on(findings, "访谈画面")
    assert XB in on(findings, "弗吉尼亚")


def test_a_party_abroad_reading_records_through_a_platform_it_was_given(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        sharing_zh(
            [
                "1. 乙方会诊医生可透过甲方开通的远程会诊系统，实时调阅甲方患者的门诊病历及检查报告。",
                "2. 乙方不得通过甲方的系统下载任何患者资料。",
            ]
        ),
    )
    assert XB in on(findings, "实时调阅")
    assert XB not in on(findings, "不得通过")


def test_a_data_room_whose_servers_are_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "股权收购尽职调查协议",
            "甲方：无锡某某传动科技有限公司，住所地江苏省无锡市新吴区",
            "乙方：Harrowgate Partners Pte. Ltd.，一家依新加坡法律设立的公司",
            "1. 尽调资料通过乙方开通的虚拟数据室提供，数据室服务器设于荷兰阿姆斯特丹。",
            "2. 甲方应在数据室中上传全体员工花名册及劳动合同。",
        ],
    )
    assert XB in on(findings, "全体员工花名册")


def test_visa_papers_profiles_and_call_backs_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        processing_en(
            "Travel Management Services Agreement",
            [
                "1.1 The Company shall send to the Service Provider's visa team in Singapore scanned copies of each "
                "traveller's passport and bank statements.",
                "1.2 The Company shall load each employee's profile into the Service Provider's booking tool hosted in Dublin.",
                "1.3 The Service Provider's service centre in Manila shall call each traveller whose flight is cancelled.",
                "1.4 The Service Provider may engage a sub-processor in the United States, and travellers' data may be "
                "transferred to it.",
            ],
        ),
    )
    assert {XB, SENS} <= on(findings, "scanned copies")
    assert XB in on(findings, "booking tool")
    assert XB in on(findings, "call each traveller")
    assert XB in on(findings, "sub-processor")


def test_look_alikes_stay_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        processing_zh(
            "系统运维服务合同",
            [
                "1. 需在乙方环境排查问题的，甲方应先将用户的姓名、证件号及电话替换为虚构数据，方可将测试数据提供给乙方。",
                "2. 投诉记录中用户的姓名及手机号应打码后再上传至乙方在香港的工单系统。",
                "3. 澳门游客资料存储于甲方南昌机房，不传输至境外。",
            ],
        ),
    )
    assert XB not in on(findings, "虚构数据")
    assert not {XB, PIT} & on(findings, "打码后")
    assert XB not in on(findings, "澳门游客")


def test_a_document_given_back_to_the_person_and_a_seat_fee(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "服务合作协议",
            "甲方：长沙某某健康管理有限公司",
            "乙方：长沙某某信息技术有限公司",
            "1. 乙方出具的体检解读报告由甲方转交客户本人。",
            "2. 系统订阅费为每名注册学员每年人民币一百五十元。",
        ],
    )
    assert PIT not in on(findings, "转交客户本人")
    assert PRICING not in on(findings, "订阅费")


def test_a_note_that_sites_the_system_abroad_does_not_hide_the_hand_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        processing_en(
            "Travel Management Services Agreement",
            [
                "1.1 The Company shall load into the Service Provider's travel portal, which runs on the Service "
                "Provider's cloud platform in Frankfurt, a profile listing each employee's name and date of birth.",
                "1.2 Readings shall sync to each traveller's profile on the platform.",
            ],
        ),
    )
    assert XB in on(findings, "travel portal")
    assert XB in on(findings, "Readings shall sync")

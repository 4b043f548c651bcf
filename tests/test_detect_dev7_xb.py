"""Cross-border transfers beyond the phrasings the rules were written from (dev7, tag xb).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev7 xb files: a call centre abroad working a list it was handed, records referred back to as 前项资料, staff
appraisals and payroll read by a group team abroad, coded trial records and results, a database snapshot or
backup kept abroad, a member file combined with the recipient's own data or dropped in its shared folder; and
the look-alikes that must stay quiet (a report that lists nobody, records kept where they are, a research
fee paid per subject, identity scans hosted onshore).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

XB = "cross-border-transfer"


def contract_zh(
    clauses: list[str], foreign: str = "乙方：Palmgrove Services Sdn. Bhd.，一家依马来西亚法律设立的公司"
) -> list[str]:
    return ["合作协议", "甲方：合肥某某电器销售有限公司", foreign, *clauses]


def contract_en(clauses: list[str]) -> list[str]:
    return [
        "Cooperation Agreement",
        "This Agreement is made between Hefei Example Appliances Co., Ltd., a company established in the PRC "
        "(the \u201cCompany\u201d), and Alpenrose Services AG, a company incorporated in Switzerland "
        "(the \u201cService Provider\u201d).",
        *clauses,
    ]


def test_a_call_centre_abroad_working_a_list_it_was_given(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_zh(
            [
                "1. 乙方客服人员按甲方每周发送的名单致电会员，核对其配送时间。",
                "2. 乙方可将前项资料存放于其槟城办公室的电脑。",
                "3. 乙方的呼叫中心通过电话回访购机客户，了解其使用情况。",
            ]
        ),
    )
    assert XB in on(findings, "致电会员")
    assert XB in on(findings, "槟城")
    assert XB in on(findings, "电话回访")


def test_staff_records_read_by_a_group_team_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_zh(
            [
                "1. 乙方亚太人事部可在其新加坡办公室查看甲方职员的薪资明细和年度考评结果。",
                "2. 甲方每半年向乙方报送各部门员工人数及平均薪酬，报表不列明任何员工姓名。",
            ]
        ),
    )
    assert XB in on(findings, "薪资明细")
    assert XB not in on(findings, "平均薪酬")


def test_coded_trial_records_and_results_sent_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "临床研究协议",
            "甲方：某某市第一人民医院",
            "乙方：Hollowmere Biosciences Inc.，一家依美国特拉华州法律设立的公司",
            "1. 研究者应将受试者识别代码、既往病史及肝功能检验结果上传至乙方位于波士顿的数据库。",
            "2. 受试者的姓名及身份证号码仅保存于甲方，不得传输至境外。",
        ],
    )
    assert XB in on(findings, "波士顿")
    assert XB not in on(findings, "仅保存于甲方")


def test_a_research_fee_per_subject_is_no_price_for_records(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            "临床研究协议",
            "甲方：某某市第一人民医院",
            "乙方：某某医药科技有限公司",
            "1. 乙方按每完成一例受试者的全部访视向甲方支付研究费人民币一万五千元。",
        ],
    )
    assert "pi-pricing" not in on(findings, "研究费")


def test_a_database_copy_kept_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_zh(
            [
                "1. 乙方每周将订单系统的全量数据备份存放于其法兰克福的灾备机房。",
                "2. 乙方可将生产数据库的镜像复制到其在首尔地域的测试环境。",
            ],
            foreign="乙方：合肥某某云计算有限公司",
        ),
    )
    assert XB in on(findings, "法兰克福")
    assert XB in on(findings, "首尔")


def test_payroll_and_appraisals_read_or_kept_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_en(
            [
                "1. The Service Provider's HR analysts may view the performance appraisals of the Company's engineers.",
                "2. The Service Provider may keep a monthly backup of the patient database in Basel.",
                "3. No employee data shall be stored on, copied to or accessed from any server outside mainland China.",
            ]
        ),
    )
    assert XB in on(findings, "performance appraisals")
    assert XB in on(findings, "Basel")
    assert XB not in on(findings, "No employee data")


def test_a_member_file_dropped_in_a_shared_folder_or_combined_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_en(
            [
                "1. The Company shall place the member file for the spring promotion in the Service Provider's shared folder.",
                "2. The Service Provider may combine the customer files with its own survey panel.",
            ]
        ),
    )
    assert XB in on(findings, "shared folder")
    assert XB in on(findings, "survey panel")


def test_identity_scans_hosted_onshore_are_sensitive_not_exported(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        [
            # Not titled a hosting agreement: that is entrusted processing, where the sensitive finding
            # is a note (test_detect_generalise_en3); here the records are the landlord's to share.
            "Cooperation Agreement",
            "This Agreement is made between Xiamen Example Apartments Co., Ltd. (the \u201cLandlord\u201d) and "
            "Xiamen Example Cloud Co., Ltd. (the \u201cHost\u201d), both established in the PRC.",
            "1. The Host shall keep the tenants' records, including passport and ID scans, in its Xiamen data centre.",
        ],
    )
    assert "sensitive-personal-info" in on(findings, "ID scans")
    assert XB not in on(findings, "ID scans")


def test_a_party_abroad_passing_the_records_to_partners_where_it_is(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_zh(
            [
                "1. 乙方可将参团人员名单交给其在当地合作的车队，用于安排接送。",
                "2. 乙方不得将参团人员名单提供给其当地的任何其他机构。",
            ]
        ),
    )
    assert XB in on(findings, "车队")
    assert XB not in on(findings, "任何其他机构")


def test_files_described_then_emailed_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_en(
            [
                "1. The Company's Suzhou office shall photograph the warranty cards signed by buyers and e-mail "
                "those files to the Service Provider's office in Zurich."
            ]
        ),
    )
    assert XB in on(findings, "Zurich")


def test_a_place_abroad_named_only_to_shut_it_out(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        contract_zh(
            [
                "1. 会员资料保存在甲方位于合肥的机房，乙方及其吉隆坡团队均无权访问。",
                "2. 乙方可将会员资料保存在其吉隆坡的机房，未经授权的人员不得访问。",
            ]
        ),
    )
    assert XB not in on(findings, "均无权访问")
    assert XB in on(findings, "未经授权")


def test_a_recital_about_selling_abroad_does_not_place_the_seller_abroad(tmp_path: Path) -> None:
    # 甲方 sells to Japanese shoppers from Ningbo; only 乙方, established in Japan, is abroad. A recital
    # opening with 甲方 says where it trades, not where it is.
    findings = reviewed(
        tmp_path,
        [
            "跨境物流服务合同",
            "甲方：宁波某某日用品有限公司",
            "乙方：Sakura Logistics株式会社，一家依日本法律设立的公司",
            "甲方在日本乐天市场开设店铺，向日本消费者销售日用品，现委托乙方提供仓储及配送服务。",
            "1. 甲方每日将订单的收件人姓名、电话和收货地址推送至乙方的仓储系统。",
        ],
    )
    assert XB in on(findings, "推送至乙方")

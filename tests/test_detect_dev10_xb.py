"""Cross-border and intra-group flows beyond the phrasings the rules were written from (dev10, tag xb).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev10 xb files: service contracts whose titles say the provider works for the client (a finance shared-service
centre, a remote diagnosis service, relocation and tutoring services), member data synced or pushed to a
foreign parent, a holder's sensitive data named straight after the holder, a data room set up on servers
abroad and its folders, a sum paid for each member registered, an export said to lie outside the filed
standard contract; and the look-alikes that must stay quiet (reports with no one's details, totals seen on
site, a registration number named by the authority that issued it, separate written consent within a filing,
the individuals asking for a copy of their own data).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
XB = "cross-border-transfer"
PRICE = "pi-pricing"


def zh(
    title: str, clauses: list[str], abroad: str = "一家依新加坡法律设立的公司，注册地址新加坡"
) -> list[str]:
    return [
        title,
        "甲方：上海某某贸易有限公司，住所地上海市徐汇区",
        f"乙方：Northgate Holdings Pte. Ltd.，{abroad}",
        *clauses,
        "本协议适用中华人民共和国法律。",
        "甲方（盖章）：　　　　乙方（签署）：",
    ]


def en(title: str, clauses: list[str], taker: str = "Provider") -> list[str]:
    return [
        title,
        f"This Agreement is made between Hangzhou Lakeview Trading Co., Ltd., a company established in Hangzhou "
        f"(the \u201cCompany\u201d), and Harbourline Services Pte. Ltd., a company incorporated in Singapore (the "
        f"\u201c{taker}\u201d).",
        *clauses,
        "This Agreement is governed by the laws of the People's Republic of China.",
    ]


# --- the kind of deal: services done for the client -------------------------------------------------------


def test_service_titles_are_entrusted_processing_zh(tmp_path: Path) -> None:
    for title, clause in (
        (
            "财务共享服务协议",
            "1. 甲方门店员工的报销单据由乙方吉隆坡团队审核，单据载明员工姓名、工号及报销金额。",
        ),
        (
            "远程病理诊断服务合同",
            "1. 甲方将患者的姓名、年龄及病理切片扫描图像发送至乙方香港实验室出具诊断意见。",
        ),
    ):
        findings = reviewed(tmp_path, zh(title, [clause]))
        assert XB in on(findings, clause[3:12])
        assert PIT not in on(findings, clause[3:12]), title


def test_service_titles_are_entrusted_processing_en(tmp_path: Path) -> None:
    for title, clause in (
        (
            "Relocation Services Agreement",
            "1. The Company's HR team shall upload to the Provider's portal in Singapore each assignee's CV, "
            "home address and the names of the assignee's spouse.",
        ),
        (
            "Tutoring Services Agreement",
            "1. The Provider's teachers in Singapore may view in the Company's console each learner's name, "
            "level and the notes of earlier lessons.",
        ),
    ):
        findings = reviewed(tmp_path, en(title, [clause]))
        assert PIT not in on(findings, clause[3:30]), title


# --- who receives: data synced or pushed to the foreign side ----------------------------------------------


def test_data_synced_or_pushed_to_the_foreign_side_is_an_export(tmp_path: Path) -> None:
    clauses = [
        "1. 甲方每日将新入会会员的手机号码及消费记录同步至乙方的区域营销平台。",
        "2. 会员在甲方公众号填写的宝宝疫苗接种情况，甲方应一并推送至乙方。",
        "3. 乙方每季度向甲方提供营销效果报告。",
    ]
    findings = reviewed(tmp_path, zh("会员数据共享协议", clauses))
    assert XB in on(findings, "新入会会员")
    assert XB in on(findings, "疫苗接种情况")


def test_a_holders_sensitive_data_named_after_the_holder_is_exported(tmp_path: Path) -> None:
    clauses = [
        "1. 乙方为甲方提供品牌营销支持。",
        "2. 甲方应将患者病史及会员过敏史推送至乙方设在东京的系统。",
        "3. 乙方可调取学员体检报告，用于其在香港的健康课程。",
    ]
    findings = reviewed(tmp_path, zh("营销合作协议", clauses))
    assert XB in on(findings, "会员过敏史")
    assert XB in on(findings, "学员体检报告")


# --- a data room abroad --------------------------------------------------------------------------------


def test_a_data_room_set_up_abroad_and_its_folders(tmp_path: Path) -> None:
    clauses = [
        "1. 甲方委托服务商在其法兰克福服务器上设立虚拟数据室，供乙方及其顾问查阅。",
        "2. 甲方应在“人事”文件夹上传全体员工的花名册。",
        "3. 甲方应于“客户”文件夹中提供前二十大客户的联系人名单。",
    ]
    findings = reviewed(tmp_path, zh("尽职调查数据室使用协议", clauses))
    assert XB in on(findings, "员工的花名册")
    assert XB in on(findings, "联系人名单")


# --- the price: a sum for each member registered ----------------------------------------------------------


def test_a_sum_for_each_member_registered_or_handed_over(tmp_path: Path) -> None:
    clauses = [
        "1. 乙方门店的会员资料上传至甲方系统。",
        "2. 甲方就乙方每位新注册并录入系统的会员，向乙方支付人民币三元推广费。",
        "3. 乙方每移交一名会员，甲方按季度给予乙方人民币五元。",
    ]
    findings = reviewed(tmp_path, zh("加盟门店会员管理协议", clauses))
    assert PRICE in on(findings, "新注册并录入")
    assert PRICE in on(findings, "每移交一名会员")


# --- an export said to lie outside the filed standard contract ----------------------------------------------


def test_an_export_outside_the_filed_standard_contract_is_flagged(tmp_path: Path) -> None:
    zh_clauses = [
        "1. 甲方可将员工的护照号码及航班信息提供给乙方在新加坡的培训中心，该项传输未纳入已备案的标准合同。"
    ]
    assert XB in on(reviewed(tmp_path, zh("集团人事数据协议", zh_clauses)), "护照号码")
    en_clauses = [
        "1. The Provider's office in Singapore may also receive the home addresses and mobile numbers of the "
        "Company's drivers; this flow is not covered by the filed standard contract."
    ]
    assert XB in on(reviewed(tmp_path, en("Intra-Group Data Agreement", en_clauses)), "home addresses")


# --- look-alikes ------------------------------------------------------------------------------------------


def test_reports_with_no_ones_details_stay_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. 甲方每月以报表向乙方提供各门店的营业额及客单价，报表不含顾客个人资料。",
        "2. 甲方向乙方报送的年度会员数据按城市汇总，不附会员明细。",
        "3. 乙方每月向甲方提交服务分析报告，按部门汇总工单数量，不列明员工个人信息。",
    ]
    findings = reviewed(tmp_path, zh("区域营销合作协议", clauses))
    for fragment in ("报表不含顾客", "不附会员明细", "不列明员工"):
        assert not {PIT, XB} & on(findings, fragment), fragment


def test_totals_seen_on_site_stay_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. 会员储值余额明细不上传数据室，乙方顾问仅可在甲方上海办公室查看储值余额的汇总数。",
        "2. 客户名单不向乙方提供，乙方只能获取各城市客户数量的统计数。",
    ]
    findings = reviewed(tmp_path, zh("尽职调查保密协议", clauses))
    assert not {PIT, XB} & on(findings, "汇总数")
    assert not {PIT, XB} & on(findings, "统计数")


def test_a_registration_number_named_by_its_authority_stays_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. 乙方应向甲方提供参与会诊之医生名单及其香港医务委员会注册编号。",
        "2. 乙方须向甲方提交其药剂师的名单及香港药剂业及毒药管理局注册证明。",
    ]
    findings = reviewed(tmp_path, zh("远程会诊服务协议", clauses, abroad="于香港注册成立，营业地址香港中环"))
    assert XB not in on(findings, "医务委员会")
    assert XB not in on(findings, "药剂业")


def test_separate_written_consent_within_a_filing_stays_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. The Company has signed the personal information export standard contract with the Provider and "
        "filed it with the Zhejiang cyberspace authority.",
        "2. Within the scope of that filing, the Company shall send the Provider the names and salaries of "
        "employees who have given their separate written consent.",
        "3. Under the filing, the Company may also share with the Provider the job titles of staff who gave "
        "separate express consent.",
    ]
    findings = reviewed(tmp_path, en("Intra-Group Data Agreement", clauses))
    assert not {PIT, XB} & on(findings, "export standard contract")
    assert XB not in on(findings, "separate written consent")
    assert XB not in on(findings, "separate express consent")


def test_individuals_asking_for_their_own_data_stay_quiet(tmp_path: Path) -> None:
    clauses = [
        "1. Employees may ask the Company for a copy of the records sent to the Provider and have them "
        "corrected, and the Company shall pass such requests to the Provider.",
        "2. Customers can request deletion of their order history, which the Company shall forward to the "
        "Provider within five days.",
    ]
    findings = reviewed(tmp_path, en("Intra-Group Data Agreement", clauses))
    assert XB not in on(findings, "have them corrected")
    assert XB not in on(findings, "request deletion")


# --- second step: who processes, what the team abroad reads --------------------------------------------


def test_a_party_labelled_provider_in_a_processing_deal_is_the_processor(tmp_path: Path) -> None:
    clauses = [
        "1. The Provider shall process the data only on the Company's written instructions.",
        "2. The Company shall upload to the Provider's portal in Singapore each employee's passport copy.",
        "3. The Provider's case team shall receive the employees' medical examination reports and keep them "
        "on its servers in Singapore.",
    ]
    findings = reviewed(tmp_path, en("Relocation Services Agreement", clauses))
    assert {SENS, XB} <= on(findings, "passport copy")
    assert XB in on(findings, "medical examination reports")


def test_childrens_details_named_before_the_children_are_sensitive_and_exported(tmp_path: Path) -> None:
    clauses = [
        "1. The Company shall send to the Provider's office in Singapore the names and dates of birth of the "
        "assignee's accompanying children.",
        "2. The ages and school reports of the employees' kids shall be uploaded to the Provider's portal in "
        "Singapore.",
    ]
    findings = reviewed(tmp_path, en("Relocation Services Agreement", clauses))
    assert {SENS, XB} <= on(findings, "accompanying children")
    assert {SENS, XB} <= on(findings, "employees' kids")


def test_a_childs_nickname_or_birth_date_is_sensitive_zh(tmp_path: Path) -> None:
    clauses = [
        "1. 甲方应将会员姓名、宝宝昵称及宝宝出生日期同步至乙方平台。",
        "2. 甲方每月向乙方提供会员孩子的月龄及联系电话。",
    ]
    findings = reviewed(tmp_path, zh("会员数据共享协议", clauses))
    assert SENS in on(findings, "宝宝昵称")
    assert SENS in on(findings, "孩子的月龄")


def test_examinees_records_pulled_through_an_account_from_abroad(tmp_path: Path) -> None:
    clauses = [
        "1. 乙方醫生可使用甲方開設之帳號登入甲方系統，調閱受檢者之歷次影像及報告。",
        "2. 乙方可透過甲方提供之平台登入後查看受檢人的檢查結果。",
    ]
    findings = reviewed(
        tmp_path, zh("遠程影像診斷服務協議", clauses, abroad="於香港註冊成立，營業地址香港九龍")
    )
    assert XB in on(findings, "受檢者之歷次影像")
    assert XB in on(findings, "受檢人的檢查結果")


def test_people_modelled_by_a_vendor_abroad(tmp_path: Path) -> None:
    clauses = [
        "1. 乙方可授权其在悉尼的分析服务商登录平台，对中国区会员开展消费行为建模。",
        "2. 乙方在东京的团队可针对甲方客户进行画像分析。",
    ]
    findings = reviewed(tmp_path, zh("营销合作协议", clauses))
    assert XB in on(findings, "悉尼")
    assert XB in on(findings, "画像分析")


def test_diligence_disclosures_in_a_share_deal_keep_their_severity(tmp_path: Path) -> None:
    lines = [
        "股权转让协议",
        "转让方：深圳某某控股有限公司",
        "受让方：某某物业（香港）有限公司，於香港註冊成立",
        "鉴于转让方持有目标公司全部股权，受让方拟收购该股权。",
        "1. 转让方应促使目标公司将业主名册上传至受让方的尽职调查资料库。",
        "2. 完成后，目标公司应将住户的姓名及手机号码迁移至受让方集团的社区平台。",
        "3. 股权转让完成后，目标公司的客户资料仍由目标公司保存。",
        "转让方（盖章）：　　受让方（签署）：",
    ]
    findings = reviewed(tmp_path, lines)
    assert PIT in on(findings, "业主名册")
    assert PIT in on(findings, "受让方集团")
    assert PIT not in on(findings, "仍由目标公司保存")


def test_people_handing_in_their_own_records_or_records_with_no_one_in_them_stay_quiet(
    tmp_path: Path,
) -> None:
    en_clauses = [
        "1. The Company shall not pass to the Provider the employees' medical history unless the employee "
        "submits it directly.",
        "2. The Company shall not send the Provider any patient's test results unless the patient sends them "
        "himself.",
    ]
    findings = reviewed(tmp_path, en("Relocation Services Agreement", en_clauses))
    assert XB not in on(findings, "submits it directly")
    assert XB not in on(findings, "sends them")
    zh_clauses = [
        "1. 甲方同时交付设备的说明书及维修记录，上述资料不含受检者信息。",
        "2. 乙方交付的保养台账不包含患者的资料。",
    ]
    findings = reviewed(tmp_path, zh("设备买卖合同", zh_clauses))
    assert PIT not in on(findings, "不含受检者信息")
    assert PIT not in on(findings, "不包含患者的资料")


def test_what_a_data_room_heading_lists_is_disclosed(tmp_path: Path) -> None:
    lines = [
        "尽职调查数据室使用协议",
        "甲方：杭州某某医疗投资有限公司，住所地杭州市",
        "乙方：Kestrel Partners Pte. Ltd.，一家依新加坡法律设立的公司",
        "第一条　数据室",
        "1.1 甲方应提供目标公司近两年的客户投诉清单，载明客户姓名、联系电话及投诉内容。",
        "1.2 甲方另需提交门店会员名单，列明会员的手机号码及储值余额。",
        "甲方（盖章）：　　乙方（签署）：",
    ]
    findings = reviewed(tmp_path, lines)
    assert PIT in on(findings, "客户投诉清单")
    assert PIT in on(findings, "门店会员名单")

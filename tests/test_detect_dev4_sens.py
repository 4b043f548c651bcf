"""Sensitive personal information, round 4: the kinds, people, verbs and scopes real agreements use.

Every sentence here is written for the test, modelled on the kinds of clause the dev4 agreements and the
reading log (tests/eval/real-dev/READING-dev4-sens.md) showed we missed: a loan broker pushing applicants'
face-match results to a lender's risk system, a confinement centre uploading discharge summaries, a
Traditional-script clinic syncing 看診紀錄, a definition closed by 係指 or written without quotes, an annex of
patients with their histories, children named by an age range; and the look-alikes that must stay quiet
(the party's own bank account, stock of medical devices, a prohibition, a processor, one's own report).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from draft_agreement.reviewing.engine import Engine
from draft_agreement.reviewing.findings import Finding
from draft_agreement.reviewing.normalize import normalize
from draft_agreement.reviewing.run import review
from tests.test_deal import agreement
from tests.test_detect_generalise import ACTIONABLE, reviewed

CLAUSES = Path(__file__).resolve().parents[1] / "clauses"
SENSITIVE = "sensitive-personal-info"


def sensitive_on(findings: list[Finding], fragment: str) -> bool:
    return any(
        f.category == SENSITIVE and f.paragraph_text and fragment in f.paragraph_text for f in findings
    )


def zh_deal(clauses: list[str], giving: str = "甲方", receiving: str = "乙方") -> list[str]:
    return [
        "合作协议",
        f"{giving}：杭州某某健康管理有限公司",
        f"{receiving}：杭州某某科技有限公司",
        *clauses,
        f"{giving}（盖章）：",
        f"{receiving}（盖章）：",
    ]


def en_deal(clauses: list[str]) -> list[str]:
    return [
        "Asset Purchase Agreement",
        "This Agreement is made between Harbor Clinic LLC (the “Seller”) and Bayview Health Inc. (the “Buyer”).",
        *clauses,
        "SELLER: ________    BUYER: ________",
    ]


# --- every line of the sensitive vocabulary packs makes a sensitive finding through its example ---------------


def _lines(language: str) -> list[tuple[str, str, str, str, str]]:
    data = yaml.safe_load((CLAUSES / language / "sensitive-vocabulary.yaml").read_text(encoding="utf-8"))
    out = []
    for section in ("terms", "extend_terms"):
        for group, items in (data.get(section) or {}).items():
            for item in items:
                if isinstance(item, dict) and "example" in item:
                    kind = "term" if "term" in item else "re"
                    out.append((language, group, kind, item[kind], item["example"]))
    return out


LINES = _lines("zh") + _lines("en")


def test_both_packs_have_example_lines() -> None:
    groups = {(language, group) for language, group, *_ in LINES}
    for language in ("zh", "en"):
        for group in ("sensitive", "sensitive_person", "sensitive_move"):
            assert (language, group) in groups


@pytest.mark.parametrize(("language", "group", "kind", "term", "example"), LINES)
def test_each_line_makes_a_sensitive_finding(
    language: str, group: str, kind: str, term: str, example: str
) -> None:
    hits = [
        hit
        for hit in Engine.from_packs([], language).scan(example)
        if hit.rule.category == SENSITIVE and hit.rule.severity in ACTIONABLE
    ]
    assert hits, example
    if kind == "term":
        # Terms are written in the normal form (Simplified, half-width); Traditional examples fold onto it
        # character for character, so the positions agree.
        folded = normalize(example).text
        assert len(folded) == len(example), example
        spots = [m.span() for m in re.finditer(re.escape(term), folded)]
        assert spots, (term, example)
        assert any(hit.start <= s and e <= hit.end for hit in hits for s, e in spots), (term, example)


# --- misses fixed ---------------------------------------------------------------------------------------------

ZH_FOUND = [
    # a loan broker's applicants, pushed into the lender's risk system
    "第二条 出让方应将借款申请人的人脸识别比对结果及借记卡卡号推送至受让方的风控系统。",
    # reported monthly to the other side
    "第三条 转让方应于每月末向受让方报送借款人的还款明细及逾期天数。",
    # postnatal records scanned and uploaded
    "第四条 甲方应将产妇的产检记录和出院小结扫描后上传至乙方的企业网盘。",
    # dental images synchronised into the buyer's system
    "第五条 对于正在矫治的患者，甲方应将其口扫数据及头颅侧位片同步至乙方的诊所系统。",
    # a counselling practice's notes
    "第六条 甲方应将来访者的心理量表测试结果及危机干预记录交给乙方。",
    # children named by an age range that ends below 14
    "第七条 甲方将六至十二周岁学员的名册交给乙方。",
    "第八条 甲方将学员中未满十四岁学生的名单交给乙方。",
    # an annex of patients with their histories
    "第九条 正在治疗的患者名单及其既往病史详见附件二。",
    # financial standing and whereabouts
    "第十条 甲方将借款人的公积金缴存记录、支付宝账户信息及手机定位提供给乙方。",
    # records that are someone else's by nature, with no holder named
    "第十一条 甲方应于交接日将诊所的全部病历及X光片移交乙方。",
    "第十二条 甲方将门禁系统中的人脸底库一并移交乙方。",
    # the law's own words, and primary-school years
    "第十三条 甲方将会员信息（包括敏感个人信息）提供给乙方。",
    "第十四条 甲方将一至三年级学员的名册交给乙方。",
]


@pytest.mark.parametrize("clause", ZH_FOUND)
def test_zh_sensitive_kinds_people_and_verbs_are_found(tmp_path: Path, clause: str) -> None:
    giving = next((label for label in ("出让方", "转让方") if label in clause), "甲方")
    receiving = "乙方" if giving == "甲方" else "受让方"
    assert sensitive_on(reviewed(tmp_path, zh_deal([clause], giving, receiving)), clause)


def test_traditional_records_written_with_ji_lu_are_found(tmp_path: Path) -> None:
    clause = "第四條 讓與人應將預約系統內病患之看診紀錄及用藥紀錄同步予受讓人。"
    lines = [
        "門診讓與契約書",
        "讓與人：臺北某某牙醫診所",
        "受讓人：某某醫療管理股份有限公司",
        clause,
        "讓與人：",
        "受讓人：",
    ]
    assert sensitive_on(reviewed(tmp_path, lines), clause)


def test_a_definition_closed_by_xi_zhi_makes_the_later_hand_over_sensitive(tmp_path: Path) -> None:
    definition = "第二條 本協議所稱「個案資料」，係指轉讓方保存之來訪者基本資料、心理量表測試結果及諮詢紀要。"
    handover = "第三條 轉讓方應於交割日將個案資料之電子版遷移至受讓方之雲端系統。"
    findings = reviewed(tmp_path, zh_deal([definition, handover], "轉讓方", "受讓方"))
    assert sensitive_on(findings, definition)
    assert sensitive_on(findings, handover)


def test_a_quoted_definition_without_a_holder_makes_the_later_hand_over_sensitive(tmp_path: Path) -> None:
    definition = "第二条 “标的资料”系指甲方经营期间形成的全部资料，含既往病史、过敏史及联系方式。"
    handover = "第四条 甲方应于交割日将标的资料移交乙方。"
    findings = reviewed(tmp_path, zh_deal([definition, handover]))
    assert sensitive_on(findings, definition)
    assert sensitive_on(findings, handover)


def test_a_listed_asset_that_is_someone_elses_records_is_sensitive(tmp_path: Path) -> None:
    item = "（二）诊所的纸质病历及X光片；"
    lines = zh_deal(
        ["第一条 转让方向受让方转让以下资产：", "（一）牙科综合治疗台及消毒设备；", item], "转让方", "受让方"
    )
    findings = reviewed(tmp_path, lines)
    assert sensitive_on(findings, item)
    assert not sensitive_on(findings, "（一）牙科综合治疗台及消毒设备；")


def test_an_nda_definition_of_confidential_information_stays_quiet(tmp_path: Path) -> None:
    clause = "第一条 “保密信息”系指一方披露的商业信息，包括客户的病历资料。"
    assert not sensitive_on(reviewed(tmp_path, zh_deal([clause])), clause)


def test_an_unquoted_record_described_earlier_makes_the_later_hand_over_sensitive(tmp_path: Path) -> None:
    description = "1.2 乙方承接甲方全部宝妈客户；入住档案包括宝妈姓名、孕周、分娩方式及新生儿黄疸记录。"
    handover = "3.1 甲方应于交接日将客户入住档案的纸质原件交付乙方。"
    findings = reviewed(tmp_path, zh_deal([description, "第三条 交接", handover]))
    assert sensitive_on(findings, handover)


EN_FOUND = [
    "1. At Closing the Seller shall deliver to the Buyer the PHI of its patients, including discharge summaries and MRI scans.",
    "2. The Seller shall make the patients' health records available to the Buyer at Closing.",
    "3. Schedule 2 lists the patients with treatment plans in progress, whom the Buyer shall contact.",
    "4. The Seller shall transfer to the Buyer the names and birthdates of the children enrolled, who are between 3 and 5 years old.",
    "5. Each week the Seller shall share with the Buyer a CSV export listing the campers, all aged 7 to 12, with their schools.",
    "6. The Seller shall sync to the Buyer's CRM the residents' care plans and medication lists.",
    "7. The Seller shall provide the Buyer with the students' learning support plans and special needs assessments.",
    "8. At Closing the Seller shall deliver all medical records and x-rays of the Practice to the Buyer.",
    "9. The Seller shall share with the Buyer the users' personal data, including special category data.",
    "10. The Seller shall share with the Buyer the reading records of the elementary school students enrolled.",
]


@pytest.mark.parametrize("clause", EN_FOUND)
def test_en_sensitive_kinds_people_and_verbs_are_found(tmp_path: Path, clause: str) -> None:
    assert sensitive_on(reviewed(tmp_path, en_deal([clause])), clause)


# --- look-alikes that stay quiet ------------------------------------------------------------------------------

ZH_QUIET = [
    "第一条 乙方应将转让款支付至甲方的银行账户。",
    "第二条 乙方应将贷款资金直接划入借款人本人名下的银行账户。",
    "第三条 甲方将店内的医疗器械、保健品库存交给乙方。",
    "第四条 甲方不得向乙方提供患者的病历、检查单及用药记录。",
    "第五条 乙方作为受托方，应按照甲方的指示存储患者的CT影像及诊断报告。",
    "第六条 甲方将其本人的体检报告交给乙方。",
    "第七条 甲方将车主名单所对应车辆的GPS设备交给乙方。",
    "第八条 设备清单及口腔CT机的型号详见附件一。",
    "第九条 乙方承接药店后，应按规定继续保管处方。",
    "第十条 甲方将店内处方药、非处方药及保健品库存移交乙方。",
    "第十一条 甲方应向乙方提供近三年的产品检验报告及消防检查报告。",
    "第十二条 甲方将门店的宣传影像资料及客户咨询记录交给乙方。",
    "第十三条 甲方将宠物病历系统中的全部宠物病历随医院一并移交乙方。",
    "鉴于甲方经营面向四至十二周岁儿童的美术培训中心，拟将该中心转让给乙方。",
    # devices, not data
    "第十四条 甲方将车辆GPS定位器及车主名单交付乙方。",
    "第十五条 甲方将小区人脸识别门禁设备及住户名单交给乙方。",
    "第十六条 会所全部房间设施、婴儿游泳池及库存母婴用品交付乙方。",
]


@pytest.mark.parametrize("clause", ZH_QUIET)
def test_zh_look_alikes_stay_quiet(tmp_path: Path, clause: str) -> None:
    assert not sensitive_on(reviewed(tmp_path, zh_deal([clause])), clause)


EN_QUIET = [
    "1. The Seller shall deliver to the Buyer the customers' order histories between 3 and 5 business days after Closing.",
    "2. The Seller shall deliver to the Buyer all medications and other pharmacy inventory held for customers.",
    "3. The Processor processes the patients' diagnoses only on the documented instructions of the Covered Entity.",
    "4. The Buyer shall pay the Purchase Price by wire transfer into the Seller's bank account.",
    "5. Schedule 2 lists the dental chairs, x-ray machines and other equipment.",
    "6. The Seller shall keep the patients' x-rays at its own office as required by law.",
    "7. The Seller shall not transfer any patient's prescriptions to the Buyer.",
    "8. The Seller shall deliver to the Buyer the lab results for the soil samples taken at the premises.",
    "9. The Seller shall deliver to the Buyer the veterinary medical records of the animals boarded at the kennel.",
    "10. The Buyer shall not request any sensitive personal information of the users from the Seller.",
    "WHEREAS the Seller operates a learning centre for children aged 4 to 12 and wishes to sell the Business to the Buyer.",
]


@pytest.mark.parametrize("clause", EN_QUIET)
def test_en_look_alikes_stay_quiet(tmp_path: Path, clause: str) -> None:
    assert not sensitive_on(reviewed(tmp_path, en_deal([clause])), clause)


# --- tables: a list of people with sensitive columns ----------------------------------------------------------


def _sensitive_tables(tmp_path: Path, rows: list[list[str]], lines: list[str]) -> bool:
    path = agreement(tmp_path / "t.docx", [*lines[:-1], rows, lines[-1]])
    return any(
        f.category == SENSITIVE and f.severity in ACTIONABLE and f.rule.startswith("detect.")
        for f in review(path).findings
    )


ZH_TABLE_LINES = [
    "患者资料移交协议",
    "甲方：某某诊所",
    "乙方：某某医疗管理有限公司",
    "附件二 患者名单",
    "甲方（盖章）：",
]
EN_TABLE_LINES = [
    "Asset Purchase Agreement",
    "This Agreement is made between Alpha Pharmacy LLC (the “Seller”) and Beta Drug Inc. (the “Buyer”).",
    "Schedule 1 – Patient list",
    "SELLER: ________",
]


@pytest.mark.parametrize(
    ("lines", "rows"),
    [
        (
            ZH_TABLE_LINES,
            [
                ["姓名", "手机", "主诉症状", "处方药物"],
                ["张某", "138****1111", "头痛", "布洛芬"],
                ["李某", "139****2222", "失眠", "艾司唑仑"],
            ],
        ),
        (
            EN_TABLE_LINES,
            [
                ["Patient", "Phone", "Current medications"],
                ["Jane Roe", "(212) 555-0101", "Metformin"],
                ["John Doe", "(212) 555-0102", "Lisinopril"],
            ],
        ),
        (
            EN_TABLE_LINES,
            [
                ["Member", "Email", "SSN"],
                ["Ann Lee", "ann@example.com", "***-**-1234"],
                ["Bo Chan", "bo@example.com", "***-**-9876"],
            ],
        ),
    ],
)
def test_a_list_with_symptom_prescription_medication_or_ssn_columns_is_sensitive(
    tmp_path: Path, lines: list[str], rows: list[list[str]]
) -> None:
    assert _sensitive_tables(tmp_path, rows, lines)


def test_a_list_of_people_with_ordinary_columns_is_not_sensitive(tmp_path: Path) -> None:
    rows = [["姓名", "手机", "消费金额"], ["张某", "138****1111", "1200"], ["李某", "139****2222", "800"]]
    assert not _sensitive_tables(tmp_path, rows, ZH_TABLE_LINES)

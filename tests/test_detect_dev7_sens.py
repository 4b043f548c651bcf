"""Sensitive personal information beyond the phrasings the rules were written from (dev7, tag sens).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev7 sens files: a hand-over whose only words for what moves are the sensitive ones (pick-up faces, staff
fingerprints, a term defined as holding payroll and union data), union check-off lists, examinations done
for insurers handed over with no recipient named, weight curves and cycle logs synced to the buyer; and the
look-alikes that must stay quiet (如 meaning "if", a guardian's separate consent, people exporting their own
records, devices wiped, charts left out and shredded, the author of the notes reading them for a defence,
consent to the transfer named as a noun, counts with nobody in them).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方") -> list[str]:
    return [
        "转让协议",
        f"{giver}：宁波某某健康管理有限公司",
        f"{taker}：宁波某某医疗科技有限公司",
        *clauses,
    ]


def en(clauses: list[str], giver: str = "Seller", taker: str = "Buyer") -> list[str]:
    return [
        "Asset Purchase Agreement",
        f"This Agreement is made between Birchwood Care Ltd (the \u201c{giver}\u201d) and Oakfield Health Ltd "
        f"(the \u201c{taker}\u201d).",
        *clauses,
    ]


def test_a_sensitive_hand_over_is_also_a_personal_information_transfer_zh(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 幼儿园闸机中录入的家长人脸照片，随闸机设备一并交付乙方，乙方可直接启用。",
                "2. 甲方应向乙方提供拟留用保洁员的身份证复印件、健康证及工资卡号。",
                "3. 打卡机中保存的店员指纹，随打卡机移交乙方。",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "家长人脸照片")
    assert {PIT, SENS} <= on(findings, "保洁员的身份证复印件")
    assert {PIT, SENS} <= on(findings, "店员指纹")


def test_a_sensitive_hand_over_is_also_a_personal_information_transfer_en(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1.1 \u201cMember Health Files\u201d means, for each member, the member\u2019s name, blood pressure "
                "readings and medical history forms.",
                "2.1 At Completion the Seller shall deliver the Member Health Files to the Buyer.",
                "2.2 The Seller shall copy the campers\u2019 immunisation records to the Buyer\u2019s cloud account.",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "deliver the Member Health Files")
    assert {PIT, SENS} <= on(findings, "immunisation records")


def test_union_check_off_lists_are_sensitive(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "3. The Seller shall send the Buyer a schedule of the staff whose union dues are deducted at "
                "source, by branch, for the next payroll run.",
                "4. The Seller shall email the Buyer each client\u2019s list of employees paying through check-off.",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "union dues")
    assert SENS in on(findings, "through check-off")


def test_examinations_for_insurers_handed_over_without_a_recipient(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "5. The pre-employment medical examination reports kept for the Seller\u2019s corporate clients, "
                "with the candidates\u2019 urine test results, shall also be delivered at Completion.",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "pre-employment medical examination reports")


def test_weight_curves_and_cycle_logs_synced_to_the_buyer(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["三、学员在甲方APP中记录的体重变化及经期日期，甲方应通过接口同步至乙方平台。"]),
    )
    assert {PIT, SENS} <= on(findings, "体重变化")


def test_if_is_not_such_as(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "四、就诊者如在交接前提出申请，甲方应将其检查报告复印件交给就诊者本人。",
                "五、甲方如需应对医疗投诉，乙方应允许甲方查看其经手患者的病历原件。",
            ]
        ),
    )
    assert not on(findings, "如在交接前提出申请") & {PIT, SENS}
    assert not on(findings, "如需应对医疗投诉") & {PIT, SENS}


def test_a_guardians_separate_consent_conditions_the_move(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["六、不满十四周岁学员的档案，须经其法定代理人另行书面同意后方可移交乙方，未同意的由甲方封存。"]),
    )
    assert not on(findings, "法定代理人") & {PIT, SENS}


def test_people_exporting_their_own_records_stay_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["七、用户可在停服前自行下载本人的体重记录和体检报告。"]),
    )
    assert not on(findings, "自行下载本人") & {PIT, SENS}


def test_wiped_devices_shredded_charts_and_a_defence_stay_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "6. The fingerprint readers are sold after a factory reset and no employee templates remain on them.",
                "7. Patient charts older than eight years are excluded; the Seller shall have them shredded and give "
                "the Buyer the destruction certificate.",
                "8. The Buyer shall let the Seller read the charts of patients the Seller treated where the Seller "
                "needs them to defend a negligence claim.",
            ]
        ),
    )
    assert not on(findings, "factory reset") & {PIT, SENS}
    assert not on(findings, "older than eight years") & {PIT, SENS}
    assert not on(findings, "negligence claim") & {PIT, SENS}


def test_consent_to_the_transfer_is_a_noun_and_counts_name_nobody(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "9. Where a member has not given written consent to the transfer, the Seller shall not migrate that "
                "member\u2019s face templates and shall delete them.",
                "10. The Seller may give the Buyer de-identified counts of members by blood pressure band.",
            ]
        ),
    )
    assert not on(findings, "consent to the transfer") & {PIT, SENS}
    assert not on(findings, "de-identified counts") & {PIT, SENS}


def test_statistics_and_the_partys_own_certificate_stay_quiet_zh(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "八、甲方可向乙方提供近一年的体检人次及异常检出率汇总数据，不含任何个人身份信息。",
                "九、甲方负责人应向乙方出示其本人的健康证明。",
            ]
        ),
    )
    assert not on(findings, "体检人次") & {PIT, SENS}
    assert not on(findings, "其本人的健康证明") & {PIT, SENS}


def test_a_hong_kong_style_definition_carries_into_the_transfer(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1.1 「病人檔案」指診所保存之病人姓名、覆診紀錄及化驗報告。",
                "2.1 甲方同意將診所業務連同病人檔案轉讓予乙方。",
            ],
        ),
    )
    assert SENS in on(findings, "「病人檔案」指")
    assert {PIT, SENS} <= on(findings, "連同病人檔案轉讓予乙方")


def test_church_rolls_treatment_programmes_and_childrens_files_move_as_personal_information(
    tmp_path: Path,
) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "11. The Seller shall hand the Buyer the parish register showing each family\u2019s baptism records.",
                "12. The Seller shall give the Buyer the names of the clients in its dialysis programme.",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "baptism records")
    assert {PIT, SENS} <= on(findings, "dialysis programme")
    zh_findings = reviewed(
        tmp_path,
        zh(
            [
                "十、甲方应将教会会友的联系方式及受洗时间整理后交给乙方。",
                "十一、甲方应将托班孩子的照片及家长手机号码一并移交乙方。",
            ]
        ),
        name="b.docx",
    )
    assert {PIT, SENS} <= on(zh_findings, "受洗时间")
    assert {PIT, SENS} <= on(zh_findings, "托班孩子的照片")


def test_a_count_by_programme_names_nobody(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "13. The Seller shall give the Buyer a report of the number of clients in each treatment programme, without names."
            ]
        ),
    )
    assert not on(findings, "without names") & {PIT, SENS}

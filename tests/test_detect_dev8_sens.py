"""Sensitive personal information in trades the earlier rounds had not met (dev8, tag sens).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev8 sens files: game players and their guardians, Taiwan counselling clients (個案) and their session notes,
a care home's passbooks kept for residents, borrowers' details passed on to a collector, rental cars' GPS
tracks, silence taken as consent, fertility logs and donors' evaluations, baptism dates, illnesses noted by a
visitor, regular givers' bank details, staff immunization certificates; and the look-alikes that must stay
quiet (a client refusing the hand-over, a recital counting pupils, reports with no names in them, P2P lending
words, a broker's service rights, a consent-scoped provision, the author of charts answering an inquiry,
records expressly kept from the buyer, a headcount warranty).
"""

from __future__ import annotations

from pathlib import Path

from draft_agreement.reviewing.engine import Engine
from tests.test_detect_generalise import ACTIONABLE, on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
ACCOUNT = "account-transfer"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方") -> list[str]:
    return [
        "转让协议",
        f"{giver}：苏州某某文化发展有限公司",
        f"{taker}：苏州某某科技服务有限公司",
        *clauses,
    ]


def en(clauses: list[str], giver: str = "Seller", taker: str = "Buyer") -> list[str]:
    return [
        "Asset Purchase Agreement",
        f"This Agreement is made between Larkspur Services Ltd (the \u201c{giver}\u201d) and Meadowgate Holdings "
        f"Ltd (the \u201c{taker}\u201d).",
        *clauses,
    ]


def test_players_and_guardians_are_people_whose_data_moves(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["1. 甲方应将注册时登记为十二岁以下的玩家的充值记录及其监护人的身份证号码导入乙方系统。"]),
    )
    assert {PIT, SENS} <= on(findings, "充值记录")


def test_counselling_clients_session_notes(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 甲方應將在案個案之晤談紀錄及自殺風險評估交予乙方。",
                "2. 個案表示不同意其資料交付乙方者，甲方應自行保存其紀錄。",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "晤談紀錄")
    assert not {PIT, SENS} & on(findings, "不同意其資料")


def test_passbooks_kept_for_residents_handed_to_the_new_operator(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh(["1. 入住老人的社保卡由院方代为保管的，甲方应将社保卡及存折移交乙方。"]))
    assert {PIT, SENS} <= on(findings, "社保卡")


def test_borrowers_details_passed_on_to_a_collector(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "1. 甲方将其存量借款债权转让给乙方。",
                "2. 乙方得委托持牌的清收服务机构，并得将借款人的联系方式及绑定银行卡号提供给该机构。",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "清收服务机构")


def test_vehicle_tracks_handed_over_with_the_cars(tmp_path: Path) -> None:
    findings = reviewed(tmp_path, zh(["1. 车载终端记录的历史行驶轨迹随车辆一并移交乙方。"]))
    assert {PIT, SENS} <= on(findings, "行驶轨迹")


def test_silence_after_a_notice_is_no_consent(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["1. 会员在通知发出后十五日内未申请退卡的，视为同意其个人信息由乙方继续使用。"]),
    )
    assert PIT in on(findings, "未申请退卡")


def test_zh_look_alikes_stay_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [
                "鉴于甲方经营少儿游泳培训，现有学员二百余名，乙方拟受让该业务。",
                "1. 甲方可向乙方提供按门店汇总的统计报表，报表不载有任何会员姓名或手机号码。",
                "2. 出借人的银行卡号及出借明细由甲方继续保管。",
                "3. 甲方将其现有客户保单之服务权转让予乙方。",
                "4. 甲方仅按家长勾选的范围，向乙方提供学员的体检表。",
            ]
        ),
    )
    assert not {PIT, SENS} & on(findings, "少儿游泳")
    assert not {PIT, SENS} & on(findings, "统计报表")
    assert ACCOUNT not in on(findings, "出借明细")
    assert PIT not in on(findings, "服务权")
    assert not {PIT, SENS} & on(findings, "勾选的范围")


def test_fertility_records_and_donor_evaluations(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. At Closing the Seller shall deliver to the Buyer the embryo storage records and cycle histories "
                "of the intended parents.",
                "2. The Seller shall hand over the egg donors' psychological evaluations and family medical "
                "histories to the Buyer.",
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "cycle histories")
    assert {PIT, SENS} <= on(findings, "psychological evaluations")


def test_church_and_charity_records(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Seller shall transfer to the Buyer the parish list giving each member's date of baptism.",
                "2. The visiting log recording the residents' illnesses and hospital stays shall be given to the "
                "Buyer.",
                "3. The Seller shall transfer to the Buyer the standing order details of its regular givers, with "
                "their sort codes.",
            ]
        ),
    )
    assert SENS in on(findings, "date of baptism")
    assert {PIT, SENS} <= on(findings, "hospital stays")
    assert {PIT, SENS} <= on(findings, "regular givers")


def test_staff_immunization_certificates(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Seller shall give the Buyer the immunization certificates of the nurses who accept employment."
            ]
        ),
    )
    assert {PIT, SENS} <= on(findings, "immunization certificates")


def test_en_look_alikes_stay_quiet_even_among_the_assets_sold() -> None:
    """Read as items of the deal's subject (as in an asset list), these still move nothing."""
    engine = Engine.from_packs([], "en")
    quiet = [
        "The Buyer shall let the retiring dentist read the charts of patients he treated to respond to a licensing "
        "board investigation.",
        "Charts of patients who asked for them to go to another practice shall not be delivered to the Buyer.",
        "The Seller may give the Buyer's bank monthly sales reports by category, showing no patient names, birth "
        "dates or prescription numbers.",
    ]
    for clause in quiet:
        hits = [h for h in engine.scan(clause, subject=True) if h.rule.severity in ACTIONABLE]
        assert not [h for h in hits if h.rule.category in (PIT, SENS)], (clause, [h.rule.id for h in hits])


def test_a_headcount_warranty_says_how_many_not_what_the_files_hold(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(["1. The Seller warrants that the Prescription Files contain at least 1,500 active patients."]),
    )
    assert SENS not in on(findings, "at least 1,500")


def test_an_identity_document_named_by_its_issuer_places_nothing_abroad(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh(["1. 甲方应于交割日将会员登记表及会员的香港身份证复印件交付乙方。"]),
    )
    assert PIT in on(findings, "会员登记表")
    assert "cross-border-transfer" not in on(findings, "会员登记表")


def test_such_data_points_back_to_a_clause_naming_a_term_defined_as_sensitive(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1.1 \u201cMember Data\u201d means each member\u2019s name, card number and the palm-vein templates "
                "enrolled at the turnstiles.",
                "2.1 The Seller shall assign to the Buyer the gym leases and the Member Data.",
                "2.2 On the Cut-over Date the Seller shall export such data to the Buyer\u2019s servers.",
            ]
        ),
    )
    assert SENS in on(findings, "export such data")


def test_a_receivables_file_listing_guarantors_with_treatment_codes(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        en(
            [
                "1. The Seller sells to the Buyer the unpaid clinic accounts described in the Account File.",
                "2. The Account File is a workbook listing each guarantor\u2019s name and telephone "
                "number and the ICD-10 codes of the visit.",
                "3. The Guarantor named in Schedule 4 shall deliver to the Buyer its own audited accounts.",
            ]
        ),
    )
    assert SENS in on(findings, "ICD-10 codes")
    assert not {PIT, SENS} & on(findings, "its own audited accounts")


def test_a_companys_own_passbook_is_no_ones_sensitive_data(tmp_path: Path) -> None:
    """The target company's seals and 存折 handed over with a business are no person's; a resident's
    passbook handed over with a care home is."""
    company = reviewed(
        tmp_path,
        [
            "股权转让协议",
            "转让方（甲方）：周某某",
            "受让方（乙方）：苏州某某食品有限公司",
            "1. 甲方将其持有的目标公司百分之百股权转让给乙方。",
            "2. 变更登记完成当日，甲方应将目标公司大小章、银行存折、网银证书及会员系统管理员账号密码"
            "交由乙方指派的新任董事保管。",
        ],
        "company.docx",
    )
    assert SENS not in on(company, "银行存折")
    residents = reviewed(
        tmp_path,
        zh(["1. 甲方应将住户的存折及社保卡原件移交乙方。"]),
        "residents.docx",
    )
    assert SENS in on(residents, "住户的存折")

"""Records named in one clause and handed over by reference in another (dev11, tag refzh).

Each case is written for the test in its own words, modelled on a kind of miss met in the dev11 refzh files:
a later clause that points back with a qualified kind of record (上述贷款档案, 前条所列康复档案, 附件一所列
培训档案) rather than the bare 上述档案; policyholders (保户) as holders; hearing tests, health declarations and
claims files as health data; and the look-alike that must stay quiet, a pointer back to a list of equipment
or stock with nobody in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_detect_generalise import on, reviewed

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方") -> list[str]:
    return [
        "转让协议",
        f"{giver}：杭州某某健康管理有限公司",
        f"{taker}：杭州某某医疗科技有限公司",
        *clauses,
    ]


@pytest.mark.parametrize(
    ("clauses", "giver", "taker", "fragment"),
    [
        (
            [
                "1.1 康复档案包括患者姓名、手机号码及康复治疗记录。",
                "2.1 交割日，甲方须将前条所列康复档案全部交给乙方。",
            ],
            "甲方",
            "乙方",
            "前条所列康复档案",
        ),
        (
            [
                "一、培训中心保存的体测档案，载明学员姓名、家长电话及体检记录。",
                "三、受让方接收附件一所列体测档案前，出让方应将其整理成册，交接日由出让方交付受让方。",
            ],
            "出让方",
            "受让方",
            "附件一所列体测档案",
        ),
    ],
)
def test_a_pointer_to_the_clause_or_annex_carries_what_the_records_hold(
    tmp_path: Path, clauses: list[str], giver: str, taker: str, fragment: str
) -> None:
    findings = reviewed(tmp_path, zh(clauses, giver, taker))
    assert {PIT, SENS} <= on(findings, fragment)


@pytest.mark.parametrize(
    "clauses",
    [
        ["1. 贷款档案包括借款人姓名、手机号码及工作单位。", "2. 甲方应于付款后将上述贷款档案移交乙方。"],
        [
            "第一条 续保台账记载车主的姓名、电话及车牌号。",
            "第二条 乙方付清价款后，甲方把该等续保台账一次性交给乙方。",
        ],
    ],
)
def test_a_bare_pointer_with_what_the_records_are_about_is_resolved(
    tmp_path: Path, clauses: list[str]
) -> None:
    findings = reviewed(tmp_path, zh(clauses))
    assert PIT in on(findings, clauses[1][4:12])


@pytest.mark.parametrize(
    "clauses",
    [
        [
            "1. 设备清单包括牙椅、消毒柜及空压机的型号和数量。",
            "2. 甲方应于交接日将上述设备清单及所列设备交付乙方。",
        ],
        [
            "第一条 库存明细载明各类护肤品的品名、规格及进货价。",
            "第二条 乙方验收后，甲方将附件一所列库存明细及对应货品一并移交乙方。",
        ],
    ],
)
def test_a_pointer_back_to_records_with_nobody_in_them_stays_quiet(
    tmp_path: Path, clauses: list[str]
) -> None:
    findings = reviewed(tmp_path, zh(clauses))
    assert PIT not in on(findings, clauses[1][4:12])
    assert SENS not in on(findings, clauses[1][4:12])


@pytest.mark.parametrize(
    "clause",
    [
        "甲方应于移交日将保户的联系电话及住址交给乙方。",
        "原代理人名下保户的通讯录，由甲方于交割日一并移交乙方。",
    ],
)
def test_policyholders_are_holders(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert PIT in on(findings, clause[:8])


@pytest.mark.parametrize(
    "clause",
    [
        "转让方应将顾客的听力图及耳道取模记录交付受让方。",
        "乙方付款后，甲方应向乙方提供被保险人的健康告知书和理赔资料。",
    ],
)
def test_hearing_tests_health_declarations_and_claims_are_health_data(tmp_path: Path, clause: str) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [clause],
            "转让方" if clause.startswith("转让方") else "甲方",
            "受让方" if clause.startswith("转让方") else "乙方",
        ),
    )
    assert SENS in on(findings, clause[:8])


@pytest.mark.parametrize(
    "clause",
    [
        "1.3 出让方保存的顾客档案，包括顾客姓名、电话及病历资料，不属于本次转让标的。",
        "第二条 会员体检档案（含会员姓名、手机号及体检报告）不在本协议转让范围之内，由甲方自行保管。",
    ],
)
def test_records_described_only_to_be_left_out_stay_quiet(tmp_path: Path, clause: str) -> None:
    findings = reviewed(
        tmp_path,
        zh(
            [clause],
            "出让方" if clause.startswith("1.3") else "甲方",
            "受让方" if clause.startswith("1.3") else "乙方",
        ),
    )
    assert SENS not in on(findings, clause[:8])
    assert PIT not in on(findings, clause[:8])

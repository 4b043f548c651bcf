"""References back to records described clauses earlier (上述档案, "those files").

A clause that hands over "上述档案" moves whatever the clause that described the 档案 said they hold. The
agreements are written for these tests: a kindergarten, a physiotherapy practice, a shop's equipment.
"""

from __future__ import annotations

import re

from draft_agreement.deal.vocabulary import load_vocabulary
from draft_agreement.reviewing.engine import Engine
from draft_agreement.reviewing.normalize import normalize
from draft_agreement.reviewing.references import Antecedents
from tests.test_detect_generalise import on, reviewed, zh_deal

PERSONAL = {"personal-info-transfer", "sensitive-personal-info"}


def test_records_described_earlier_are_sensitive_when_handed_over_clauses_later(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "转让方",
            "受让方",
            [
                "转让范围：园内玩具、床具及厨房设备；在园幼儿的成长档案，含幼儿姓名、出生日期、过敏史及体检结果。",
                "转让价款为人民币二十万元。",
                "受让方自交接日起继续经营该园。",
                "转让方应于交接日将上述档案的原件移交受让方。",
            ],
        ),
    )
    assert on(findings, "上述档案的原件") >= PERSONAL


def test_the_same_in_traditional_chinese(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "讓與人",
            "受讓人",
            [
                "讓與範圍：診所設備，以及就診病患之病歷檔案，含姓名、聯絡電話與既往病史。",
                "價金為新臺幣一百萬元。",
                "讓與人應於交割日將上述檔案交付受讓人。",
            ],
        ),
    )
    assert "sensitive-personal-info" in on(findings, "上述檔案交付")


def test_a_reference_to_a_reference_carries_what_the_first_clause_held(tmp_path):
    findings = reviewed(
        tmp_path,
        [
            "Practice Sale Agreement",
            'This Agreement is made between Harbour Physio Ltd (the "Seller") and Cove Health Ltd (the "Buyer").',
            "1. The treatment files hold each patient's name, address, injury history and treatment notes.",
            "2. The Seller shall scan those files before Completion.",
            "3. At Completion the Seller shall deliver those files to the Buyer.",
        ],
    )
    assert on(findings, "deliver those files") >= PERSONAL


def test_a_reference_to_records_holding_nothing_personal_stays_quiet(tmp_path):
    findings = reviewed(
        tmp_path,
        [
            "Equipment Sale Agreement",
            'This Agreement is made between Alpha Ltd (the "Seller") and Beta Ltd (the "Buyer").',
            "1. The client files hold each client's name, address and medical history and stay with the Seller.",
            "2. The Seller shall sell the treadmills to the Buyer. The treadmill files hold the manuals and invoices.",
            "3. At Completion the Seller shall deliver those files to the Buyer.",
        ],
    )
    assert not on(findings, "deliver those files") & PERSONAL


def test_keeping_or_destroying_the_records_referred_to_moves_nothing(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "甲方将门店装修及设备转让给乙方。",
                "会员档案包括会员姓名、手机号码及皮肤检测记录，由甲方自行保管，不随门店转让。",
                "乙方对其知悉的上述档案负有保密义务。",
                "甲方应于本协议签订后三十日内销毁上述档案。",
            ],
        ),
    )
    assert not on(findings, "知悉的上述档案") & PERSONAL
    assert not on(findings, "销毁上述档案") & PERSONAL


def test_a_reference_resolves_to_the_latest_clause_naming_that_kind_of_record():
    engine = Engine.from_packs(language="zh")
    read = Antecedents(engine, load_vocabulary().reference)
    read.read(normalize("会员资料包括会员姓名、手机号码及既往病史。").text)
    read.read(normalize("设备资料包括设备型号、发票及保修卡。").text)
    assert not read.carried(normalize("甲方应将上述资料交付乙方。").text).personal
    read.read(normalize("会员档案包括会员姓名及过敏史。").text)
    carried = read.carried(normalize("甲方应将上述档案交付乙方。").text)
    assert carried.personal == carried.sensitive == ("上述档案",)


def test_references_are_data_with_the_kind_of_record_as_group_one():
    reference = load_vocabulary().reference
    assert reference is not None
    kinds = {
        next(g for g in m.groups() if g) for m in re.finditer(reference, "该等名册 and such patient records")
    }
    assert kinds == {"名册", "records"}

"""The sixth round's look-alikes and misses, in clauses written for these tests.

What a sale leaves out, a work SIM card handed back, the parties' own contact
points under the labels the agreement gives them, drivers' files, equipment delivered holding no records
and a guardian's separate written consent.
"""

from __future__ import annotations

from tests.test_detect_generalise import on, reviewed, zh_deal

PERSONAL = {"personal-info-transfer", "sensitive-personal-info"}


def test_an_account_the_sale_leaves_out_is_not_sold(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "出卖人",
            "买受人",
            [
                "出卖人将仓库内全部童装库存及货架出售给买受人。",
                "本次买卖的标的不包括出卖人的拼多多店铺及店铺账号，出卖人继续经营该店铺。",
                "出卖人的快手号不在本次转让范围之内。",
            ],
        ),
    )
    assert "account-transfer" not in on(findings, "不包括出卖人的拼多多店铺")
    assert "account-transfer" not in on(findings, "快手号不在")


def test_a_work_sim_card_handed_back_to_the_employer_is_no_transfer(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "公司",
            "员工",
            ["员工离职时应交回公司配发的手机卡，由公司办理过户至公司名下。"],
        ),
    )
    assert "account-transfer" not in on(findings, "交回公司配发的手机卡")


def test_the_parties_own_contacts_under_their_own_labels_are_theirs(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "出卖人",
            "买受人",
            [
                "出卖人将店内货架及库存出售给买受人，价款人民币五万元。",
                "出卖人收款账户为其本人账户，账号6222021234567890128。",
                "双方联系人：出卖人刘某，电话13912345678；买受人赵某，电话13812345678。",
            ],
        ),
    )
    assert "embedded-personal-data" not in on(findings, "收款账户")
    assert "embedded-personal-data" not in on(findings, "双方联系人")


def test_drivers_files_handed_over_with_the_fleet_are_personal_information(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "甲方将名下二十辆冷链货车转让给乙方。",
                "随车转入乙方的司机，甲方应将其司机档案及近半年的行驶轨迹记录移交乙方。",
            ],
        ),
    )
    assert on(findings, "司机档案") >= PERSONAL


def test_equipment_delivered_holding_no_records_moves_nothing(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            ["甲方将两台皮肤检测仪转让给乙方，设备交付前恢复出厂设置，不附带任何顾客检测记录。"],
        ),
    )
    assert not on(findings, "皮肤检测仪") & PERSONAL


def test_photos_given_only_after_a_guardians_separate_written_consent_stay_quiet(tmp_path):
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            ["学员活动照片，仅限家长另行签署书面同意书的，甲方方可提供给乙方用于招生宣传。"],
        ),
    )
    assert not on(findings, "活动照片") & PERSONAL

"""Chinese personal-information transfers, sensitive data and per-head prices beyond the phrasings the rules
were written from (dev5, tag zh).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev5 zh files: a care home changing operator (its residents and their families), a driving school or a
kindergarten whose trainees and children move with it, a clinic whose records are handed over without a
patient being named, a Taiwan agent disclosing its prospect lists, a count followed by a sum per head; and
the look-alikes that must stay quiet (a booking the person made, a box the person ticks, the person's own
request for its records, a party's own details, records given back or kept for those who refused, the
take-over as a topic, the kindergarten as an institution, 平台中 read as Taichung, a price measure).
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed, zh_deal

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"
PRICE = "pi-pricing"
PI = {PIT, SENS, PRICE}


def test_care_home_residents_and_their_families_are_holders(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "甲方应于交接日将入住长者的护理记录及用药记录点交乙方。",
                "甲方应把在院老人家属的联系方式整理成表，一并交给乙方。",
                "在住老人中属于低保对象的，甲方应将其低保证复印件交乙方备案。",
            ],
        ),
    )
    assert {PIT, SENS} <= on(findings, "护理记录及用药记录")
    assert PIT in on(findings, "老人家属的联系方式")
    assert {PIT, SENS} <= on(findings, "低保证复印件")


def test_those_still_being_served_move_with_the_business(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "尚未完成课程的在训学员，由乙方接续授课。",
                "甲方会员系统中的会员档案数据，由甲方申请整体迁移至乙方的商户号下。",
                "甲方应将在园幼儿的入园体检表及预防接种记录移交乙方保健室。",
            ],
        ),
    )
    assert PIT in on(findings, "在训学员")
    assert PIT in on(findings, "迁移至乙方")
    assert {PIT, SENS} <= on(findings, "入园体检表")


def test_a_clinics_records_are_patients_information_even_when_no_patient_is_named(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "诊所的门诊病历及住院病案，由甲方于交割日点交乙方保管。",
                "出讓方應以書面說明其醫療紀錄將移交乙方。",
                "甲方應將病人的覆診預約一併轉交乙方。",
            ],
        ),
    )
    assert {PIT, SENS} <= on(findings, "门诊病历")
    assert PIT in on(findings, "醫療紀錄將移交")
    assert {PIT, SENS} <= on(findings, "覆診預約")


def test_a_disclosure_in_full_and_lists_of_prospects_are_transfers(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "代理關係終止前，甲方應將經手之客戶聯絡資料一併揭露予乙方。",
                "甲方另应将其掌握的意向客户清单如实披露予乙方。",
                "甲方向乙方提供被保险人的代扣银行卡号，以便续期扣款。",
            ],
        ),
    )
    assert PIT in on(findings, "揭露予乙方")
    assert PIT in on(findings, "意向客户清单")
    assert SENS in on(findings, "代扣银行卡号")


def test_a_count_followed_by_a_sum_per_head_is_a_per_head_price(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "乙方按交割前一年内就诊之不重复患者数，每人给付甲方人民币一百元。",
                "乙方按甲方移交的有效保单件数，每件人民币八十元计付。",
                "乙方按交接时在住老人人数，每人人民币六百元向甲方支付资料整理服务费。",
            ],
        ),
    )
    assert PRICE in on(findings, "不重复患者数")
    assert PRICE in on(findings, "有效保单件数")
    assert PRICE in on(findings, "资料整理服务费")
    # The count is the measure of the price; the clause itself hands nothing over.
    assert PIT not in on(findings, "有效保单件数")
    assert PIT not in on(findings, "资料整理服务费")


def test_what_the_person_asked_for_or_gave_of_itself_stays_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "客户预约成功后，甲方将其姓名及到店时间发送给乙方门店，以便接待。",
                "会员单独勾选同意后，甲方方可将其体检报告同步至乙方。",
                "患者有权要求甲方将其病历复印件交付其本人或其指定的医院。",
                "乙方应向甲方提交其本人的身份证复印件及联系方式。",
                "客户本人签署授权书后，甲方方可将其保单资料交给乙方。",
            ],
        ),
    )
    for fragment in ("预约成功后", "单独勾选同意", "交付其本人", "提交其本人", "签署授权书后"):
        assert not (on(findings, fragment) & PI), fragment


def test_records_given_back_kept_or_named_only_as_a_topic_stay_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "甲方应将已退费学员的报名表退还学员本人。",
                "对不同意移交的病人，甲方应自行保存其病历，并于病人要求时将副本交予病人本人。",
                "已去世会员的档案由甲方封存，不交乙方。",
                "双方就在读学员的承接事宜另行签订补充协议。",
                "幼儿园的园舍、教具及办学许可证一并转让给乙方。",
                "本次转让代价为人民币十万元，包含设备及装修。",
            ],
        ),
    )
    for fragment in ("退还学员本人", "不同意移交的病人", "不交乙方", "承接事宜", "园舍", "转让代价"):
        assert not (on(findings, fragment) & PI), fragment


def test_a_platform_is_no_taichung(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal("甲方", "乙方", ["甲方计时平台中的学员学时记录，由甲方申请整体迁移至乙方的机构编号下。"]),
    )
    assert "cross-border-transfer" not in on(findings, "平台中")
    assert PIT in on(findings, "平台中")
    # 台中 as a city still places the recipient abroad.
    abroad = reviewed(
        tmp_path,
        zh_deal("甲方", "乙方", ["甲方应将会员资料传输至乙方设于台中的服务器。"]),
        name="b.docx",
    )
    assert "cross-border-transfer" in on(abroad, "台中的服务器")


def test_a_party_reaching_into_the_other_partys_records_is_a_provision(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "乙方区域督导可在线查阅甲方会员的体检报告及消费记录，用于服务质量抽查。",
                "甲方可随时查阅甲方会员的资料。",
                "乙方不得远程调阅甲方病人的病历。",
                "甲方将宝妈群内粉丝留下的宝宝月龄及收货地址一并交给乙方。",
            ],
        ),
    )
    assert {PIT, SENS} <= on(findings, "在线查阅甲方会员")
    assert not (on(findings, "随时查阅甲方会员") & PI)  # a party's look at its own members
    assert not (on(findings, "不得远程调阅") & PI)
    assert SENS in on(findings, "宝宝月龄")


def test_the_quiet_patterns_do_not_swallow_a_real_hand_over(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        zh_deal(
            "甲方",
            "乙方",
            [
                "甲方不得拒绝移交客户名单给乙方。",
                "丙方应提交其本人经手的客户名单交给乙方。",
            ],
        ),
    )
    assert PIT in on(findings, "拒绝移交")
    assert PIT in on(findings, "其本人经手的客户名单")

"""A WeChat group sold with its members: the owner's role, the members' details, and the silence after.

Modelled on group-owner transfer contracts (群主转让合同): the seller hands over the owner role and a sheet
of the members' nicknames and WeChat IDs, the price falls with every member who leaves, and the change is
never announced while the buyer posts under the seller's name. Each sentence is written for the test.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_detect_generalise import on, reviewed

ACCOUNT = "account-transfer"
PIT = "personal-info-transfer"
PRICING = "pi-pricing"
IMPERSONATION = "impersonation"


def _agreement(clauses: list[str]) -> list[str]:
    return [
        "宝妈群群主转让协议",
        "转让方（甲方）：钱某某",
        "受让方（乙方）：常州某某母婴用品有限公司",
        *clauses,
    ]


def test_members_wechat_ids_are_their_data_not_an_account_sale(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        _agreement(["2. 甲方应将三个群全部群成员的昵称、微信号、手机号整理成名册，于交接日发送乙方。"]),
    )
    found = on(findings, "群成员的昵称")
    assert PIT in found
    assert ACCOUNT not in found


def test_a_parents_wechat_id_among_record_fields_is_no_account_sale(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        _agreement(["7. 甲方应移交学员名册，名册载明学员姓名、家长姓名及微信号、接送人电话。"]),
    )
    found = on(findings, "家长姓名及微信号")
    assert PIT in found
    assert ACCOUNT not in found


def test_a_price_cut_for_members_who_leave_is_per_head_pricing(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path, _agreement(["3. 交接后两周内群友退群比例超过5%的，乙方可按退群人数扣减相应转让款。"])
    )
    assert PRICING in on(findings, "群友退群")


def test_never_announcing_the_change_while_posting_as_the_seller(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        _agreement(
            ["4. 交接完成后，甲方不得在群内发出群主更换的通知，乙方可继续以“钱老师”的名义在群内推荐商品。"]
        ),
    )
    rules = {f.rule for f in findings if f.category == IMPERSONATION}
    # The silence, and the posting as "钱老师": the prohibition before the comma does not negate the
    # permission after it.
    assert rules == {"zh.impersonation.conceal", "zh.impersonation.in-name"}


def test_look_alikes_stay_quiet(tmp_path: Path) -> None:
    findings = reviewed(
        tmp_path,
        _agreement(
            [
                "5. 乙方不得在群内发布违法信息，亦不得将群主身份再行转让。",
                "6. 甲方不得转让其个人微信号，乙方可继续使用甲方提供的商品图片。",
            ]
        ),
    )
    assert not on(findings, "不得在群内发布违法信息")
    assert ACCOUNT not in on(findings, "不得转让其个人微信号")

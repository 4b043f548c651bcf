"""Account, credential and persona deals beyond the phrasings the rules were written from (dev10, tag acct).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev10 acct files: control of a page or shop passed through the platform's own roles (the buyer made
administrator or owner, the seller then taking himself off, ownership "transferred" in the back office),
concealment written as silence in the place the people read (朋友圈, 群内) or as a notice never posted to the
followers, Hong Kong's 第一身 for the first person, the original nickname used by the agency after a creator
leaves; and the look-alikes that must stay quiet (an account named only as the channel a business sold
through, the account named inside what is kept secret, statistics that hold nobody, a friend-assisted login,
the platform's owner change announced with a free exit, subscribers who replied yes).
Every fix has two paraphrases with different verbs, party labels and word order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_detect_generalise import on, reviewed

ACCOUNT = "account-transfer"
IMPERSONATION = "impersonation"
PIT = "personal-info-transfer"


def zh(clauses: list[str], giver: str = "甲方", taker: str = "乙方") -> list[str]:
    return [
        "转让协议",
        f"{giver}：厦门某某文化传播有限公司",
        f"{taker}：厦门某某电子商务有限公司",
        *clauses,
        f"{giver}（盖章）：",
        f"{taker}（盖章）：",
    ]


# --- control passed through the platform's roles ------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "fragment"),
    [
        (
            "卖方应在交割日将买方设为Facebook专页的管理员，买方确认后卖方随即删除自己的管理员身份。",
            "设为Facebook专页",
        ),
        (
            "轉讓人須於LINE官方帳號後台邀請受讓人成為管理者，受讓人接受後，轉讓人應解除其本人之管理者權限。",
            "邀請受讓人成為管理者",
        ),
    ],
)
def test_the_buyer_made_administrator_and_the_seller_stepping_down_is_a_transfer(
    tmp_path: Path, clause: str, fragment: str
) -> None:
    findings = reviewed(tmp_path, zh([clause], "卖方", "买方"))
    assert ACCOUNT in on(findings, fragment)


@pytest.mark.parametrize(
    "clause",
    [
        "出让方应于收款后在抖音小店后台将店铺的所有权转移给受让方。",
        "賣方須於完成日將其蝦皮賣場帳戶之控制權移交買方。",
    ],
)
def test_ownership_moved_in_the_back_office_is_a_transfer(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "卖方", "买方"))
    assert ACCOUNT in on(findings, clause[:8])


@pytest.mark.parametrize(
    "clause",
    [
        # an agency made administrator while the client stays owner: no one steps down
        "甲方将乙方运营人员设为公众号管理员，甲方仍为公众号的所有者。",
        "甲方應將乙方小編新增為粉絲專頁管理員，合作期滿後由甲方移除乙方小編之權限。",
    ],
)
def test_an_agency_made_administrator_is_not_a_transfer(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "甲方", "乙方"))
    assert ACCOUNT not in on(findings, clause[:8])


@pytest.mark.parametrize(
    "clause",
    [
        "鉴于甲方多年来主要通过淘宝店铺经营手工皂业务，现拟将该业务整体转让给乙方。",
        "緣賣方一向透過Instagram專頁接單製作手工蛋糕，現賣方有意將此生意轉讓予買方。",
    ],
)
def test_an_account_named_as_the_channel_a_business_sold_through_is_quiet(
    tmp_path: Path, clause: str
) -> None:
    findings = reviewed(tmp_path, zh([clause], "卖方", "买方"))
    assert ACCOUNT not in on(findings, clause[:6])


# --- concealment and the seller's persona ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("clause", "fragment"),
    [
        ("租用期间，出租方不得在朋友圈透露其微信号已交由承租方客服使用。", "不得在朋友圈透露"),
        ("交接后，甲方不会在粉丝群内告知大家账号已改由乙方运营。", "不会在粉丝群内告知"),
    ],
)
def test_silence_in_the_place_the_people_read_is_concealment(
    tmp_path: Path, clause: str, fragment: str
) -> None:
    findings = reviewed(tmp_path, zh([clause], "出租方", "承租方"))
    assert IMPERSONATION in on(findings, fragment)
    assert ACCOUNT not in on(findings, fragment)


@pytest.mark.parametrize(
    ("clause", "fragment"),
    [
        ("完成後，買方可以「Mandy」之第一身口吻回覆客人查詢。", "第一身口吻"),
        ("買方得以「阿樂」的第一身名義在專頁發帖，直至另行通知。", "第一身名義"),
    ],
)
def test_hong_kongs_first_person_is_the_sellers_persona(tmp_path: Path, clause: str, fragment: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "賣方", "買方"))
    assert IMPERSONATION in on(findings, fragment)


@pytest.mark.parametrize(
    ("clause", "fragment"),
    [
        ("买方交割后不必向订阅者公布店主已更换。", "不必向订阅者公布"),
        ("双方约定，受让方无须对关注者宣布该公众号已经易主。", "无须对关注者宣布"),
    ],
)
def test_a_change_never_announced_to_the_followers_is_concealment(
    tmp_path: Path, clause: str, fragment: str
) -> None:
    findings = reviewed(tmp_path, zh([clause], "卖方", "买方"))
    assert IMPERSONATION in on(findings, fragment)


@pytest.mark.parametrize(
    ("clause", "fragment"),
    [
        ("合约终止后，公司仍可使用该视频号原有的头像和昵称发布作品。", "原有的头像"),
        ("解约后甲方得借用该帳號原來的暱稱繼續直播帶貨。", "原來的暱稱"),
    ],
)
def test_the_accounts_original_name_used_after_the_creator_leaves(
    tmp_path: Path, clause: str, fragment: str
) -> None:
    findings = reviewed(tmp_path, zh([clause], "公司", "达人"))
    assert IMPERSONATION in on(findings, fragment)


@pytest.mark.parametrize(
    "clause",
    [
        "交付后乙方不得使用甲方原有的昵称和头像。",
        "乙方应在三日内将账号原昵称更换为乙方自己的品牌名称并告知全部粉丝。",
    ],
)
def test_dropping_the_original_name_is_not_impersonation(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert IMPERSONATION not in on(findings, clause[:6])


# --- personal information: what stays quiet ------------------------------------------------------------

CREDENTIAL = "credential-handover"
PRICING = "pi-pricing"


@pytest.mark.parametrize(
    "clause",
    [
        "甲方每周交给乙方的周报只列明接单量与好评率，不列明任何买家信息。",
        "轉讓人提供之統計報告僅載明各月會員消費總額，不包含任何個人資料。",
    ],
)
def test_reports_said_to_hold_nobody_are_quiet(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert PIT not in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "卖方应先以短信告知会员买方的名称及联系方式，仅限书面同意的会员，其手机号方可提供给买方。",
        "轉讓人應逐一致電舊客說明受讓人之身分，只有明確同意之客戶，其聯絡資料始交付受讓人。",
    ],
)
def test_only_those_who_said_yes_going_over_is_quiet(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "卖方", "买方"))
    assert PIT not in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "甲方通过QQ群的转让群功能将书友群交给乙方，交接前甲方在群里发布公告介绍乙方，不愿留下的群友可以自行退群。",
        "交接当日，原店长须在会员群内发公告说明新店长的姓名，会员可自行选择退出该群，群主随后转给新店长。",
    ],
)
def test_a_group_handed_on_with_a_notice_and_a_free_exit_is_quiet(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert PIT not in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "出让方保证交付时真实好友不少于三千人，不足的按每人五元扣减。",
        "甲方擔保移交時有效會員人數不低於八百名，每少一名扣減新臺幣一百元。",
    ],
)
def test_a_count_taken_at_the_hand_over_is_pricing_not_a_transfer(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert PRICING in on(findings, clause[:6])
    assert PIT not in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "出租方应配合承租方在新手机上完成好友辅助验证后方可登录。",
        "甲方須協助乙方於新裝置登入時通過好友協助驗證。",
    ],
)
def test_a_friend_assisted_log_in_is_a_credential_step_not_the_friends_data(
    tmp_path: Path, clause: str
) -> None:
    findings = reviewed(tmp_path, zh([clause], "出租方", "承租方"))
    assert CREDENTIAL in on(findings, clause[:6])
    assert PIT not in on(findings, clause[:6])


# --- pricing and real-name ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "clause",
    [
        "乙方就甲方移交的手机号码每条支付人民币十五元。",
        "受讓人按經核實之電話號碼每組給付新臺幣三十元予轉讓人。",
    ],
)
def test_a_sum_for_each_number_handed_over_is_per_head(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert PRICING in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "转让方保证公众号粉丝中女性用户不低于百分之八十，否则受让方可按比例扣减尾款。",
        "甲方保證群成員占比不少於60%為本地住戶，未達者乙方得減少租金。",
    ],
)
def test_a_share_of_the_people_warranted_is_pricing(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "转让方", "受让方"))
    assert PRICING in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "交割后，由受让方的法定代表人以其本人身份重新完成人脸识别。",
        "買方委派之店長以其個人身分證件另行辦理實名認證。",
    ],
)
def test_real_name_redone_by_the_buyers_person_is_a_credential_handover(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "卖方", "受让方" if "受让方" in clause else "買方"))
    assert CREDENTIAL in on(findings, clause[:6])


# --- personal information: what moves without a named recipient, and reuse for other clients -----------

SENS = "sensitive-personal-info"


@pytest.mark.parametrize(
    "clause",
    [
        "转让方另应提供其掌握的会员登记簿，写明每位会员的姓名和手机号码。",
        "卖方须一并提供卖方记录的老客户联系表，包括客户姓名与住址。",
    ],
)
def test_the_giving_side_providing_what_it_compiled_is_a_transfer(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "转让方" if "转让方" in clause else "卖方", "受让方"))
    assert PIT in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "转让方应同时提供其整理的设备维修记录及保修卡。",
        "转让方应提供其保存的营业执照副本和租赁合同原件。",
    ],
)
def test_the_giving_side_providing_its_own_papers_is_quiet(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause], "转让方", "受让方"))
    assert PIT not in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "乙方可将粉丝私信里的手机号整理后，供其签约的其他美妆品牌投放使用。",
        "乙方得把店铺订单中的收货人电话汇总，用于乙方其余电商客户的短信推广。",
    ],
)
def test_the_agency_reusing_the_clients_people_for_other_clients(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert PIT in on(findings, clause[:6])


@pytest.mark.parametrize(
    "clause",
    [
        "甲方应将会员登记的宝宝出生日期整理成表交给乙方。",
        "轉讓人須將群內媽媽們填寫之新生兒生日一併移交受讓人。",
    ],
)
def test_a_babys_birth_date_is_a_childs_data(tmp_path: Path, clause: str) -> None:
    findings = reviewed(tmp_path, zh([clause]))
    assert SENS in on(findings, clause[:6])

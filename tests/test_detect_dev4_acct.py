"""Account sales, persona concealment, credentials and embedded identifiers beyond the phrasings the rules
were written from (dev4, tag `acct`).

Each case is written for the test in its own words, modelled on a kind of miss or false alarm met in the
dev4 reading (social-account sales in zh-Hans, zh-Hant and English, store and channel purchases, agencies
handing accounts back). Expectations are what a lawyer would say of the clause.
"""

from __future__ import annotations

from pathlib import Path

from draft_agreement.reviewing.run import review
from tests.test_detect_generalise import _paragraph, docgen, on, reviewed

ACCOUNT = "account-transfer"
IMPERSONATION = "impersonation"
CREDENTIAL = "credential-handover"
EMBEDDED = "embedded-personal-data"


def _zh(clauses: list[str]) -> list[str]:
    return [
        "账号转让协议",
        "甲方：许某",
        "乙方：苏州某某传媒有限公司",
        *clauses,
        "甲方（签字）：　　乙方（盖章）：",
    ]


def _en(clauses: list[str]) -> list[str]:
    return [
        "Account Purchase Agreement",
        'This Agreement is made between Nora Blake (the "Vendor") and Tidewater Media LLC (the "Purchaser").',
        *clauses,
    ]


# --- zh: what a sale is called, and what it is not ---------------------------------------------------


def test_rang_yu_is_a_transfer(tmp_path: Path) -> None:
    lines = _zh(["1. 甲方同意将其名下的小红书号“许许的烘焙”的全部权益有偿让予乙方。"])
    assert ACCOUNT in on(reviewed(tmp_path, lines), "让予乙方")


def test_the_account_owned_by_the_buyer_after_the_admin_swap(tmp_path: Path) -> None:
    lines = _zh(["1. 甲方将乙方设为该公众号的管理员后退出，该帐号自此由乙方拥有。"])
    assert ACCOUNT in on(reviewed(tmp_path, lines), "由乙方拥有")


def test_an_account_sold_with_the_group_owner_role_is_still_sold(tmp_path: Path) -> None:
    lines = _zh(["1. 甲方将其作为群主的三个QQ群及客服企业微信一并交给乙方运营。"])
    assert ACCOUNT in on(reviewed(tmp_path, lines), "企业微信")


def test_the_friends_counted_inside_the_account_are_data_not_the_account(tmp_path: Path) -> None:
    lines = _zh(["1. 甲方官方帳號內現有約五千名好友之聊天紀錄，於點交時一併移轉予乙方。"])
    found = on(reviewed(tmp_path, lines), "聊天紀錄")
    assert ACCOUNT not in found
    assert "personal-info-transfer" in found


def test_a_page_admin_role_passed_on_is_not_turned_into_a_sale(tmp_path: Path) -> None:
    lines = _zh(["1. 交收日後，乙方可繼續使用店舖招牌及其Facebook專頁，甲方應將專頁管理員身份轉予乙方。"])
    assert ACCOUNT not in on(reviewed(tmp_path, lines), "管理員身份")


# --- zh: the persona kept and the change hidden --------------------------------------------------------


def test_a_nickname_in_quotes_as_the_form_of_address(tmp_path: Path) -> None:
    lines = _zh(["1. 乙方接手后，客服继续以“许姐”的称呼回复买家。"])
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "称呼")


def test_avatar_kept_as_it_was(tmp_path: Path) -> None:
    lines = _zh(["1. 账号头像、简介保持原样，由乙方继续发布笔记。"])
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "保持原样")


def test_notices_that_never_mention_the_new_owner(tmp_path: Path) -> None:
    lines = _zh(["1. 乙方接手后，店铺公告和群公告均不提及店铺换了主人，以免买家流失。"])
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "换了主人")


def test_announcing_the_new_owner_is_no_concealment(tmp_path: Path) -> None:
    lines = _zh(["1. 乙方接手后，应在店铺公告中说明店铺已经转让及新的经营者名称。"])
    assert IMPERSONATION not in on(reviewed(tmp_path, lines), "店铺公告")


# --- en: ownership, leases, routes ---------------------------------------------------------------------


def test_a_right_to_operate_for_a_monthly_fee_is_a_rental(tmp_path: Path) -> None:
    lines = _en(
        [
            "1. The Vendor grants the Purchaser the exclusive right to operate her TikTok account for a year at $900 a month."
        ]
    )
    assert ACCOUNT in on(reviewed(tmp_path, lines), "right to operate")


def test_the_platform_transfer_feature_named_as_the_route_is_not_a_sale(tmp_path: Path) -> None:
    lines = [
        "Community Services Agreement",
        'This Agreement is made between Quarry Games Ltd (the "Client") and Hive Ops Ltd (the "Manager").',
        "1. If the Client moves its Discord server to an affiliate, it shall use Discord's transfer-ownership "
        "feature and announce the new owner in the server first.",
    ]
    assert ACCOUNT not in on(reviewed(tmp_path, lines), "transfer-ownership")


def test_a_platform_shop_named_by_its_platform(tmp_path: Path) -> None:
    lines = _en(
        ["1. The Vendor shall procure that the TikTok Shop is transferred into the Purchaser's name."]
    )
    assert ACCOUNT in on(reviewed(tmp_path, lines), "TikTok Shop")


# --- en: the persona and the silence -------------------------------------------------------------------


def test_holding_the_channel_out_as_still_the_vendors(tmp_path: Path) -> None:
    lines = _en(
        ["1. For a year the Purchaser may hold out the channel as presented by the Vendor in its videos."]
    )
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "hold out")


def test_posts_made_to_look_like_the_holders_own(tmp_path: Path) -> None:
    lines = _en(["1. The Purchaser may post from the account, and every post shall appear as Nora's own."])
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "appear as")


def test_signing_the_newsletter_with_her_name(tmp_path: Path) -> None:
    lines = _en(['1. The Vendor shall keep signing the monthly newsletter as "Nora" until December.'])
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "signing")


def test_subscribers_shall_not_be_told(tmp_path: Path) -> None:
    lines = _en(["1. Subscribers shall not be told that the newsletter has been sold."])
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "not be told")


def test_followers_kept_from_noticing(tmp_path: Path) -> None:
    lines = _en(["1. The Vendor will keep answering comments so that followers do not notice the change."])
    assert IMPERSONATION in on(reviewed(tmp_path, lines), "do not notice")


def test_people_not_yet_notified_may_ask_is_no_concealment(tmp_path: Path) -> None:
    lines = _en(["1. Customers who are not notified of the change may ask the Purchaser for their records."])
    assert IMPERSONATION not in on(reviewed(tmp_path, lines), "not notified")


# --- en: credentials -------------------------------------------------------------------------------------


def test_handing_over_the_platform_log_in(tmp_path: Path) -> None:
    lines = _en(
        ["1. The Vendor shall hand the Purchaser the Instagram log-in and the recovery e-mail password."]
    )
    assert CREDENTIAL in on(reviewed(tmp_path, lines), "log-in")


def test_a_business_software_log_in_is_not_a_platform_credential(tmp_path: Path) -> None:
    lines = [
        "Asset Purchase Agreement",
        'This Agreement is made between Elm Tutors LLC ("Seller") and Birch Learning Inc. ("Buyer").',
        "1. At Closing Seller shall give Buyer the administrator login of the school's booking software.",
    ]
    assert CREDENTIAL not in on(reviewed(tmp_path, lines), "administrator login")


# --- embedded identifiers: the sold account's own log-in is the holder's ---------------------------------


def _embedded(tmp_path: Path, lines: list[str]) -> dict[str, str]:
    path = docgen.write_docx(tmp_path / "e.docx", [_paragraph(line) for line in lines])
    return {
        f.paragraph_text[:12]: f.severity
        for f in review(path).findings
        if f.category == EMBEDDED and f.paragraph_text
    }


def test_the_bound_phone_of_the_sold_account_is_the_holders_own(tmp_path: Path) -> None:
    found = _embedded(tmp_path, _zh(["第一条 转让账号：微信号xu_bakes，绑定手机号13957012846。"]))
    assert found and set(found.values()) == {"low"}


def test_the_registered_e_mail_of_the_sold_account_is_the_holders_own(tmp_path: Path) -> None:
    found = _embedded(tmp_path, _en(["1. The Account's recovery e-mail is nora.bakes@gmail.com."]))
    assert found and set(found.values()) == {"low"}


def test_a_friends_number_named_in_a_clause_stays_high(tmp_path: Path) -> None:
    found = _embedded(tmp_path, _zh(["第一条 账号内好友王某的手机号为13857463190，一并交付乙方。"]))
    assert "high" in found.values()


# --- agencies and their clients' own accounts -------------------------------------------------------------


def _agency_zh(clauses: list[str]) -> list[str]:
    return [
        "代运营服务合同",
        "甲方（委托方）：杭州某某服饰有限公司",
        "乙方（受托方）：杭州某某网络科技有限公司",
        *clauses,
    ]


def test_an_account_the_agency_registered_for_the_client_goes_home(tmp_path: Path) -> None:
    lines = _agency_zh(["1. 乙方为甲方新注册的小红书账号，合同终止时移交甲方。"])
    assert ACCOUNT not in on(reviewed(tmp_path, lines), "新注册")


def test_a_report_about_the_account_is_not_the_account(tmp_path: Path) -> None:
    lines = _agency_zh(["1. 乙方应按月将视频号运营数据报表交付甲方。"])
    assert ACCOUNT not in on(reviewed(tmp_path, lines), "报表")


def test_accounts_opened_for_the_client_are_the_clients(tmp_path: Path) -> None:
    lines = [
        "Services Agreement",
        'This Agreement is made between Orchid Florist Pte. Ltd. (the "Client") and Kopi Social Pte. Ltd. (the "Agency").',
        "1. Any social media accounts created by the Agency for the Client shall be the property of the Client.",
        "2. The Client may transfer its WhatsApp Business account to a new number using WhatsApp's migration tool.",
    ]
    found = reviewed(tmp_path, lines)
    assert ACCOUNT not in on(found, "created by the Agency")
    assert ACCOUNT not in on(found, "migration tool")

"""Sides read from the clauses when the parties are only 甲方 and 乙方 (Party A, Party B).

Each agreement is written for the test. Who hands over and who receives is what a lawyer reads from
the clauses that move the accounts or the records; a clause under a prohibition moves nothing, and in
an agency or a processing deal things move both ways, so no side is guessed there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from draft_agreement.deal import deal_of
from draft_agreement.model.document import load_document
from tests.test_deal import agreement


def _roles(tmp_path: Path, lines: list[str]) -> dict[str, str]:
    deal = deal_of(load_document(agreement(tmp_path / "deal.docx", lines)))
    return {p.label: p.role for p in deal.parties}


def test_the_party_the_shop_is_handed_to_receives(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        [
            "网店转让协议",
            "甲方：杭州某某服饰有限公司",
            "乙方：李某某",
            "一、乙方将其经营的淘宝店铺“小李家”及店铺内的会员资料一并转让给甲方。",
            "二、甲方应于收到店铺后三日内支付转让款。",
            "三、乙方应协助甲方完成店铺主体变更。",
        ],
    )
    assert roles == {"乙方": "transferor", "甲方": "transferee"}


def test_party_a_hands_over_in_english_too(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        [
            "CUSTOMER LIST PURCHASE AGREEMENT",
            "Party A: Bright Dental Ltd.",
            "Party B: Smile Partners Ltd.",
            "1. Party A shall deliver the patient recall list to Party B on the Completion Date.",
            "2. Party B shall pay the price within ten days of delivery.",
        ],
    )
    assert roles == {"Party A": "transferor", "Party B": "transferee"}


def test_a_labelled_side_gives_the_bare_party_the_other(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        [
            "客户资料转让协议",
            "转让方（甲方）：某某培训学校",
            "乙方：某某教育咨询有限公司",
            "一、甲方同意将在读学员名册交付乙方。",
        ],
    )
    assert roles["甲方"] == "transferor"
    assert roles["乙方"] == "transferee"


def test_a_data_sharing_deal_names_provider_and_recipient(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        [
            "数据共享合作协议",
            "甲方：某某物业服务有限公司",
            "乙方：某某社区团购有限公司",
            "鉴于乙方拟开展社区团购业务，双方就数据共享达成如下合作。",
            "一、甲方向乙方共享小区业主的姓名、门牌号及联系电话，乙方将其用于团购配送。",
            "二、数据共享期限为一年。",
        ],
    )
    assert roles == {"甲方": "provider", "乙方": "recipient"}


@pytest.mark.parametrize(
    "clauses",
    [
        # Only prohibitions: nothing moves.
        ["一、乙方不得将账号转让给甲方以外的任何人。", "二、甲方不得将客户名单提供给乙方的竞争对手。"],
        # As much moves each way.
        ["一、甲方将课程讲义交付乙方。", "二、乙方将学员反馈表交付甲方。"],
    ],
)
def test_no_side_is_guessed_when_the_clauses_do_not_settle_it(tmp_path: Path, clauses: list[str]) -> None:
    roles = _roles(tmp_path, ["合作协议", "甲方：某某公司", "乙方：某某工作室", *clauses])
    assert set(roles.values()) == {"party"}


def test_an_agency_keeps_its_roles_though_accounts_go_back_and_forth(tmp_path: Path) -> None:
    roles = _roles(
        tmp_path,
        [
            "新媒体账号代运营合同",
            "甲方（委托方）：某某餐饮管理有限公司",
            "乙方：某某文化传媒有限公司",
            "一、甲方委托乙方代为运营甲方的抖音账号，账号的所有权归甲方。",
            "二、甲方将账号登录信息提供给乙方用于日常运营。",
            "三、合同终止时，乙方应将账号及全部资料交还甲方。",
        ],
    )
    assert roles == {"甲方": "principal", "乙方": "agent"}


def test_who_owns_the_records_is_no_vote_for_a_side(tmp_path: Path) -> None:
    """归甲方所有 may be the side that keeps them: ownership alone settles nothing."""
    roles = _roles(
        tmp_path,
        [
            "合作协议",
            "甲方：某某公司",
            "乙方：某某工作室",
            "一、客户资料的所有权归甲方所有，乙方不得擅自使用。",
        ],
    )
    assert set(roles.values()) == {"party"}

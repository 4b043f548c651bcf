"""The chosen law named first, a law clause that names its place later, and prices set for each one.

Each agreement is written for the test; the expectation is what a lawyer reads in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from draft_agreement.deal import deal_of
from draft_agreement.model.document import load_document
from tests.test_deal import agreement


def _deal(tmp_path: Path, lines: list[str]):
    return deal_of(load_document(agreement(tmp_path / "deal.docx", lines)))


def test_the_law_chosen_is_the_one_named_first_after_the_cue(tmp_path: Path) -> None:
    deal = _deal(
        tmp_path,
        [
            "客戶轉介合作協議",
            "甲方：某某保險顧問（香港）有限公司",
            "乙方：某某理財服務有限公司",
            "# 第五條　適用法律",
            "5.1 本協議適用香港特別行政區法律；就乙方在內地處理個人信息而言，雙方亦須遵守中華人民共和國法律。",
        ],
    )
    assert deal.governing_law is not None and deal.governing_law.jurisdiction == "HK"


def test_a_law_heading_typed_as_a_clause_gives_way_to_the_clause_naming_the_place(tmp_path: Path) -> None:
    deal = _deal(
        tmp_path,
        [
            "Customer List Purchase Agreement",
            "Seller: Lion City Florists Pte. Ltd.",
            "Buyer: Petal Express Pte. Ltd.",
            "6. Governing Law and Disputes",
            "6.1 This Agreement is governed by the laws of Singapore.",
        ],
    )
    assert deal.governing_law is not None and deal.governing_law.jurisdiction == "SG"
    assert deal.governing_law.clause == "6.1"


def test_an_australian_state_is_australia(tmp_path: Path) -> None:
    deal = _deal(
        tmp_path,
        [
            "Practice Sale Agreement",
            "Vendor: A Physio Pty Ltd",
            "Purchaser: B Health Pty Ltd",
            "9. This agreement is governed by the law of Victoria.",
        ],
    )
    assert deal.governing_law is not None and deal.governing_law.jurisdiction == "AU"


@pytest.mark.parametrize(
    "price",
    [
        "二、会员部分按交接日在册宝宝人数计算，每名宝宝人民币陆佰元。",
        "二、乙方按甲方移交的有效住户户数，每户人民币二十元向甲方支付资料整理费。",
        "二、乙方另按承受日前一年內就診之不重複病人數，每人給付甲方新臺幣二百元。",
        "2. Installer shall pay Introducer $45 for each homeowner introduced.",
        "2. The price is US$45 per thousand followers shown on the handover date.",
    ],
)
def test_a_sum_for_each_person_is_a_per_head_price(tmp_path: Path, price: str) -> None:
    deal = _deal(
        tmp_path, ["转让协议", "甲方：某某公司", "乙方：某某公司", "一、甲方将客户资料交付乙方。", price]
    )
    assert deal.consideration is not None and deal.consideration.per_head


@pytest.mark.parametrize(
    "price",
    [
        "二、甲方如需继续使用，应按每个账号人民币伍万元的价格向乙方购买。",
        "二、库存货品按吊牌价的二点五折计价，转让价款预计人民币陆万捌仟元，按实际清点件数结算。",
        "二、转让价款为人民币三十万元，乙方于交割日一次性付清。",
    ],
)
def test_a_price_for_things_is_not_per_head(tmp_path: Path, price: str) -> None:
    deal = _deal(
        tmp_path, ["转让协议", "甲方：某某公司", "乙方：某某公司", "一、甲方将店铺交付乙方。", price]
    )
    assert deal.consideration is not None and not deal.consideration.per_head

"""The signing date, where agreements actually write it.

A 2019 agreement is read against the acts then in force, so a date the document gives must be found:
in the signature block with nothing else on the line, after the parties' signature labels, in
"本協議於……由下列各方訂立" or "THIS AGREEMENT is made the 3rd day of July 2022". A date that belongs to
something else (a handover day, another agreement, a birthday in a roster) is not the signing date.
Each document is written for the test.
"""

from __future__ import annotations

import pytest

from tests.test_context import Para, extract, table

HEAD = ["客户资料转让协议", "甲方：某某美容工作室", "乙方：某某美容有限公司", "一、甲方将顾客档案移交乙方。"]


@pytest.mark.parametrize(
    ("tail", "iso"),
    [
        (["甲方（签字）：", "乙方（盖章）：", "2019年8月12日"], "2019-08-12"),
        (["二〇二〇年十月九日"], "2020-10-09"),
        (["甲方：　　　　　　乙方：　　　　　　中華民國一一〇年十二月二十日"], "2021-12-20"),
        (["出让人（签字）：　　　　　承接人（盖章）：　　　　　2023年5月9日"], "2023-05-09"),
    ],
)
def test_a_date_the_signature_block_gives_alone(tail: list[str], iso: str) -> None:
    assert extract([*HEAD, *tail]).date == iso


def test_made_before_the_parties_in_traditional_chinese() -> None:
    ctx = extract(
        ["股份轉讓協議", "本協議於二〇二二年五月十八日由下列各方訂立：", "甲方：陳大文", "乙方：李小明"],
        "zh-Hant",
    )
    assert ctx.date == "2022-05-18"


@pytest.mark.parametrize(
    ("opening", "iso"),
    [
        (
            "THIS AGREEMENT is made the 3rd day of July 2022 BETWEEN Bright Path Ltd and Sunrise Ltd.",
            "2022-07-03",
        ),
        (
            "These Terms are agreed on January 2, 2024 between Pinecrest Realty, Inc. and Tally Software LLC.",
            "2024-01-02",
        ),
    ],
)
def test_an_english_opening_that_makes_the_agreement(opening: str, iso: str) -> None:
    assert extract(["Customer List Agreement", opening, "1. The Seller sells the list."], "en").date == iso


def test_a_labelled_signing_date_wins_over_a_bare_one() -> None:
    ctx = extract([*HEAD, "2022年9月1日", "签署日期：2022年9月15日"])
    assert ctx.date == "2022-09-15"


@pytest.mark.parametrize(
    "items",
    [
        # Another agreement's date, and a handover day inside a clause.
        [
            "转让方已将门店资产另行转让给接收方（见双方于2022年9月1日签署的《门店资产转让协议》）。",
            "交接日为2023年9月1日，甲方应于当日移交会员资料。",
        ],
        # A birthday in a roster table.
        [Para("学员名册如下："), *table(0, [["姓名", "出生日期"], ["王某", "2011年4月3日"]])],
    ],
)
def test_dates_that_belong_to_something_else_are_not_the_signing_date(items: list) -> None:
    assert extract([*HEAD, *items]).date is None

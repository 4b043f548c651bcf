"""Staff records sent to the other side are others' personal information, whoever receives them.

An employee roster uploaded to a parent's HR platform, personnel files delivered to a buyer, a group's staff
files synced abroad: the employees are third parties to the recipient (PIPL art. 23). Staff handing the
company's own files back to it on leaving, and a clause that rules the transfer out, stay quiet. Two
paraphrases each, in Chinese and English, with other labels and verbs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_detect_generalise import on, reviewed, zh_deal

PIT = "personal-info-transfer"


def en_deal(clauses: list[str], giver: str = "Company", taker: str = "Parent") -> list[str]:
    return [
        "Intra-Group Services Agreement",
        f"This Agreement is made between Riverton Components (Suzhou) Co., Ltd. (the \u201c{giver}\u201d) and "
        f"Riverton Holdings Ltd (the \u201c{taker}\u201d).",
        *clauses,
    ]


@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        (zh_deal("甲方", "乙方", ["甲方应于每月五日前将在职员工花名册上传至乙方的人力资源平台。"]), "花名册"),
        (zh_deal("转让方", "受让方", ["交割前，转让方应将全体医师的人事档案移交受让方。"]), "人事档案"),
        (
            en_deal(
                ["1. The Company shall upload its employee records to the Parent's HR platform every month."]
            ),
            "employee records",
        ),
        (
            en_deal(
                [
                    "1. At Completion the Seller shall deliver the personnel files of all transferring staff to the Buyer."
                ],
                "Seller",
                "Buyer",
            ),
            "personnel files",
        ),
    ],
)
def test_staff_records_sent_to_the_other_side_are_a_transfer(
    tmp_path: Path, lines: list[str], fragment: str
) -> None:
    assert PIT in on(reviewed(tmp_path, lines), fragment)


@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        (
            en_deal(
                ["1. Each departing employee shall return all customer files and devices to the Company."]
            ),
            "departing employee",
        ),
        (
            en_deal(
                [
                    "1. Nothing in this Agreement permits the transfer of the Company's employee records, which stay"
                    " on its servers in Suzhou."
                ]
            ),
            "Nothing in this Agreement",
        ),
    ],
)
def test_a_hand_back_or_a_transfer_ruled_out_stays_quiet(
    tmp_path: Path, lines: list[str], fragment: str
) -> None:
    assert PIT not in on(reviewed(tmp_path, lines), fragment)

"""A bare identity-document number is ordinary personal information; the document's image is sensitive.

The legal brief reads PIPL art. 28 so: an ID number is high-volume but ordinary, while a copy, scan or photo of
the card (and the face on it) is sensitive. Handing over either is still a transfer of others' personal
information (art. 23). Two paraphrases each, in Chinese and English, with other labels and verbs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_detect_generalise import on, reviewed, zh_deal

PIT = "personal-info-transfer"
SENS = "sensitive-personal-info"


def en_deal(clauses: list[str], giver: str = "Vendor", taker: str = "Purchaser") -> list[str]:
    return [
        "Business Transfer Agreement",
        f"This Agreement is made between Harbourline Services Ltd (the \u201c{giver}\u201d) and Kestrel Care Ltd "
        f"(the \u201c{taker}\u201d).",
        *clauses,
    ]


@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        (
            zh_deal(
                "转让方", "受让方", ["转让方应将会员名册（载明会员姓名、身份证号码及手机号码）移交受让方。"]
            ),
            "会员名册",
        ),
        (zh_deal("甲方", "乙方", ["甲方应向乙方提供全部租户的姓名、证件号码和联系电话。"]), "全部租户"),
        (
            en_deal(
                [
                    "1. The Vendor shall deliver to the Purchaser the tenants' names, passport numbers and phone numbers."
                ]
            ),
            "passport number",
        ),
        (
            en_deal(
                [
                    "1. The Seller shall hand the client list, with every client's Social Security number, to the Buyer."
                ],
                "Seller",
                "Buyer",
            ),
            "client list",
        ),
    ],
)
def test_a_bare_id_number_moves_personal_information_but_is_not_sensitive(
    tmp_path: Path, lines: list[str], fragment: str
) -> None:
    found = on(reviewed(tmp_path, lines), fragment)
    assert PIT in found and SENS not in found


@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        (zh_deal("转让方", "受让方", ["转让方应将会员的身份证复印件一并移交受让方。"]), "身份证复印件"),
        (zh_deal("甲方", "乙方", ["甲方应向乙方提供全部学员家长的身份证正反面照片。"]), "正反面照片"),
        (
            en_deal(["1. The Vendor shall deliver to the Purchaser scans of each patient's identity card."]),
            "scans of",
        ),
        (en_deal(["1. The Vendor shall send the Purchaser copies of the members' passports."]), "copies of"),
    ],
)
def test_an_id_documents_image_is_sensitive(tmp_path: Path, lines: list[str], fragment: str) -> None:
    assert SENS in on(reviewed(tmp_path, lines), fragment)


@pytest.mark.parametrize(
    "clause",
    [
        "1. The Vendor shall deliver to the Purchaser the clients' bank and brokerage statements.",
        "1. The Vendor shall provide the Purchaser with each customer's credit card statements.",
    ],
)
def test_statements_of_accounts_named_together_are_financial_accounts(tmp_path: Path, clause: str) -> None:
    assert SENS in on(reviewed(tmp_path, en_deal([clause])), "statements")

"""Identity and phone numbers from Hong Kong, Taiwan, Singapore and the US are masked like mainland ones.

The check digit decides, as for a resident ID: a contract number of the same shape stays as written.
They are masked in every output, and they raise no finding of their own: a party block's HKID is the
party's, and whose a foreign number is cannot yet be told reliably enough to call it a third party's.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draft_agreement.model.document import load_document
from draft_agreement.reviewing.detectors import NATIONAL_ID, PHONE, detect
from draft_agreement.reviewing.foreign_ids import is_hkid, is_nric, is_tw_id
from draft_agreement.reviewing.masking import MaskedText
from draft_agreement.reviewing.run import review_document
from tests.eval.build import build_docx


@pytest.mark.parametrize(
    ("text", "kind", "masked"),
    [
        (
            "持證人：陳大文，香港身份證號碼A123456(3)。",
            NATIONAL_ID,
            "持證人：陳大文，香港身份證號碼A******(*)。",
        ),
        ("身分證統一編號：A123456789", NATIONAL_ID, "身分證統一編號：A*********"),
        ("NRIC S8812341G of Singapore", NATIONAL_ID, "NRIC S*******G of Singapore"),
        ("SSN 536-22-8726 on file", NATIONAL_ID, "SSN ***-**-**** on file"),
        ("手機：0912-345-678", PHONE, "手機：****-**5-678"),
        ("WhatsApp +852 9123 4567 only", PHONE, "WhatsApp +*** **** 4567 only"),
    ],
)
def test_foreign_identifiers_are_masked_in_place(text: str, kind: str, masked: str) -> None:
    assert [d.kind for d in detect(text)] == [kind]
    assert MaskedText(text).masked == masked


@pytest.mark.parametrize(
    "text",
    [
        "合同編號A123456(4)",  # an HKID's shape with the wrong check digit
        "Ref. A123456788",  # a Taiwan ID's shape that fails its checksum
        "Invoice S1234567A",
        "Order 000-12-3456",  # no SSN has area 000
        "Office +65 6221 7300",  # a fixed line in Singapore: no one's personal number
        "2024-05-1234 號文",
    ],
)
def test_look_alike_numbers_stay_as_written(text: str) -> None:
    assert MaskedText(text).masked == text


@given(st.text(alphabet="AGS0123456789()-+ 9", max_size=40))
def test_masking_keeps_the_length_and_only_hides_digits(text: str) -> None:
    masked = MaskedText(text).masked
    assert len(masked) == len(text)
    assert all(a == b or (b == "*" and a.isdigit()) for a, b in zip(text, masked, strict=True))


def test_checksums_accept_the_published_examples() -> None:
    assert is_hkid("A123456(3)") and is_hkid("G123456(A)") and not is_hkid("A123456(4)")
    assert is_tw_id("A123456789") and not is_tw_id("A123456780")
    assert is_nric("S1234567D") and not is_nric("S1234567E")


def test_a_review_report_never_shows_them(tmp_path: Path) -> None:
    agreement = {
        "id": "hk-salon",
        "language": "zh-Hant",
        "title": "美容院轉讓協議",
        "paragraphs": [
            {"text": "美容院轉讓協議"},
            {"text": "轉讓方：陳美玲（香港身份證號碼A123456(3)，手提電話+852 9123 4567）"},
            {"text": "受讓方：林志強（身分證統一編號A123456789，手機0912-345-678）"},
            {"text": "第一條 轉讓方將美容院全部顧客資料移交受讓方。"},
        ],
    }
    path = tmp_path / "hk.docx"
    build_docx(agreement, path)
    report = review_document(load_document(path))
    text = json.dumps(report.to_dict(), ensure_ascii=False)
    for raw in ("A123456(3)", "9123 4567", "A123456789", "0912-345-678"):
        assert raw not in text
    assert not any(f.category == "embedded-personal-data" and f.severity == "high" for f in report.findings)

"""Records taken out of a list of assets: the list's own separators only, never a clause number's 、."""

from __future__ import annotations

import pytest

from draft_agreement.redlining.list_items import list_item


def _apply(text: str, words: str) -> str:
    start = text.index(words)
    for a, b, new in sorted(list_item(text, start, start + len(words)), reverse=True):
        text = text[:a] + new + text[b:]
    return text


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("转让范围为设备、装修及顾客档案。", "顾客档案", "转让范围为设备、装修。"),
        ("转让范围：顾客档案、设备及装修。", "顾客档案", "转让范围：设备及装修。"),
        (
            "The assets are the Goodwill, the Customer List and the Lease.",
            "the Customer List",
            "The assets are the Goodwill and the Lease.",
        ),
    ],
)
def test_the_records_leave_the_list_and_the_rest_stays(text: str, words: str, expected: str) -> None:
    assert _apply(text, words) == expected


@pytest.mark.parametrize(
    "text",
    [
        "二、讓與人之顧客資料，包括顧客姓名、手機及療程紀錄，於交付日移轉予受讓人。",
        "（3）出让方的会员资料，含姓名及手机号码，交付受让方。",
        "5. 客户档案，包括姓名和电话，一并移交。",
    ],
)
def test_a_clause_number_is_no_list_the_records_are_its_subject(text: str) -> None:
    words = next(w for w in ("顧客資料", "会员资料", "客户档案") if w in text)
    assert _apply(text, words) == text

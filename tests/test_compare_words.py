"""The diff a lawyer expects: whole words, and clause numbers, amounts, dates and party labels as one
token each, never half struck; English by words and punctuation; `char` granularity on request."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.api import compare
from draft_agreement.comparing.segment import tokens
from tests.agreements import Agreement, Para, Run, write

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
US = "draft-agreement"

CASES = [
    (
        "转让价款为人民币50万元，于签约后支付。",
        "转让价款为人民币60万元，于签约后支付。",
        {"人民币50万元"},
        {"人民币60万元"},
    ),
    ("价款为¥500,000.00（含税）。", "价款为¥600,000.00（含税）。", {"¥500,000.00"}, {"¥600,000.00"}),
    ("大写伍拾万元整。", "大写陆拾万元整。", {"伍拾万元整"}, {"陆拾万元整"}),
    ("甲方应于收到价款后交付账号。", "乙方应于收到价款后交付账号。", {"甲方"}, {"乙方"}),
    ("转让方保证账号无权利瑕疵。", "受让方保证账号无权利瑕疵。", {"转让方"}, {"受让方"}),
    ("第三条 转让价款", "第四条 转让价款", {"第三条"}, {"第四条"}),
    ("乙方应于2021年3月1日前付款。", "乙方应于2021年4月15日前付款。", {"2021年3月1日"}, {"2021年4月15日"}),
    ("违约金为合同总价的5%。", "违约金为合同总价的10%。", {"5%"}, {"10%"}),
    (
        "3.1 The Seller shall deliver the account.",
        "3.2 The Seller shall transfer the account.",
        {"3.1", "deliver"},
        {"3.2", "transfer"},
    ),
    (
        "Party A shall pay USD 500,000.00.",
        "Party B shall pay USD 600,000.00.",
        {"Party A", "USD 500,000.00"},
        {"Party B", "USD 600,000.00"},
    ),
]


def _docx(path: Path, texts: list[str]) -> Path:
    return write(Agreement("zh", [Para([Run(t)]) for t in texts], "页眉", "页脚", []), path)


def _our_changes(path: Path) -> tuple[set[str], set[str]]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    deleted, inserted = set(), set()
    for el in root.iter(W + "del", W + "ins"):
        if el.get(W + "author") != US or el.getparent().tag == W + "rPr":
            continue
        text = "".join(t.text or "" for t in el.iter(W + "t", W + "delText")).strip()
        (deleted if el.tag == W + "del" else inserted).add(text)
    return deleted, inserted


@pytest.mark.parametrize(("old", "new", "struck", "added"), CASES, ids=[c[0][:12] for c in CASES])
def test_whole_tokens_are_struck_and_inserted(
    old: str, new: str, struck: set, added: set, tmp_path: Path
) -> None:
    out = tmp_path / "out.docx"
    compare(_docx(tmp_path / "old.docx", [old]), _docx(tmp_path / "new.docx", [new]), out, date="2026-01-01")
    assert _our_changes(out) == (struck, added)


def test_char_granularity_strikes_characters(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    old, new = (
        _docx(tmp_path / "old.docx", ["甲方应于收到价款后交付账号。"]),
        _docx(tmp_path / "new.docx", ["乙方应于收到价款后交付账号。"]),
    )
    compare(old, new, out, date="2026-01-01", granularity="char")
    assert _our_changes(out) == ({"甲"}, {"乙"})


@given(
    st.text(
        st.sampled_from(list("甲乙方第三条款50万元¥,.2021年3月1日 The Seller shall，。（）%")), max_size=40
    )
)
def test_tokens_cover_the_text_exactly(text: str) -> None:
    assert "".join(tokens(text)) == text
    assert "".join(tokens(text, "char")) == text


def test_units_a_contract_treats_as_one_thing_are_one_token() -> None:
    for unit in (
        "第十二条",
        "50万元",
        "¥500,000.00",
        "人民币伍拾万元整",
        "2021年3月1日",
        "2021-03-01",
        "甲方",
        "受让方",
        "（一）",
        "3.1.2",
        "百分之五",
        "Party B",
    ):
        assert unit in tokens(f"根据{unit}约定") or unit in tokens(f"see {unit} here"), unit


def test_chinese_words_come_from_jiebas_own_dictionary_offline() -> None:
    """jieba's dictionary ships in its wheel: words, not characters, without any network."""
    from draft_agreement.comparing.segment import _jieba_dict

    assert _jieba_dict() is not None and _jieba_dict().stat().st_size > 1_000_000
    assert tokens("微信账号转让给受让人") == ["微信", "账号", "转让", "给", "受让人"]

"""Inserted clauses write the agreement's own words: a Taiwan agreement's 個人資料 and 聯絡方式.

OpenCC gives the characters of Traditional Chinese, not its words: converted from our Simplified
templates, a customer notice in a Taiwan clinic sale said 聯繫方式 and 個人信息 where its lawyer writes
聯絡方式 and 個人資料. The pairs are data (replacements/index.yaml `own_words`); the names of PRC laws
are never rewritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from draft_agreement.errors import RuleFileError
from draft_agreement.model import load_document
from draft_agreement.redlining.pipeline import redline
from draft_agreement.redlining.replacements import ReplacementLibrary
from draft_agreement.redlining.voice import voice_of
from draft_agreement.reviewing.rules import default_clauses_dir
from tests.eval.build import build_docx

LIBRARY = ReplacementLibrary.load(default_clauses_dir() / "replacements")


def _agreement(paragraphs: list[str], language: str = "zh-Hant") -> dict[str, Any]:
    return {
        "id": "own-words",
        "language": language,
        "title": paragraphs[0],
        "paragraphs": [{"text": t} for t in paragraphs],
    }


def _voice(tmp_path: Path, paragraphs: list[str], language: str = "zh-Hant"):  # type: ignore[no-untyped-def]
    path = tmp_path / "in.docx"
    build_docx(_agreement(paragraphs, language), path)
    return voice_of(load_document(path), "zh", LIBRARY)


TW_SALON = [
    "美容工作室頂讓契約書",
    "讓與人：林小姐（以下稱甲方）",
    "受讓人：陳先生（以下稱乙方）",
    "第一條　甲方將工作室之設備、裝潢及租約讓與乙方。",
    "第二條　甲方應於交接日將全部顧客資料（姓名、手機號碼、消費紀錄）交付乙方。",
    "第三條　讓與價金新臺幣參拾萬元整。",
    "第四條　本契約以中華民國法律為準據法。",
]


def test_a_taiwan_redline_writes_its_own_words(tmp_path: Path) -> None:
    source, clean = tmp_path / "tw.docx", tmp_path / "tw.clean.docx"
    build_docx(_agreement(TW_SALON), source)
    redline(source, clean, mode="clean", date="2026-01-01")
    texts = [p.text for p in load_document(clean).story("body").paragraphs]
    inserted = [t for t in texts if t not in TW_SALON]
    assert any("個人資料" in t for t in inserted), inserted
    assert any("聯絡方式" in t for t in inserted), inserted
    assert not any("個人信息" in t or "聯繫" in t for t in inserted), inserted


def test_an_agreement_that_writes_our_word_keeps_it(tmp_path: Path) -> None:
    # A Traditional agreement drafted on the mainland model says 個人信息 and 聯繫: so do we.
    paragraphs = [*TW_SALON[:4], "第二條　甲方應將顧客個人信息及聯繫電話交付乙方。", *TW_SALON[5:]]
    voice = _voice(tmp_path, paragraphs)
    assert voice.write("告知联系方式和个人信息种类") == "告知聯繫方式和個人信息種類"


def test_a_mainland_agreement_keeps_the_words_of_pipl(tmp_path: Path) -> None:
    # 顾客资料 in a mainland salon sale is no sign of Taiwan usage: PIPL's 个人信息 and 联系 stay.
    paragraphs = ["美容院转让协议", "甲方：张某", "乙方：李某", "第一条 甲方将全部顾客资料交付乙方。"]
    voice = _voice(tmp_path, paragraphs, "zh-Hans")
    assert voice.write("乙方的联系方式和个人信息种类") == "乙方的联系方式和个人信息种类"


def test_a_simplified_agreement_that_writes_gerenziliao_gets_it(tmp_path: Path) -> None:
    # A Hong Kong agreement typed in Simplified characters, under the PDPO's 个人资料.
    paragraphs = [
        "客户转介协议",
        "甲方：某公司",
        "乙方：某公司",
        "第一条 双方按《个人资料（私隐）条例》处理个人资料。",
    ]
    voice = _voice(tmp_path, paragraphs, "zh-Hans")
    assert voice.write("告知个人信息种类及联系方式") == "告知个人资料种类及联系方式"


def test_the_names_of_prc_laws_are_never_rewritten(tmp_path: Path) -> None:
    voice = _voice(tmp_path, TW_SALON)
    text = voice.write("应当具备个人信息保护法第三十八条规定的条件，告知个人信息种类")
    assert text == "應當具備個人信息保護法第三十八條規定的條件，告知個人資料種類"


def test_hong_kong_keeps_shenfen_as_it_writes_it(tmp_path: Path) -> None:
    paragraphs = [*TW_SALON[:4], "第二條　乙方須核對顧客身份證明文件後方可辦理。", *TW_SALON[5:]]
    voice = _voice(tmp_path, paragraphs)
    assert "身份" in voice.write("如实说明其身份")
    assert "身分" in _voice(tmp_path, TW_SALON + ["第五條　雙方應出示身分證。"]).write("如实说明其身份")


@pytest.mark.parametrize(
    "broken",
    [
        "own_words:\n  pairs:\n    - [个人信息, 个人资料]\n",
        "own_words:\n  pairs:\n    - {ours: 联系}\n",
        "own_words:\n  pairs:\n    - {ours: 联系, theirs: 联络, traditional: yes please}\n",
        "own_words:\n  pairs: []\n  keep: 个人信息保护法\n",
    ],
)
def test_a_broken_own_words_entry_is_a_rule_file_error(tmp_path: Path, broken: str) -> None:
    folder = tmp_path / "replacements"
    shutil.copytree(default_clauses_dir() / "replacements", folder)
    index = folder / "index.yaml"
    text = index.read_text(encoding="utf-8")
    index.write_text(text[: text.index("own_words:")] + broken, encoding="utf-8")
    with pytest.raises(RuleFileError, match="own_words"):
        ReplacementLibrary.load(folder)

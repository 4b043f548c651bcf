"""The sensitive-data clause lists what this deal holds, not a clinic's list in every agreement.

A mothers' WeChat group sold with its members' babies' ages got "病历、就诊记录、术前术后照片…" and not a
word about children. The kinds come from the deal's subject clauses and annexes (index.yaml
`sensitive`); a party's own ID card in its party block is not read.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from draft_agreement.errors import RuleFileError
from draft_agreement.model import load_document
from draft_agreement.redlining.replacements import ReplacementLibrary
from draft_agreement.redlining.voice import voice_of
from draft_agreement.reviewing.rules import default_clauses_dir
from tests.eval.build import build_docx

LIBRARY = ReplacementLibrary.load(default_clauses_dir() / "replacements")


def _sensitive(tmp_path: Path, paragraphs: list[str], language: str = "zh-Hans") -> str:
    agreement: dict[str, Any] = {
        "id": "sensitive-list",
        "language": language,
        "title": paragraphs[0],
        "paragraphs": [{"text": t} for t in paragraphs],
    }
    path = tmp_path / "in.docx"
    build_docx(agreement, path)
    lang = "en" if language == "en" else "zh"
    return voice_of(load_document(path), lang, LIBRARY).variables["sensitive"]


def test_a_group_of_mothers_gets_childrens_data(tmp_path: Path) -> None:
    text = _sensitive(
        tmp_path,
        [
            "微信群转让协议",
            "转让方（甲方）：吴某，身份证号码：320102199001011234",
            "受让方（乙方）：南京某某母婴有限公司",
            "第一条 甲方将宝妈群及群成员资料转让给乙方，资料包括群成员昵称、手机号及宝宝出生月份。",
        ],
    )
    assert text == "不满十四周岁未成年人的个人信息"  # not 身份证: that is the seller's own


def test_a_clinic_gets_its_records_in_the_list_order(tmp_path: Path) -> None:
    text = _sensitive(
        tmp_path,
        [
            "诊所转让协议",
            "甲方：某某口腔诊所",
            "乙方：某某齿科有限公司",
            "第一条 甲方将诊所设备及患者档案转让给乙方，档案包括患者的过敏史、就诊记录及治疗前后照片。",
        ],
    )
    assert text == "病历、就诊记录、术前术后照片及健康状况"


def test_nothing_sensitive_named_gives_the_whole_default_list(tmp_path: Path) -> None:
    text = _sensitive(
        tmp_path,
        ["客户资源转让协议", "甲方：某公司", "乙方：某公司", "第一条 甲方将客户名单转让给乙方。"],
    )
    assert text == LIBRARY.words.sensitive["zh"].default


def test_english_lists_the_kinds_with_or(tmp_path: Path) -> None:
    text = _sensitive(
        tmp_path,
        [
            "Asset Purchase Agreement",
            "This Agreement is made between Lakeside Dental PLLC (the \u201cSeller\u201d) and Brightsmile "
            "Holdings LLC (the \u201cBuyer\u201d).",
            "1. The Seller sells to the Buyer the practice equipment and the patient records, including "
            "treatment histories, x-rays and the records of pediatric patients (children under 13).",
        ],
        "en",
    )
    assert text == "health or medical data or data of minors under fourteen"


def test_a_bad_sensitive_regex_is_a_rule_file_error(tmp_path: Path) -> None:
    folder = tmp_path / "replacements"
    shutil.copytree(default_clauses_dir() / "replacements", folder)
    index = folder / "index.yaml"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("'行踪|轨迹", "'(行踪|轨迹", 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match="sensitive"):
        ReplacementLibrary.load(folder)


def test_under_another_law_the_list_speaks_of_minors_not_prcs_age_line(tmp_path: Path) -> None:
    """Fourteen is PRC's line (PIPL art. 28); a Taiwan-law or an English-law agreement draws its own."""
    taiwan = _sensitive(
        tmp_path,
        [
            "補習班轉讓契約書",
            "甲方：台中某某文理補習班",
            "乙方：某某教育股份有限公司",
            "第一條 甲方將補習班之設備及學生資料移轉予乙方，資料包括學生姓名、就讀學校及家長電話。",
            "第九條 本契約以中華民國法律為準據法。",
        ],
        "zh-Hant",
    )
    assert "未成年人" in taiwan and "十四" not in taiwan
    english = _sensitive(
        tmp_path,
        [
            "Business Sale Agreement",
            "This Agreement is made between Brightway Tutors Ltd (the Seller) and Oakfield Learning Ltd (the Buyer).",
            "1. The Seller shall transfer to the Buyer the pupil list with each child's name, school and parent's phone.",
            "12. This Agreement is governed by the laws of England and Wales.",
        ],
        "en",
    )
    assert "minors" in english and "fourteen" not in english
    mainland = _sensitive(
        tmp_path,
        [
            "培训机构转让协议",
            "甲方：南京某某培训中心",
            "乙方：南京某某教育科技有限公司",
            "第一条 甲方将学员资料转让给乙方，资料包括学生姓名、就读学校及家长电话。",
            "第九条 本协议适用中华人民共和国法律。",
        ],
    )
    assert mainland == "不满十四周岁未成年人的个人信息"

"""Literal clause labels at the start of a paragraph, and the clause path built from them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from draft_agreement.model.labels import ClausePathTracker, literal_label
from draft_agreement.model.numbering import format_number

# (paragraph text, label as written, kind, the clause text that follows the label)
POSITIVE = [
    ("第三条 保密义务", "第三条", "article", "保密义务"),
    ("第三条：保密义务", "第三条", "article", "保密义务"),
    ("第3条 账户转让", "第3条", "article", "账户转让"),
    ("第十二条　违约责任", "第十二条", "article", "违约责任"),
    ("第 12 条 其他", "第 12 条", "article", "其他"),
    ("第一条甲方应当", "第一条", "article", "甲方应当"),
    ("第一章 总则", "第一章", "chapter", "总则"),
    ("第二节 个人信息", "第二节", "cn-section", "个人信息"),
    ("第一部分 合同协议书", "第一部分", "part", "合同协议书"),
    ("1. 甲方", "1.", "decimal-1", "甲方"),
    ("1.甲方", "1.", "decimal-1", "甲方"),
    ("1、甲方应当", "1、", "decimal-1", "甲方应当"),
    ("1.1 Definitions", "1.1", "decimal-2", "Definitions"),
    ("1.1甲方应保证", "1.1", "decimal-2", "甲方应保证"),
    ("1.1. The Seller", "1.1.", "decimal-2", "The Seller"),
    ("1.1.1 乙方", "1.1.1", "decimal-3", "乙方"),
    ("12.3.4.5 Notices", "12.3.4.5", "decimal-4", "Notices"),
    ("1\tDefinitions", "1", "decimal-1", "Definitions"),
    ("1 Definitions", "1", "decimal-1", "Definitions"),
    ("3 定义", "3", "decimal-1", "定义"),
    ("１．甲方", "１．", "decimal-1", "甲方"),
    ("1) 甲方", "1)", "decimal-rparen", "甲方"),
    ("1）甲方", "1）", "decimal-rparen", "甲方"),
    ("(a) the Seller shall", "(a)", "paren-alpha", "the Seller shall"),
    ("(A) Buyer", "(A)", "paren-ALPHA", "Buyer"),
    ("(aa) more", "(aa)", "paren-alpha", "more"),
    ("(i) the", "(i)", "paren-roman", "the"),
    ("(iv) the", "(iv)", "paren-roman", "the"),
    ("(IV) THE", "(IV)", "paren-ROMAN", "THE"),
    ("(1) 甲方", "(1)", "paren-decimal", "甲方"),
    ("（1）甲方", "（1）", "paren-decimal", "甲方"),
    ("⑴ 甲方", "⑴", "paren-decimal", "甲方"),
    ("a) the", "a)", "alpha-rparen", "the"),
    ("a. the", "a.", "alpha-dot", "the"),
    ("A. Definitions", "A.", "ALPHA-dot", "Definitions"),
    ("iv) the", "iv)", "roman-rparen", "the"),
    ("I. Introduction", "I.", "ROMAN-dot", "Introduction"),
    ("一、总则", "一、", "cn-dun", "总则"),
    ("十一、其他", "十一、", "cn-dun", "其他"),
    ("（一）甲方的权利", "（一）", "cn-paren", "甲方的权利"),
    ("(一) 甲方", "(一)", "cn-paren", "甲方"),
    ("① 甲方", "①", "circled", "甲方"),
    ("⑳乙方", "⑳", "circled", "乙方"),
    ("⒈ 甲方", "⒈", "decimal-1", "甲方"),
    ("Article 3 Confidentiality", "Article 3", "article", "Confidentiality"),
    ("ARTICLE III – DEFINITIONS", "ARTICLE III", "article", "– DEFINITIONS"),
    ("Section 2.1 Term", "Section 2.1", "section", "Term"),
    ("Section 2.1: Term", "Section 2.1", "section", "Term"),
    ("Clause 4. Payment", "Clause 4", "clause", "Payment"),
    ("Schedule 1", "Schedule 1", "schedule", ""),
    ("Annex 1 Data Categories", "Annex 1", "schedule", "Data Categories"),
    ("Exhibit A “Form”", "Exhibit A", "schedule", "“Form”"),
    ("Chapter 2 General", "Chapter 2", "chapter", "General"),
    ("附件一：账户清单", "附件一", "schedule", "账户清单"),
    ("附件1 清单", "附件1", "schedule", "清单"),
    ("  \u3000第四条　费用", "第四条", "article", "费用"),
    ("\t1.2\u3000甲方", "1.2", "decimal-2", "甲方"),
]

# Traditional Chinese forms of the same labels.
TRADITIONAL = [
    ("第3條 保密", "第3條", "article", "保密"),
    ("第十二條：違約責任", "第十二條", "article", "違約責任"),
    ("第一節 總則", "第一節", "cn-section", "總則"),
    ("第一編 通則", "第一編", "part", "通則"),
    ("附錄一：帳戶", "附錄一", "schedule", "帳戶"),
    ("（壹）甲方", "（壹）", "cn-paren", "甲方"),
    ("貳、乙方", "貳、", "cn-dun", "乙方"),
    ("第兩條 其他", "第兩條", "article", "其他"),
]

NEGATIVE = [
    "2021年3月1日签署",
    "1.5万元",
    "1.5 万元",
    "3.5%",
    "3.5 %",
    "1.5 million",
    "12月31日前",
    "3 个工作日内",
    "100 元",
    "10:30",
    "123 Main Street",
    "1,000元",
    "2021.3.5 签署",
    "192.168.1.1 is the address",
    "5",
    "1.5",
    "Section 2 of this Agreement",
    "Schedule 1 to this Agreement",
    "第三条规定的义务",
    "第三条第二款",
    "第五条至第七条",
    "第三条、第五条",
    "附件二所列账户",
    "附件",
    "一般而言",
    "(see below)",
    "(2021)年",
    "e.g. the buyer",
    "A.B. Smith",
    "No. 5",
    "Note. text",
    "甲方应当",
    "",
    "   ",
]


@pytest.mark.parametrize(("text", "label", "kind", "rest"), POSITIVE + TRADITIONAL)
def test_literal_labels(text: str, label: str, kind: str, rest: str) -> None:
    found = literal_label(text)
    assert found is not None, text
    assert (found.text, found.kind) == (label, kind)
    assert text[found.end :] == rest


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_labels(text: str) -> None:
    assert literal_label(text) is None


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=0, max_value=99),
    st.sampled_from(["万元", "%", "％", "亿元", "元", "倍", "个月", "年", " 万元", " million", " per cent"]),
)
def test_amounts_are_never_labels(whole: int, fraction: int, unit: str) -> None:
    assert literal_label(f"{whole}.{fraction}{unit}") is None
    assert literal_label(f"{whole}{unit.strip()}") is None


@given(st.integers(min_value=1900, max_value=2100), st.integers(1, 12), st.integers(1, 28))
def test_dates_are_never_labels(year: int, month: int, day: int) -> None:
    for text in (
        f"{year}年{month}月{day}日",
        f"{month}月{day}日",
        f"{year}.{month}.{day}",
        f"{year}-{month:02d}",
    ):
        assert literal_label(text) is None, text


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["chineseCountingThousand", "decimal"]))
def test_article_numbers_in_any_form(n: int, fmt: str) -> None:
    number = format_number(n, fmt)
    for unit in ("条", "條"):
        found = literal_label(f"第{number}{unit} 标题")
        assert found is not None and found.text == f"第{number}{unit}" and found.kind == "article"


@given(
    st.text(alphabet="第一二十条章节1234567890.．、()（）aAiIvV §:：\t\u3000年月万元%Section ", max_size=20)
)
def test_any_text_gives_a_consistent_label_or_none(text: str) -> None:
    found = literal_label(text)
    if found is not None:
        start = len(text) - len(text.lstrip(" \t\u3000\u00a0"))
        assert text.startswith(found.text, start)
        assert start + len(found.text) <= found.end <= len(text)


# --- clause path --------------------------------------------------------------------------------------


def _paths(lines: list[str]) -> list[tuple[str, ...]]:
    tracker = ClausePathTracker()
    out = []
    for line in lines:
        found = literal_label(line)
        out.append(tracker.feed(found.text if found else None, found.kind if found else None))
    return out


def test_chinese_agreement_path() -> None:
    lines = [
        "账户转让协议",
        "第一章 总则",
        "第一条 定义",
        "（一）甲方",
        "1. 子项",
        "（二）乙方",
        "本条其余内容。",
        "第二条 价款",
        "第二章 权利义务",
        "第三条 保密",
        "附件一：账户清单",
        "1. 账户",
    ]
    assert _paths(lines) == [
        (),
        ("第一章",),
        ("第一章", "第一条"),
        ("第一章", "第一条", "（一）"),
        ("第一章", "第一条", "（一）", "1."),
        ("第一章", "第一条", "（二）"),
        ("第一章", "第一条", "（二）"),
        ("第一章", "第二条"),
        ("第二章",),
        ("第二章", "第三条"),
        ("附件一",),
        ("附件一", "1."),
    ]


def test_decimal_depth_nests_under_the_shorter_number() -> None:
    lines = ["1. Definitions", "(a) foo", "1.1 Term", "1.1.1 Detail", "1.2 Other", "2. Price", "2.1 Amount"]
    assert _paths(lines) == [
        ("1.",),
        ("1.", "(a)"),
        ("1.", "1.1"),
        ("1.", "1.1", "1.1.1"),
        ("1.", "1.2"),
        ("2.",),
        ("2.", "2.1"),
    ]


def test_section_nests_under_article() -> None:
    lines = ["Article 1 Definitions", "Section 1.01 Terms", "(a) x", "Section 1.02 More", "Article 2 Price"]
    assert _paths(lines) == [
        ("Article 1",),
        ("Article 1", "Section 1.01"),
        ("Article 1", "Section 1.01", "(a)"),
        ("Article 1", "Section 1.02"),
        ("Article 2",),
    ]


def test_automatic_and_literal_labels_share_one_hierarchy() -> None:
    tracker = ClausePathTracker()
    assert tracker.feed("第一条", "auto-0") == ("第一条",)
    assert tracker.feed("1.1", "auto-1") == ("第一条", "1.1")
    assert tracker.feed("（一）", "cn-paren") == ("第一条", "1.1", "（一）")
    assert tracker.feed("1.2", "auto-1") == ("第一条", "1.2")
    assert tracker.feed(None, None) == ("第一条", "1.2")
    assert tracker.feed("第二条", "auto-0") == ("第二条",)


def test_automatic_chapter_keeps_literal_articles_beneath_it() -> None:
    tracker = ClausePathTracker()
    assert tracker.feed("第一章", "auto-0") == ("第一章",)
    assert tracker.feed("第一条", "article") == ("第一章", "第一条")
    assert tracker.feed("第二条", "article") == ("第一章", "第二条")
    assert tracker.feed("第二章", "auto-0") == ("第二章",)
    literal_first = ClausePathTracker()
    literal_first.feed("第一章", "chapter")
    literal_first.feed("第一条", "article")
    assert literal_first.feed("第二章", "auto-0") == ("第二章",)


def test_automatic_labels_count_as_the_decimal_they_read_as() -> None:
    tracker = ClausePathTracker()
    assert tracker.feed("6.0", "decimal-2") == ("6.0",)  # e.g. a typed table-of-contents line
    assert tracker.feed("1.0", "auto-0") == ("1.0",)
    assert tracker.feed("(a)", "paren-alpha") == ("1.0", "(a)")
    assert tracker.feed("1.1", "auto-1") == ("1.0", "1.1")
    assert tracker.feed("2.", "decimal-1") == ("2.",)


def test_roman_i_after_h_continues_the_letters() -> None:
    assert _paths(["(g) x", "(h) x", "(i) x", "(j) x"])[-2:] == [("(i)",), ("(j)",)]
    assert _paths(["(a) x", "(i) x", "(ii) x", "(b) x"]) == [
        ("(a)",),
        ("(a)", "(i)"),
        ("(a)", "(ii)"),
        ("(b)",),
    ]


def test_a_label_needs_its_kind() -> None:
    with pytest.raises(ValueError):
        ClausePathTracker().feed("1.", None)


KINDS = [
    "chapter",
    "article",
    "schedule",
    "decimal-1",
    "decimal-2",
    "decimal-3",
    "auto-0",
    "auto-1",
    "paren-alpha",
    "cn-paren",
]


@given(st.lists(st.tuples(st.sampled_from(KINDS), st.booleans()), max_size=60))
def test_path_invariants(feed: list[tuple[str, bool]]) -> None:
    """The path ends with the label just fed, never holds one kind twice, and unlabelled paragraphs keep it."""
    tracker = ClausePathTracker()
    previous: tuple[str, ...] = ()
    for i, (kind, labelled) in enumerate(feed):
        label = f"{kind}#{i}"
        path = tracker.feed(label if labelled else None, kind if labelled else None)
        if labelled:
            assert path[-1] == label
            kinds = [entry.split("#")[0] for entry in path]
            assert len(kinds) == len(set(kinds))
        else:
            assert path == previous
        previous = path

"""Normalisation folds text for matching and maps every character back to the original.

The oracle is a slow, obviously-correct re-implementation written here from the specification (NFKC per
character cluster, lower case, OpenCC one-to-one Traditional→Simplified, whitespace dropped next to CJK
and collapsed elsewhere); the library's fast paths must agree with it exactly.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from draft_agreement.reviewing.normalize import join_normalized, normalize

_OPENCC = Path(opencc.__file__).parent / "dictionary"
_EXTRA = {"帐": "账", "暱": "昵", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}


def _one_to_one(name: str) -> dict[str, str]:
    table = {}
    for line in (_OPENCC / name).read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        if len(key) == 1 and len(first) == 1:
            table[key] = first
    return table


VARIANTS = {**_one_to_one("HKVariantsRev.txt"), **_one_to_one("TWVariantsRev.txt")}
T2S = _one_to_one("TSCharacters.txt")


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _fold(cluster: str) -> str:
    out = ""
    for ch in unicodedata.normalize("NFKC", cluster).lower():
        if unicodedata.category(ch) == "Cf":
            continue
        ch = VARIANTS.get(ch, ch)
        ch = T2S.get(ch, ch)
        out += _EXTRA.get(ch, ch)
    return out


def reference(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Clusters (a non-space base plus combining marks) folded one by one; whitespace decided last."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    pending: tuple[int, int] | None = None  # a whitespace run waiting for its right neighbour
    i = 0
    while i < len(text):
        j = i + 1
        if not text[i].isspace():
            while j < len(text) and unicodedata.category(text[j]).startswith("M"):
                j += 1
        if text[i].isspace():
            pending = (pending[0], j) if pending else (i, j)
        else:
            folded = _fold(text[i:j])
            if folded:
                if pending is not None and chars and not _wide(chars[-1]) and not _wide(folded[0]):
                    chars.append(" ")
                    spans.append(pending)
                pending = None
                for ch in folded:
                    chars.append(ch)
                    spans.append((i, j))
        i = j
    return "".join(chars), spans


MIXED = st.lists(
    st.sampled_from(
        list("甲方將帳號轉讓給乙方账号密码微信好友客戶資料")
        + list("Seller shall not SELL the Account ")
        + list("ＡＢＣ１２３，；：（）")
        + [
            " ",
            "  ",
            "\t",
            "\n",
            "\u3000",
            "\u00a0",
            "\u200b",
            "\u00ad",
            "e\u0301",
            "\u0301",
            "①",
            "ﬁ",
            "’",
            "“",
        ]
    ),
    max_size=40,
).map("".join)


@given(MIXED)
@settings(max_examples=400, deadline=None)
def test_matches_reference(text: str) -> None:
    norm = normalize(text)
    expected, spans = reference(text)
    assert norm.text == expected
    assert list(zip(norm.to_original, norm.to_original_end, strict=True)) == spans


@given(st.text(max_size=60))
@settings(max_examples=400, deadline=None)
def test_any_unicode_matches_reference(text: str) -> None:
    norm = normalize(text)
    expected, spans = reference(text)
    assert norm.text == expected
    assert list(zip(norm.to_original, norm.to_original_end, strict=True)) == spans


@given(MIXED, st.data())
@settings(max_examples=300, deadline=None)
def test_spans_map_back_to_the_same_characters(text: str, data: st.DataObject) -> None:
    norm = normalize(text)
    start = data.draw(st.integers(0, len(norm.text)))
    end = data.draw(st.integers(start, len(norm.text)))
    a, b = norm.span(start, end)
    assert 0 <= a <= b <= len(text)
    # The original stretch folds to exactly the normalised characters it covers: the requested ones plus
    # any that share a cluster with them (e + combining accent), ignoring spaces decided by neighbours.
    covered = "".join(
        ch
        for ch, s, e in zip(norm.text, norm.to_original, norm.to_original_end, strict=True)
        if a <= s and e <= b
    )
    assert norm.text[start:end] in covered
    assert normalize(text[a:b]).text.replace(" ", "") == covered.replace(" ", "")


@given(MIXED)
@settings(max_examples=300, deadline=None)
def test_offsets_are_monotonic_and_non_empty(text: str) -> None:
    norm = normalize(text)
    previous = (0, 0)
    for span in zip(norm.to_original, norm.to_original_end, strict=True):
        assert span[0] < span[1]
        assert span[0] >= previous[1] or span == previous  # one cluster may fold to several characters
        previous = span


def test_traditional_fullwidth_and_spacing_fold_together() -> None:
    forms = [
        "甲方將其帳號轉讓給乙方",
        "甲方将其账号转让给乙方",
        "甲 方 将 其 帐 号 转 让 给 乙 方",
        "甲方将其账号转让给乙方\u200b",
    ]
    assert {normalize(form).text for form in forms} == {"甲方将其账号转让给乙方"}
    assert normalize("ＰＡＳＳＷＯＲＤ：１２３").text == "password:123"
    assert normalize("Seller  SHALL\tnot\n sell").text == "seller shall not sell"
    assert normalize("WeChat 账号 QQ 号").text == "wechat账号qq号"


def test_span_points_at_original_traditional_characters() -> None:
    text = "1.1 甲方應將微信帳號交付乙方。"
    norm = normalize(text)
    start = norm.text.index("微信账号")
    a, b = norm.span(start, start + 4)
    assert text[a:b] == "微信帳號"


def test_empty_and_whitespace_only() -> None:
    assert normalize("").text == ""
    assert normalize(" \t\u3000 ").text == ""
    assert normalize(" \t ").span(0, 0) == (3, 3)


_JOIN_ALPHABET = st.sampled_from(
    list("ab Z9 \t\n\u3000甲方账号，。（）ＡＢ１２　﹐·-_:：\u00a0\u200b\u0301é")
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(_JOIN_ALPHABET, max_size=8), max_size=6))
def test_joining_normal_forms_is_normalizing_the_joined_text(texts: list[str]) -> None:
    """Review normalises each paragraph once and joins the results for the document-level checks;
    that must be exactly the normal form of the paragraphs joined by line breaks."""
    assert join_normalized([normalize(t).text for t in texts]) == normalize("\n".join(texts)).text

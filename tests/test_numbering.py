"""Automatic numbering: Word's own renderings (LIR corpus, cached TOC entries, accepted documents) and
hand-built numbering.xml fixtures whose expected labels are worked out by hand from the OOXML rules."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.model.numbering import NumberingRenderer, format_number
from draft_agreement.ooxml import MC_NS, W_BODY, W_NS, W_P, W_T, W_TAB, w

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "openxml-powertools"
NSMAP = {"w": W_NS, "mc": MC_NS, "w14": "http://schemas.microsoft.com/office/word/2010/wordml"}


def _need_corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS} (CI provides ../shared/corpus)")
    return CORPUS


# --- independent oracles ----------------------------------------------------------------------------

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_CANONICAL_ROMAN = re.compile(r"M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def parse_roman(text: str) -> int:
    values = [_ROMAN_VALUES[ch] for ch in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def roman_ok(label: str, n: int) -> bool:
    return parse_roman(label) == n and bool(_CANONICAL_ROMAN.fullmatch(label.upper()))


def parse_chinese(text: str) -> int:
    """Chinese numerals via Unicode's own numeric values: positional (一○一) or with 十/百/千 units."""
    if all(ch == "○" or unicodedata.numeric(ch) < 10 for ch in text):
        return int("".join("0" if ch == "○" else str(int(unicodedata.numeric(ch))) for ch in text))
    total = current = 0
    for ch in text:
        value = int(unicodedata.numeric(ch))
        if value >= 10:
            total += (current or 1) * value
            current = 0
        else:
            current = value
    return total + current


def chinese_counting_ok(label: str, n: int) -> bool:
    """Word's chineseCounting: 十, 十一, 二十一 below 100, then digit by digit with ○ for zero."""
    if parse_chinese(label) != n or "〇" in label:
        return False
    if n >= 100:
        return len(label) == len(str(n)) and not set(label) & set("十百千")
    return "○" not in label and not label.startswith("一十")


def chinese_thousand_ok(label: str, n: int) -> bool:
    """Word's chineseCountingThousand: unit words, one 〇 for a gap of zeros inside the number."""
    if parse_chinese(label) != n or "○" in label or label.startswith("一十"):
        return False
    inner_zero = "0" in str(n).rstrip("0")
    return label.count("〇") == (1 if inner_zero else 0)


_EN_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_EN_TEENS = (
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_NUMBERS = {word: i for i, word in enumerate(_EN_UNITS + _EN_TEENS)}
_EN_NUMBERS.update({word: 10 * i for i, word in enumerate(_EN_TENS, 2)})
_EN_ORDINALS = {
    "first": "one",
    "second": "two",
    "third": "three",
    "fifth": "five",
    "eighth": "eight",
    "ninth": "nine",
    "twelfth": "twelve",
}


def parse_english(text: str) -> int:
    """English number words (cardinal or ordinal) to an int, the way a reader would."""
    words = text.lower().replace("-", " ").split()
    last = words[-1]
    if last in _EN_ORDINALS:
        words[-1] = _EN_ORDINALS[last]
    elif last.endswith("ieth"):
        words[-1] = last[:-4] + "y"
    elif last.endswith("th") and last[:-2] in (*_EN_NUMBERS, "hundred", "thousand"):
        words[-1] = last[:-2]
    total = current = 0
    for word in words:
        if word == "hundred":
            assert 0 < current < 10, text
            current *= 100
        elif word == "thousand":
            total += current * 1000
            current = 0
        else:
            current += _EN_NUMBERS[word]
    return total + current


def english_ok(label: str, n: int) -> bool:
    """Word writes "One thousand two hundred thirty-fourth": capitalised, no "and", hyphenated tens."""
    if label[:1] != label[:1].upper() or label[1:] != label[1:].lower() or " and " in label:
        return False
    if re.search(r"(ty) (one|two|three|four|five|six|seven|eight|nine|first|second|third)", label.lower()):
        return False
    return parse_english(label) == n


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _letters(n: int, base: str) -> str:
    # Word repeats the letter (a..z, aa..zz, ...) and starts again after 30 rounds (780).
    cycle = (n - 1) % 780
    return chr(ord(base) + cycle % 26) * (cycle // 26 + 1)


def _counts_in_english(label: str, n: int) -> bool:
    return parse_english(label) == n


def _circled(label: str, n: int) -> bool:
    if n > 20:
        return label == str(n)
    return len(label) == 1 and "CIRCLED" in unicodedata.name(label) and unicodedata.numeric(label) == n


_STEMS = "甲乙丙丁戊己庚辛壬癸"  # the ten Heavenly Stems, in order

# Per LIR format: does `label` show the number n the way Word does?
_LIR_ORACLES: dict[str, Callable[[str, int], bool]] = {
    "decimal": lambda label, n: label == str(n),
    "decimalZero": lambda label, n: label == f"{n:02d}",
    "01": lambda label, n: label == str(n).zfill(2),
    "001": lambda label, n: label == str(n).zfill(3),
    "0001": lambda label, n: label == str(n).zfill(4),
    "00001": lambda label, n: label == str(n).zfill(5),
    "ordinal": lambda label, n: label == _ordinal(n),
    "upperLetter": lambda label, n: label == _letters(n, "A"),
    "lowerLetter": lambda label, n: label == _letters(n, "a"),
    "upperRoman": lambda label, n: label.isupper() and roman_ok(label, n),
    "lowerRoman": lambda label, n: label.islower() and roman_ok(label, n),
    "cardinalText": english_ok,
    "ordinalText": english_ok,
    "chineseCounting": chinese_counting_ok,
    "chineseCountingThousand": chinese_thousand_ok,
    "ideographTraditional": lambda label, n: label == (_STEMS[n - 1] if n <= 10 else str(n)),
    "decimalEnclosedCircle": _circled,
}


# --- corpus: Word's own renderings ------------------------------------------------------------------


def _open(path: Path) -> tuple[etree._Element, etree._Element | None, etree._Element | None]:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())

        def part(name: str) -> etree._Element | None:
            return etree.fromstring(z.read(name)) if name in names else None

        document = part("word/document.xml")
        assert document is not None
        return document, part("word/numbering.xml"), part("word/styles.xml")


def _text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(W_T))


def _body_labels(path: Path) -> list[tuple[etree._Element, str | None]]:
    document, numbering, styles = _open(path)
    renderer = NumberingRenderer(numbering, styles)
    out = []
    for p in document.find(W_BODY).iter(W_P):
        label = renderer.label(p)
        out.append((p, label.text if label else None))
    return out


def _lir_files() -> list[Path]:
    return sorted(CORPUS.glob("LIR*.docx")) if CORPUS.is_dir() else []


@pytest.mark.parametrize(
    "path",
    _lir_files() or [pytest.param(None, marks=pytest.mark.skip("no corpus"))],
    ids=lambda p: p.stem if p else "none",
)
def test_lir_corpus_labels_match_word(path: Path) -> None:
    """Each LIR file numbers paragraphs 1..N and its text states N; the label must be N in that format.

    Word renders cardinalText/ordinalText/ordinal in the paragraph's language; the renderer writes English
    on purpose, so the French and Russian files check that the English words count correctly.
    """
    _need_corpus()
    _, locale, fmt = re.fullmatch(r"(LIR\d+)-(\w\w-\w\w)-(\w+)", path.stem).groups()
    oracle = _LIR_ORACLES[fmt]
    if not locale.startswith("en") and fmt in ("cardinalText", "ordinalText"):
        oracle = _counts_in_english
    checked = 0
    for p, label in _body_labels(path):
        text = _text(p).strip()
        if not text.isdigit():
            assert label is None, (path.name, text, label)
            continue
        assert label is not None and label.endswith("|"), (path.name, text, label)
        assert oracle(label[:-1], int(text)), (path.name, text, label)
        checked += 1
    assert checked >= 19


_TOC_FILES = [
    "RP/RP052-Deleted-Para-Mark.docx",
    "RP/RP052-Deleted-Para-Mark-Accepted.docx",
    "RP/RP052-Deleted-Para-Mark-Rejected.docx",
    "HC022-Table-Of-Contents.docx",
    "HC031-Complicated-Document.docx",
]


@pytest.mark.parametrize("name", _TOC_FILES)
def test_cached_toc_entries_match_heading_numbers(name: str) -> None:
    """Word caches each TOC entry as "<number><tab><heading>"; the heading's rendered label must agree."""
    path = _need_corpus() / name
    document, numbering, styles = _open(path)
    toc: dict[str, str] = {}
    for link in document.iter(w("hyperlink")):
        anchor = link.get(w("anchor")) or ""
        pieces = []
        for el in link.iter(W_T, W_TAB):
            if el.tag == W_TAB:
                toc[anchor] = "".join(pieces)
                break
            pieces.append(el.text or "")
    renderer = NumberingRenderer(numbering, styles)
    compared = 0
    for p in document.find(W_BODY).iter(W_P):
        label = renderer.label(p)
        for mark in p.iter(w("bookmarkStart")):
            entry = toc.get(mark.get(w("name")) or "")
            if entry is None:
                continue
            assert entry == (label.text if label else _text(p)), (entry, label)
            compared += 1
    assert compared >= 3


def _rp_pairs() -> list[tuple[Path, Path]]:
    if not CORPUS.is_dir():
        return []
    pairs = []
    for accepted in sorted(CORPUS.glob("RP/*-Accepted.docx")):
        source = accepted.with_name(accepted.name.replace("-Accepted", ""))
        if source.exists():
            pairs.append((source, accepted))
    return pairs


def test_current_view_numbering_equals_the_accepted_document() -> None:
    """Deleted paragraph marks drop out of the count; the RP -Accepted files are the ground truth."""
    _need_corpus()
    numbered = 0
    for source, accepted in _rp_pairs():
        ours = [label for _, label in _body_labels(source) if label is not None]
        truth = [label for _, label in _body_labels(accepted) if label is not None]
        assert ours == truth, source.name
        numbered += bool(truth)
    assert numbered >= 5


def test_fully_deleted_numbered_items_get_no_label() -> None:
    path = _need_corpus() / "FA" / "RevTracking" / "002-DeletedNumberedParagraphs.docx"
    labels = [label for _, label in _body_labels(path)]
    assert labels == [None] * len(labels)


# --- hand-built fixtures ----------------------------------------------------------------------------


def _el(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    qattrs = {w(k): v for k, v in attrs.items()}
    if parent is None:
        return etree.Element(w(tag), qattrs, nsmap=NSMAP)
    return etree.SubElement(parent, w(tag), qattrs)


def lvl(
    ilvl: int, fmt: str = "decimal", text: str | None = None, start: int | None = 1, **flags: str
) -> etree._Element:
    el = _el("lvl", ilvl=str(ilvl))
    if start is not None:
        _el("start", el, val=str(start))
    _el("numFmt", el, val=fmt)
    for name, value in flags.items():
        _el(name, el, val=value)
    _el("lvlText", el, val=text if text is not None else f"%{ilvl + 1}.")
    return el


def numbering(*children: etree._Element) -> etree._Element:
    root = _el("numbering")
    for child in children:
        root.append(child)
    return root


def abstract(aid: str, *levels: etree._Element, **props: str) -> etree._Element:
    el = _el("abstractNum", abstractNumId=aid)
    for name, value in props.items():
        _el(name, el, val=value)
    for level in levels:
        el.append(level)
    return el


def num(
    nid: str, aid: str, starts: dict[int, int] | None = None, levels: Iterable[etree._Element] = ()
) -> etree._Element:
    el = _el("num", numId=nid)
    _el("abstractNumId", el, val=aid)
    replaced = {int(level.get(w("ilvl"))): level for level in levels}
    for ilvl in sorted(set(starts or {}) | set(replaced)):
        override = _el("lvlOverride", el, ilvl=str(ilvl))
        if starts and ilvl in starts:
            _el("startOverride", override, val=str(starts[ilvl]))
        if ilvl in replaced:
            override.append(replaced[ilvl])
    return el


def styles(
    *defs: tuple[str, str | None, str | None, str | None], default: str | None = None
) -> etree._Element:
    """defs: (styleId, basedOn, numId, ilvl); None leaves the property out."""
    root = _el("styles")
    for sid, based_on, num_id, ilvl in defs:
        style = _el("style", root, type="paragraph", styleId=sid)
        if sid == default:
            style.set(w("default"), "1")
        if based_on:
            _el("basedOn", style, val=based_on)
        ppr = _el("pPr", style)
        if num_id is not None or ilvl is not None:
            num_pr = _el("numPr", ppr)
            if ilvl is not None:
                _el("ilvl", num_pr, val=ilvl)
            if num_id is not None:
                _el("numId", num_pr, val=num_id)
    return root


def para(
    num_id: str | None = None, ilvl: int | None = None, style: str | None = None, mark: str | None = None
) -> etree._Element:
    """A paragraph with optional numPr, pStyle and a tracked paragraph mark ("del", "ins", "moveFrom")."""
    p = _el("p")
    ppr = _el("pPr", p)
    if style:
        _el("pStyle", ppr, val=style)
    if num_id is not None or ilvl is not None:
        num_pr = _el("numPr", ppr)
        if ilvl is not None:
            _el("ilvl", num_pr, val=str(ilvl))
        if num_id is not None:
            _el("numId", num_pr, val=num_id)
    if mark:
        _el(mark, _el("rPr", ppr), id="1", author="A", date="2024-01-01T00:00:00Z")
    return p


def render(
    numbering_el: etree._Element | None,
    paragraphs: list[etree._Element],
    styles_el: etree._Element | None = None,
) -> list[str | None]:
    renderer = NumberingRenderer(numbering_el, styles_el)
    return [label.text if (label := renderer.label(p)) else None for p in paragraphs]


def _contract_list() -> etree._Element:
    return abstract(
        "0",
        lvl(0, "chineseCounting", "第%1条"),
        lvl(1, "decimal", "%1.%2", isLgl="1"),
        lvl(2, "chineseCounting", "（%3）"),
        multiLevelType="multilevel",
    )


def test_chinese_contract_multilevel() -> None:
    levels = [0, 1, 1, 2, 2, 1, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    got = render(numbering(_contract_list(), num("1", "0")), [para("1", i) for i in levels])
    assert got[:10] == [
        "第一条",
        "1.1",
        "1.2",
        "（一）",
        "（二）",
        "1.3",
        "第二条",
        "2.1",
        "（一）",
        "第三条",
    ]
    assert got[-1] == "第十四条"


def test_levels_report_ilvl_and_num_id() -> None:
    renderer = NumberingRenderer(numbering(_contract_list(), num("7", "0")), None)
    label = renderer.label(para("7", 1))
    assert label is not None and (label.level, label.num_id) == (1, "7")


def test_unreached_level_shows_start_minus_one() -> None:
    doc = numbering(abstract("0", lvl(0), lvl(1, text="%1.%2."), lvl(2, text="%1.%2.%3")), num("1", "0"))
    assert render(doc, [para("1", 0), para("1", 2), para("1", 1), para("1", 2)]) == [
        "1.",
        "1.0.1",
        "1.1.",
        "1.1.1",
    ]


def test_lvl_restart_zero_never_restarts() -> None:
    doc = numbering(abstract("0", lvl(0), lvl(1, "lowerLetter", "(%2)", lvlRestart="0")), num("1", "0"))
    assert render(doc, [para("1", i) for i in (0, 1, 1, 0, 1)]) == ["1.", "(a)", "(b)", "2.", "(c)"]


def test_start_and_start_override_and_shared_counters() -> None:
    doc = numbering(
        abstract("0", lvl(0, start=5)),
        num("1", "0"),
        num("2", "0", starts={0: 1}),
        num("3", "0"),
    )
    paragraphs = [para("1", 0), para("1", 0), para("2", 0), para("2", 0), para("1", 0), para("3", 0)]
    # num 2 restarts the list at 1 on first use; afterwards every num of abstract 0 continues it.
    assert render(doc, paragraphs) == ["5.", "6.", "1.", "2.", "3.", "4."]


def test_full_level_override() -> None:
    doc = numbering(
        abstract("0", lvl(0)),
        num("1", "0"),
        num("2", "0", starts={0: 1}, levels=[lvl(0, "upperLetter", "%1)")]),
    )
    assert render(doc, [para("1", 0), para("2", 0), para("2", 0)]) == ["1.", "A)", "B)"]


def test_style_inherited_numbering_and_num_id_zero() -> None:
    doc = numbering(
        abstract(
            "0", lvl(0, "chineseCounting", "第%1章"), lvl(1, "chineseCounting", "第%2条", pStyle="Article")
        ),
        num("4", "0"),
    )
    sty = styles(
        ("Normal", None, None, None),
        ("Chapter", "Normal", "4", "0"),
        ("Level2", "Chapter", None, "1"),  # numId inherited along basedOn, ilvl its own
        ("Article", "Normal", "4", None),  # no ilvl: the level whose w:pStyle names this style
        ("Plain", "Chapter", "0", None),  # numId 0 switches the inherited numbering off
        default="Normal",
    )
    paragraphs = [
        para(style="Chapter"),
        para(style="Article"),
        para(style="Level2"),
        para(style="Plain"),
        para("0", style="Chapter"),  # paragraph-level numId 0 beats the style
        para(),  # default style, no numbering
        para(style="Chapter"),
        para(style="Article"),
    ]
    assert render(doc, paragraphs, sty) == [
        "第一章",
        "第一条",
        "第二条",
        None,
        None,
        None,
        "第二章",
        "第一条",
    ]


def test_legal_numbering_shows_decimal_but_keeps_decimal_zero() -> None:
    doc = numbering(
        abstract(
            "0",
            lvl(0, "upperRoman", "Article %1"),
            lvl(1, "decimalZero", "Section %1.%2", isLgl="1"),
            lvl(2, "lowerLetter", "(%3)"),
            lvl(3, "lowerRoman", "%1.%2.%3.%4", isLgl="1"),
        ),
        num("1", "0"),
    )
    paragraphs = [para("1", i) for i in (0, 0, 1, 1, 2, 3)]
    assert render(doc, paragraphs) == [
        "Article I",
        "Article II",
        "Section 2.01",
        "Section 2.02",
        "(a)",
        "2.02.1.1",
    ]


def test_num_style_link_uses_the_linked_definition() -> None:
    doc = numbering(
        abstract("0", lvl(0, "upperLetter", "%1."), styleLink="ContractList"),
        abstract("1", lvl(0, "decimal", "WRONG %1"), numStyleLink="ContractList"),
        num("1", "0"),
        num("2", "1"),
    )
    sty = _el("styles")
    style = _el("style", sty, type="numbering", styleId="ContractList")
    _el("numId", _el("numPr", _el("pPr", style)), val="1")
    assert render(doc, [para("2", 0), para("1", 0), para("2", 0)], sty) == ["A.", "B.", "C."]


def test_tracked_paragraph_marks() -> None:
    doc = numbering(abstract("0", lvl(0)), num("1", "0"))
    paragraphs = [
        para("1", 0),
        para("1", 0, mark="del"),
        para("1", 0, mark="ins"),
        para("1", 0, mark="moveFrom"),
        para("1", 0),
    ]
    assert render(doc, paragraphs) == ["1.", None, "2.", None, "3."]


def test_paragraphs_in_a_deleted_table_row_do_not_count() -> None:
    doc = numbering(abstract("0", lvl(0)), num("1", "0"))
    body = _el("body")
    first = para("1", 0)
    body.append(first)
    tbl = _el("tbl", body)
    gone_row = _el("tr", tbl)
    _el("del", _el("trPr", gone_row), id="2", author="A")
    gone = para("1", 0)
    _el("tc", gone_row).append(gone)
    kept = para("1", 0)
    _el("tc", _el("tr", tbl)).append(kept)
    assert render(doc, [first, gone, kept]) == ["1.", None, "2."]


def test_pprchange_is_ignored() -> None:
    doc = numbering(abstract("0", lvl(0)), num("1", "0"), num("2", "0", starts={0: 9}))
    p = para("1", 0)
    old = _el("pPrChange", p[0], id="3", author="A")
    _el("numId", _el("numPr", _el("pPr", old)), val="2")
    assert render(doc, [p, para("1", 0)]) == ["1.", "2."]


def test_bullets_none_unknown_and_missing_definitions() -> None:
    doc = numbering(
        abstract("0", lvl(0, "bullet", "\uf0b7"), lvl(1, "bullet", "•"), lvl(2, "none", "")),
        abstract("1", lvl(0, "someFutureFormat", "%1>")),
        abstract("2", lvl(0, "upperLetter"), multiLevelType="singleLevel"),
        num("1", "0"),
        num("2", "1"),
        num("3", "2"),
        num("4", "99"),
    )
    paragraphs = [
        para("1", 0),
        para("1", 1),
        para("1", 2),
        para("2", 0),
        para("3", 4),
        para("3", 4),
        para("4", 0),
        para("5", 0),
    ]
    assert render(doc, paragraphs) == ["\uf0b7", "•", None, "1>", "A.", "B.", None, None]
    assert render(None, [para("1", 0)]) == [None]


def test_start_defaults_to_zero() -> None:
    doc = numbering(abstract("0", lvl(0, start=None, text="%1)")), num("1", "0"))
    assert render(doc, [para("1", 0), para("1", 0)]) == ["0)", "1)"]


def test_w14_custom_zero_padded_format_with_fallback() -> None:
    level = _el("lvl", ilvl="0")
    _el("start", level, val="7")
    alternate = etree.SubElement(level, f"{{{MC_NS}}}AlternateContent")
    choice = etree.SubElement(alternate, f"{{{MC_NS}}}Choice", Requires="w14")
    _el("numFmt", choice, val="custom", format="001, 002, 003, ...")
    _el("numFmt", etree.SubElement(alternate, f"{{{MC_NS}}}Fallback"), val="decimal")
    _el("lvlText", level, val="%1.")
    assert render(numbering(abstract("0", level), num("1", "0")), [para("1", 0)]) == ["007."]


def test_speed_on_a_long_document() -> None:
    """20,000 numbered paragraphs must render in well under a second on a slow CI machine."""
    import time

    doc = numbering(_contract_list(), num("1", "0"))
    paragraphs = [para("1", i % 3) for i in range(20_000)]
    started = time.perf_counter()
    render(doc, paragraphs)
    assert time.perf_counter() - started < 2.0


# --- formats: properties against the independent parsers ---------------------------------------------


@given(st.integers(min_value=1, max_value=9999))
def test_roman_round_trip(n: int) -> None:
    assert roman_ok(format_number(n, "upperRoman"), n)
    assert format_number(n, "lowerRoman") == format_number(n, "upperRoman").lower()


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_round_trip(n: int) -> None:
    assert chinese_counting_ok(format_number(n, "chineseCounting"), n)
    assert chinese_thousand_ok(format_number(n, "chineseCountingThousand"), n)
    assert parse_chinese(format_number(n, "ideographDigital").replace("〇", "○")) == n


@given(st.integers(min_value=1, max_value=99_999))
def test_english_words_round_trip(n: int) -> None:
    assert english_ok(format_number(n, "cardinalText"), n)
    assert english_ok(format_number(n, "ordinalText"), n)


def test_format_spot_checks_and_fallbacks() -> None:
    assert [format_number(n, "chineseCountingThousand") for n in (10, 11, 20, 101, 110, 1010, 2000)] == [
        "十",
        "十一",
        "二十",
        "一百〇一",
        "一百一十",
        "一千〇一十",
        "二千",
    ]
    assert [format_number(n, "japaneseCounting") for n in (10, 100, 111, 2345)] == [
        "十",
        "百",
        "百十一",
        "二千三百四十五",
    ]
    assert format_number(12, "ideographZodiac") == "亥" and format_number(13, "ideographZodiac") == "13"
    assert format_number(11, "ideographTraditional") == "11"
    assert [format_number(n, "decimalEnclosedCircle") for n in (1, 20, 21)] == ["①", "⑳", "21"]
    assert (
        format_number(3, "decimalEnclosedParen") == "⑶" and format_number(3, "decimalEnclosedFullstop") == "⒊"
    )
    assert format_number(42, "decimalFullWidth") == "４２"
    assert format_number(27, "upperLetter") == "AA" and format_number(781, "lowerLetter") == "a"
    assert format_number(0, "upperRoman") == "0" and format_number(0, "decimalZero") == "00"
    assert format_number(5, "bullet") == "" and format_number(5, "none") == ""
    assert format_number(5, "hebrew2") == "5"

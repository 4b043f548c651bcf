"""No detectable identifier survives in any output: review JSON, table, SARIF, markdown, the redline's
comments and --report, and inspect. Identifiers are written every way people write them (separators,
widths, invisible characters); the oracle is the standard's digits, never the code's own detection."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from draft_agreement.api import redline
from draft_agreement.inspect import document_to_dict, outline_rows
from draft_agreement.model.document import load_document
from draft_agreement.report.markdown import render_markdown
from draft_agreement.report.sarif import render_sarif
from draft_agreement.report.table import render_table
from draft_agreement.reviewing.detectors import detect
from draft_agreement.reviewing.run import review_document
from tests.hostile import W_NS, docx_parts, write_zip
from tests.identifiers import (
    FULL_WIDTH,
    INVISIBLE,
    SEPARATORS,
    TO_ASCII,
    grouped,
    hidden_digits,
    id_check_digit,
    luhn_check_digit,
    spelled,
)

ROOT = Path(__file__).resolve().parents[1]
RISKY = "第一条 甲方同意将微信账号及登录密码转让给乙方，并交付客户资料："
FILLER = "乙方应当妥善保管上述资料，不得擅自向任何第三方披露，并应当采取必要措施确保其安全。"


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def _cell(text: str) -> str:
    return f"<w:tc>{_paragraph(text)}</w:tc>"


def write_agreement(path: Path, written: list[str]) -> Path:
    """Parties with their own details, a risky clause quoting the identifiers, a customer table listing
    them, and a long paragraph."""
    listed = "、".join(written)
    rows = "".join(f"<w:tr>{_cell(f'客户{i}')}{_cell(w)}</w:tr>" for i, w in enumerate(written))
    body = (
        _paragraph(f"甲方（转让方）：张三，身份证号码：{written[0]}，联系电话：{written[-1]}")
        + _paragraph("乙方（受让方）：李四")
        + _paragraph(RISKY + listed + "。")
        + f"<w:tbl><w:tr>{_cell('客户姓名')}{_cell('联系电话')}</w:tr>{rows}</w:tbl>"
        + _paragraph("第二条 客户名单：" + FILLER * 40 + listed + FILLER * 40)
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()
    return write_zip(path, docx_parts(document=document))


def _digits_only(text: str) -> str:
    drop = {ord(ch): None for ch in SEPARATORS + INVISIBLE}
    return text.translate(TO_ASCII).translate(drop)


def leaks(output: str, identifiers: list[tuple[str, str]]) -> list[str]:
    """What of the identifiers `output` shows: a detectable number, or digits a mask must hide."""
    found = [f"detected {d.value!r}" for d in detect(output)]
    digits = _digits_only(output)
    return found + [number for kind, number in identifiers if hidden_digits(kind, number) in digits]


def every_output(src: Path, out: Path, show_pii: bool = False) -> dict[str, str]:
    doc = load_document(src)
    report = review_document(doc, show_pii=show_pii)
    table = io.StringIO()
    render_table(report, Console(file=table, width=400, color_system=None), "zh")
    outcome = redline(src, out, show_pii=show_pii)
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    return {
        "json": json.dumps(report.to_dict(), ensure_ascii=False),
        "table": table.getvalue(),
        "sarif": json.dumps(render_sarif([report]), ensure_ascii=False),
        "markdown": render_markdown(report, "zh"),
        "comments": comments,
        "redline --report": json.dumps(outcome.report.to_dict(), ensure_ascii=False),
        "inspect json": json.dumps(document_to_dict(doc, show_pii), ensure_ascii=False),
        "inspect outline": "\n".join(" ".join(row) for row in outline_rows(doc, 10_000, show_pii)),
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(spelled(), min_size=1, max_size=4))
def test_no_spelling_survives_in_any_output(
    tmp_path_factory: pytest.TempPathFactory, cases: list[tuple[str, str, str]]
) -> None:
    tmp = tmp_path_factory.mktemp("masking")
    src = write_agreement(tmp / "in.docx", [written for _, _, written in cases])
    identifiers = [(kind, number) for kind, number, _ in cases]
    outputs = every_output(src, tmp / "out.docx")
    assert {name: leaks(text, identifiers) for name, text in outputs.items()} == dict.fromkeys(outputs, [])
    # The oracle can fail: with --show-pii the numbers are there.
    shown = every_output(src, tmp / "shown.docx", show_pii=True)
    assert leaks(shown["json"], identifiers) and leaks(shown["inspect json"], identifiers)


def _fixed_spellings() -> list[tuple[str, str, str]]:
    """The spellings an attacker tried, one of each (kind, digits, as written)."""
    first17 = "11010519491231002"
    rid = first17 + id_check_digit(first17)
    with_x = next(
        f"320202199003071{n:02d}" for n in range(100) if id_check_digit(f"320202199003071{n:02d}") == "X"
    )
    rid_x = with_x + "X"
    card = "622202000012345678"[:15]
    card = card + luhn_check_digit(card)
    card19 = "621483001234567890"
    card19 = card19 + luhn_check_digit(card19)
    mob = "13912345678"
    spellings = [
        ("resident-id", rid, rid),
        ("resident-id", rid_x, rid_x.lower()),
        ("resident-id", rid, grouped(rid, " ", [6, 8, 4])),
        ("resident-id", rid, grouped(rid, "-", [6, 8, 4])),
        ("resident-id", rid, grouped(rid, "\u00a0", [6, 8, 4])),
        ("resident-id", rid, grouped(rid, "\u200b", [6, 8, 4])),
        ("resident-id", rid, grouped(rid, "\u2013", [6, 8, 4])),
        ("resident-id", rid, grouped(rid, " ", [6, 4, 4, 4])),
        ("resident-id", rid, rid.translate(FULL_WIDTH)),
        ("resident-id", rid, grouped(rid, "\u3000", [6, 8, 4]).translate(FULL_WIDTH)),
        ("resident-id", "110105491231002", "110105491231002"),
        ("resident-id", rid, f"ID{rid}号"),
        ("mobile", mob, mob),
        ("mobile", mob, grouped(mob, " ", [3, 4, 4])),
        ("mobile", mob, grouped(mob, "-", [3, 4, 4])),
        ("mobile", mob, grouped(mob, ".", [3, 4, 4])),
        ("mobile", mob, grouped(mob, "\u2013", [3, 4, 4])),
        ("mobile", mob, grouped(mob, "\u00a0", [3, 4, 4])),
        ("mobile", mob, "+86 " + mob),
        ("mobile", mob, "0086-" + grouped(mob, "-", [3, 4, 4])),
        ("mobile", mob, "+86\u00a0" + grouped(mob, "\u00a0", [3, 4, 4])),
        ("mobile", mob, mob.translate(FULL_WIDTH)),
        ("mobile", mob, mob[:3] + "\u200b" + mob[3:]),
        ("bank-card", card, card),
        ("bank-card", card19, card19),
        ("bank-card", card, grouped(card, " ", [4, 4, 4, 4])),
        ("bank-card", card, grouped(card, "-", [4, 4, 4, 4])),
        ("bank-card", card, grouped(card, "\u00a0", [4, 4, 4, 4])),
        ("bank-card", card, card.translate(FULL_WIDTH)),
        ("bank-card", card19, grouped(card19, " ", [4, 4, 4, 4])),
    ]
    return spellings


def _cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "draft_agreement", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )


def test_fixed_spellings_are_detected() -> None:
    for kind, number, written in _fixed_spellings():
        [found] = detect(f"客户：{written}。")
        assert found.kind == kind
        digits = _digits_only(found.value).upper().removeprefix("+86").removeprefix("0086")
        assert digits == number.upper(), written


def test_no_fixed_spelling_leaks_from_the_command_line(tmp_path: Path) -> None:
    spellings = _fixed_spellings()
    src = write_agreement(tmp_path / "spellings.docx", [w for _, _, w in spellings])
    identifiers = [(kind, number) for kind, number, _ in spellings]
    outputs = {
        fmt: _cli("review", src, "--format", fmt).stdout for fmt in ("json", "table", "sarif", "markdown")
    }
    redlined = _cli("redline", src, "-o", tmp_path / "out.docx", "--report", tmp_path / "report.json")
    assert redlined.returncode == 1, redlined.stderr
    outputs["redline --report"] = (tmp_path / "report.json").read_text(encoding="utf-8")
    outputs["inspect json"] = _cli("inspect", src, "--format", "json").stdout
    outputs["inspect outline"] = _cli("inspect", src, "--width", "5000").stdout
    assert all(outputs.values())
    assert {name: leaks(text, identifiers) for name, text in outputs.items()} == dict.fromkeys(outputs, [])
    shown = _cli("inspect", src, "--format", "json", "--show-pii").stdout
    assert len(leaks(shown, identifiers)) >= len(spellings)

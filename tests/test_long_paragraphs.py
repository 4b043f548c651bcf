"""A customer list pasted as one paragraph: the work and the report grow with its length, not its square.

Review used to detect and mask the whole paragraph once per identifier and store all of it in every
finding; the redline read the paragraph three times per comment. These tests count that work (never
time it: speed is measured in bench/identifier_scaling.py) so a quadratic path fails here.
"""

from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draft_agreement.api import redline
from draft_agreement.model.document import load_document
from draft_agreement.redlining import runs
from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter
from draft_agreement.reviewing import detectors, masking, quoting, run
from draft_agreement.reviewing.run import review_document
from tests.docgen import paragraph_xml, write_docx
from tests.hostile import W_NS, docx_parts, write_zip
from tests.identifiers import MOBILE_PREFIXES, hidden_digits, id_check_digit, luhn_check_digit
from tests.oracle import part_signature, read_part, rejected_ours, structural_problems
from tests.test_masking import write_agreement


def customer_list(count: int, seed: int = 7) -> tuple[list[str], list[tuple[str, str]]]:
    """`count` customers, each with an ID, a mobile and a card; the entries and the numbers."""
    rng = random.Random(seed)
    entries, numbers = [], []
    for i in range(count):
        first17 = f"11010{rng.randrange(1, 9)}{rng.randrange(1950, 2005)}0{rng.randrange(1, 10)}1{rng.randrange(10)}"
        first17 += f"{rng.randrange(1000):03d}"
        rid = first17 + id_check_digit(first17)
        mobile = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        card = f"622202{rng.randrange(10**9):09d}"
        card += luhn_check_digit(card)
        entries.append(f"客户{i}：身份证{rid}，手机{mobile}，银行卡{card}")
        numbers += [("resident-id", rid), ("mobile", mobile), ("bank-card", card)]
    return entries, numbers


def _one_paragraph(folder: Path, entries: list[str]) -> Path:
    text = "第三条 备注：" + "；".join(entries) + "。"
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>'
        f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    return write_zip(folder / "list.docx", docx_parts(document=document))


class Counted:
    """Wraps a function and adds up the length of its first argument over all calls."""

    def __init__(self, fn):  # type: ignore[no-untyped-def]
        self.fn, self.calls, self.chars = fn, 0, 0

    def __call__(self, arg, *rest):  # type: ignore[no-untyped-def]
        self.calls += 1
        self.chars += len(arg) if isinstance(arg, str) else 0
        return self.fn(arg, *rest)


@pytest.mark.parametrize("count", [20, 200])
def test_review_detects_each_paragraph_a_bounded_number_of_times(
    count: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries, numbers = customer_list(count)
    doc = load_document(_one_paragraph(tmp_path, entries))
    counted = Counted(detectors.detect)
    for module in (run, quoting, masking):
        monkeypatch.setattr(module, "detect", counted)
    report = review_document(doc)
    length = len(doc.paragraph("body", 0).text)
    assert sum(f.rule == "detect.embedded-identifiers" for f in report.findings) == len(numbers)
    assert counted.chars <= 2 * length  # the text once (and the shown text once), not once a finding
    # Each finding quotes a bounded window, so the report grows with the paragraph, not its square.
    whole = masking.mask_text(doc.paragraph("body", 0).display_text)
    for f in report.findings:
        assert f.text is not None and f.paragraph_text is not None and f.text in f.paragraph_text
        if length <= quoting.WHOLE_PARAGRAPH:
            assert f.paragraph_text == whole
        else:
            assert len(f.paragraph_text) <= 2 * quoting.CONTEXT + len(f.text) + 2
    serialized = json.dumps(report.to_dict(), ensure_ascii=False)
    assert not [n for kind, n in numbers if hidden_digits(kind, n) in serialized]


def test_a_short_paragraph_is_still_quoted_whole(tmp_path: Path) -> None:
    entries, _ = customer_list(3)
    doc = load_document(_one_paragraph(tmp_path, entries))
    assert len(doc.paragraph("body", 0).text) < quoting.WHOLE_PARAGRAPH
    report = review_document(doc)
    assert {f.paragraph_text for f in report.findings} == {masking.mask_text(doc.paragraph("body", 0).text)}


def test_a_long_paragraph_is_quoted_around_each_match(tmp_path: Path) -> None:
    src = write_agreement(tmp_path / "in.docx", ["13912345678"])
    doc = load_document(src)
    long = next(p for p in doc.paragraphs() if len(p.text) > quoting.WHOLE_PARAGRAPH)
    [finding] = [
        f for f in review_document(doc).findings if f.location and f.location.paragraph == long.index
    ]
    loc = finding.location
    quoted = finding.paragraph_text
    assert quoted.startswith("…") and quoted.endswith("…")
    assert (
        quoted[1:-1] == masking.mask_text(long.text)[loc.start - quoting.CONTEXT : loc.end + quoting.CONTEXT]
    )


def test_redline_reads_a_paragraph_a_fixed_number_of_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries, numbers = customer_list(150)
    src = _one_paragraph(tmp_path, entries)
    reads = Counted(runs.read_paragraph)
    monkeypatch.setattr(runs, "read_paragraph", reads)
    outcome = redline(src, tmp_path / "out.docx")
    assert len(numbers) > 100 and outcome.result.comments == 1  # one comment per clause, however many numbers
    assert reads.calls <= 2  # one map before the cuts, one after: not three per comment
    result = load_document(tmp_path / "out.docx")
    assert result.paragraph("body", 0).text == load_document(src).paragraph("body", 0).text
    assert part_signature(rejected_ours(tmp_path / "out.docx", "draft-agreement")) == part_signature(
        read_part(src)
    )


@st.composite
def dense_edits(draw: st.DrawFn, text: str) -> list[Edit]:
    """Up to 30 touching or separate spans in one paragraph, commented, replaced or both."""
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=60, unique=True)))
    edits = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if draw(st.booleans()):
            continue
        replacement = draw(st.one_of(st.none(), st.just(""), st.text("甲方同意 ab\t", max_size=5)))
        comment = draw(st.one_of(st.none(), st.just("理由")))
        if replacement is None and comment is None:
            comment = "note"
        edits.append(Edit("body", 0, start, end, replacement, comment))
    return edits


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraph_xml(), st.data(), st.sampled_from(list(Mode)))
def test_many_edits_in_one_paragraph_are_lossless(p, data: st.DataObject, mode: Mode) -> None:  # type: ignore[no-untyped-def]
    """All of a paragraph's spans are cut in one pass; touching spans, and a replacement inside its
    comment's span, come out as if each were cut alone: rejected gives the input, the text is the intent."""
    with tempfile.TemporaryDirectory() as tmp:
        src = write_docx(Path(tmp) / "in.docx", [p])
        doc = load_document(src)
        text = doc.paragraph("body", 0).text
        if not text:
            return
        edits = data.draw(dense_edits(text))
        writer = RedlineWriter(doc, "draft-agreement", "2026-01-01T00:00:00Z", mode)
        result = writer.apply(edits)
        out = Path(tmp) / "out.docx"
        writer.save(out)
        assert structural_problems(out) == []
        commented = [e for e in edits if e.comment]
        assert result.comments == (0 if mode is Mode.clean else len(commented))
        wanted = text
        if mode is not Mode.comments:
            for e in sorted(edits, key=lambda e: e.start, reverse=True):
                if e.replacement is not None:
                    wanted = wanted[: e.start] + e.replacement + wanted[e.end :]
        assert load_document(out).paragraph("body", 0).text == wanted
        if mode is not Mode.clean:
            assert part_signature(rejected_ours(out, "draft-agreement")) == part_signature(read_part(src))

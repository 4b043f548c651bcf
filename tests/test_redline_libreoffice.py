"""LibreOffice, a second implementation, reads our redlines as we mean them: it opens every output, counts
our comments and tracked changes, and its reject-all gives back the input's text while its accept-all gives
the intended text. All texts are compared as LibreOffice reads them (see tests.libreoffice.normalised)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.api import RedlineOutcome, accept, redline
from draft_agreement.model import load_document
from draft_agreement.ooxml import W_NS
from tests.docgen import paragraph_xml, write_docx
from tests.libreoffice import LibreOffice, Seen, normalised

try:  # the writer package is being renamed; either path is the same writer
    from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter
except ModuleNotFoundError:
    from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter

SAMPLES = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.docx"))
US = "draft-agreement"
MODES = ("track", "comments", "clean")
DATE = "2026-01-01T00:00:00Z"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# --- the bundled samples, through the public API, in every mode ------------------------------------------


@dataclass(frozen=True)
class SampleRun:
    outcome: dict[str, RedlineOutcome]  # by mode
    seen: dict[str, Seen]  # "input", each mode, and the track output after accept(): "all/ours accepted"


@pytest.fixture(scope="module", params=SAMPLES, ids=lambda p: p.name)
def sample(
    request: pytest.FixtureRequest, libreoffice: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> SampleRun:
    source: Path = request.param
    folder = tmp_path_factory.mktemp(source.stem)
    files = {"input": source} | {mode: folder / f"{mode}.docx" for mode in MODES}
    outcome = {mode: redline(source, files[mode], date="2026-01-01", mode=mode) for mode in MODES}
    files["all accepted"] = folder / "all-accepted.docx"
    files["ours accepted"] = folder / "ours-accepted.docx"
    accept(files["track"], files["all accepted"])
    accept(files["track"], files["ours accepted"], authors=[US])
    return SampleRun(outcome, dict(zip(files, libreoffice.read(*files.values()), strict=True)))


def test_sample_track_has_our_comments_and_changes(sample: SampleRun) -> None:
    result, seen, original = sample.outcome["track"].result, sample.seen["track"], sample.seen["input"]
    assert seen.comments == original.comments + result.comments
    # LibreOffice merges adjacent changes and counts another author's insertion twice once a comment
    # anchor splits it, so on a real document the count is only bounded from below.
    assert seen.redlines >= original.redlines + int(result.revisions > 0)


def test_sample_track_reject_all_gives_back_the_input(sample: SampleRun) -> None:
    assert normalised(sample.seen["track"].rejected) == normalised(sample.seen["input"].rejected)


def test_sample_track_accept_all_agrees_with_ours(sample: SampleRun) -> None:
    assert normalised(sample.seen["track"].accepted) == normalised(sample.seen["all accepted"].text)


def test_sample_comments_mode_adds_comments_only(sample: SampleRun) -> None:
    seen, original = sample.seen["comments"], sample.seen["input"]
    assert seen.comments == original.comments + sample.outcome["comments"].result.comments
    assert seen.redlines >= original.redlines
    for view in ("text", "accepted", "rejected"):
        assert normalised(getattr(seen, view)) == normalised(getattr(original, view)), view


def test_sample_clean_mode_is_the_track_output_with_ours_accepted(sample: SampleRun) -> None:
    """Clean mode keeps the other reviewers' changes, except where our edit struck the text they added."""
    seen, reference = sample.seen["clean"], sample.seen["ours accepted"]
    assert seen.comments == sample.seen["input"].comments
    assert seen.redlines == reference.redlines
    for view in ("text", "accepted", "rejected"):
        assert normalised(getattr(seen, view)) == normalised(getattr(reference, view)), view


# --- small hand-built agreements: exact counts and an independently spliced intended text ----------------


def _paragraph(*runs: tuple[str, bool]) -> etree._Element:
    p = etree.Element(_w("p"), nsmap={"w": W_NS})
    for text, bold in runs:
        r = etree.SubElement(p, _w("r"))
        if bold:
            etree.SubElement(etree.SubElement(r, _w("rPr")), _w("b"))
        t = etree.SubElement(r, _w("t"))
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


@dataclass(frozen=True)
class Fixture:
    name: str
    paragraphs: list[list[tuple[str, bool]]]
    edits: list[Edit]
    redlines: int  # one deletion per struck span, one insertion per non-empty replacement


FIXTURES = [
    Fixture(
        "replace-across-formatted-runs",
        [[("甲方将", False), ("微信账号", True), ("及密码转让给乙方。", False)]],
        [Edit("body", 0, 2, 11, "保留微信账号", "违反《个人信息保护法》第二十三条")],
        2,
    ),
    Fixture(
        "delete-one-replace-another-comment-a-third",
        [
            [("乙方不得告知客户账号已转让。", False)],
            [
                ("The Seller shall ", False),
                ("deliver the passwords", True),
                (" on the Handover Date.", False),
            ],
        ],
        [
            Edit("body", 0, 0, 14, "", "隐瞒条款"),
            Edit("body", 1, 0, 10, None, "who is the Seller?"),
            Edit("body", 1, 17, 38, "keep the passwords"),
        ],
        3,
    ),
    Fixture(
        "comments-only",
        [[("客户名单见附件一。", False)], [("附件一：客户名单", True)]],
        [Edit("body", 0, 0, 4, None, "敏感个人信息"), Edit("body", 1, 4, 8, None, "改为匿名统计")],
        0,
    ),
]


def _intended(texts: list[str], edits: list[Edit]) -> list[str]:
    out = list(texts)
    for e in sorted(edits, key=lambda e: (e.paragraph, e.start), reverse=True):
        if e.replacement is not None:
            out[e.paragraph] = out[e.paragraph][: e.start] + e.replacement + out[e.paragraph][e.end :]
    return out


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda f: f.name)
def test_small_fixture_counts_and_texts_are_exact(
    fixture: Fixture, libreoffice: LibreOffice, tmp_path: Path
) -> None:
    source = write_docx(tmp_path / "in.docx", [_paragraph(*runs) for runs in fixture.paragraphs])
    writer = RedlineWriter(load_document(source), US, DATE, Mode.track)
    result = writer.apply(fixture.edits)
    out = tmp_path / "out.docx"
    writer.save(out)
    original, seen = libreoffice.read(source, out)
    texts = ["".join(t for t, _ in runs) for runs in fixture.paragraphs]

    assert seen.redlines == fixture.redlines
    assert seen.comments == sum(1 for e in fixture.edits if e.comment) == result.comments
    assert original.text["body"] == texts
    assert seen.rejected["body"] == texts
    assert seen.accepted["body"] == _intended(texts, fixture.edits)


@pytest.mark.parametrize("source", SAMPLES, ids=lambda p: p.name)
def test_marks_in_headers_and_footers_open(source: Path, libreoffice: LibreOffice, tmp_path: Path) -> None:
    """A finding can sit in a header or footer (a title, a confidentiality line): tracked changes there
    open and resolve; comments there are refused by the writer (Word and LibreOffice reject them; the
    plan notes such findings on the body instead)."""
    doc = load_document(source)
    edits = []
    for story in (s for s in doc.stories if s.kind in ("header", "footer")):
        longest = max(story.paragraphs, key=lambda p: len(p.text))
        half = len(longest.text) // 2
        edits.append(Edit(story.id, longest.index, half, len(longest.text), "甲方保留账号"))
    assert edits, "every sample has a header and a footer"
    refused = RedlineWriter(load_document(source), US, DATE, Mode.track)
    with pytest.raises(ValueError, match="header"):
        refused.apply([Edit(edits[0].story, edits[0].paragraph, 0, 1, None, "note")])
    writer = RedlineWriter(doc, US, DATE, Mode.track)
    result = writer.apply(edits)
    out, ours = tmp_path / "out.docx", tmp_path / "accepted.docx"
    writer.save(out)
    accept(out, ours)
    original, seen, accepted_by_us = libreoffice.read(source, out, ours)

    assert result.comments == 0 and seen.comments == original.comments
    assert normalised(seen.rejected) == normalised(original.rejected)
    assert normalised(seen.accepted) == normalised(accepted_by_us.text)


# --- random agreements (fixed seed): others' revisions, hyperlinks, content controls, tabs, breaks -------


@st.composite
def _one_edit_per_paragraph(draw: st.DrawFn, texts: list[str]) -> list[Edit]:
    edits = []
    for i, text in enumerate(texts):
        if len(text) < 2 or not draw(st.booleans()):
            continue
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        replacement = draw(st.one_of(st.none(), st.just(""), st.sampled_from(["甲方保留账号", "keep it"])))
        comment = draw(st.one_of(st.none(), st.just("第二十三条")))
        edits.append(Edit("body", i, start, end, replacement, comment if replacement is not None else "note"))
    return edits


@settings(
    max_examples=8,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],  # each example costs LibreOffice loads; shrinking takes minutes
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(paragraph_xml(), min_size=1, max_size=4), st.data())
def test_random_agreement_reads_the_same_in_libreoffice(
    libreoffice: LibreOffice, paragraphs: list[etree._Element], data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = write_docx(Path(tmp) / "in.docx", paragraphs)
        doc = load_document(source)
        edits = data.draw(_one_edit_per_paragraph([p.text for p in doc.story("body").paragraphs]))
        writer = RedlineWriter(doc, US, DATE, Mode.track)
        result = writer.apply(edits)
        out, ours = Path(tmp) / "out.docx", Path(tmp) / "accepted.docx"
        writer.save(out)
        accept(out, ours)
        original, seen, accepted_by_us = libreoffice.read(source, out, ours)

    assert seen.comments == result.comments
    assert seen.redlines >= original.redlines + int(result.revisions > 0)
    assert normalised(seen.rejected) == normalised(original.rejected)
    assert normalised(seen.accepted) == normalised(accepted_by_us.text)

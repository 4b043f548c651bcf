"""Every real-world Word file of the shared corpus redlines, and every output is lossless.

Most corpus files have no findings, so beside the public redline each file also gets forced edits through
the writer: the middle third of the longest paragraph of every story is replaced and commented. Rejecting
our revisions must give back each story part exactly (text, formatting, others' revisions) and the
output must break none of Word's structural rules the input kept.

All 664 files run, every time (about 75 seconds here).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from draft_agreement.api import redline
from draft_agreement.errors import UnsupportedDocument
from draft_agreement.model import Document, load_document
from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter
from tests.corpus import CORPUS
from tests.oracle import part_signature, read_part, rejected_ours, structural_problems

if not CORPUS.is_dir():
    pytest.skip(
        f"{CORPUS} is absent (the shared corpus is only beside CI checkouts)", allow_module_level=True
    )

US = "draft-agreement"
DATE = "2026-01-01T00:00:00Z"
REPLACEMENT = "甲方保留账号"
FILES = sorted(CORPUS.rglob("*.docx"))


def _ids(path: Path) -> str:
    return str(path.relative_to(CORPUS))


def _assert_lossless(source: Path, output: Path, parts: list[str]) -> None:
    for part in parts:
        assert part_signature(rejected_ours(output, US, part)) == part_signature(read_part(source, part)), (
            part
        )
    # Sets, not counts: splitting another author's wrapper copies its attributes, flaws included.
    assert set(structural_problems(output)) - set(structural_problems(source)) == set()


def _files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i) for i in z.infolist() if not i.is_dir()}


def test_the_whole_corpus_is_here() -> None:
    assert len(FILES) > 600


@pytest.mark.parametrize("source", FILES, ids=_ids)
def test_corpus_file_redlines_losslessly(source: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.docx"
    try:
        outcome = redline(source, output, date="2026-01-01")
    except UnsupportedDocument as exc:
        assert "\n" not in str(exc) and str(exc).startswith(f"{source}: ")
        return
    if outcome.result.revisions or outcome.result.comments:
        _assert_lossless(source, output, list(dict.fromkeys(s.part for s in load_document(source).stories)))
    else:
        assert _files(output) == _files(source)  # nothing to say: every part is copied byte for byte


def _forced_edits(doc: Document) -> list[Edit]:
    """Replace the middle third of each story's longest paragraph; comment on it where Word allows
    comments (not in headers and footers)."""
    edits = []
    for story in doc.stories:
        longest = max(story.paragraphs, key=lambda p: len(p.text))
        n = len(longest.text)
        if n >= 3:
            note = None if story.kind in ("header", "footer") else "forced edit"
            edits.append(Edit(story.id, longest.index, n // 3, 2 * n // 3, REPLACEMENT, note))
    return edits


@pytest.mark.parametrize("source", FILES, ids=_ids)
def test_forced_edits_on_corpus_file_are_lossless(source: Path, tmp_path: Path) -> None:
    try:
        doc = load_document(source)
    except UnsupportedDocument:
        pytest.skip("refused on load; the redline test covers the refusal")
    edits = _forced_edits(doc)
    writer = RedlineWriter(doc, US, DATE, Mode.track)
    result = writer.apply(edits)
    output = tmp_path / "forced.docx"
    writer.save(output)

    assert result.comments == sum(1 for e in edits if e.comment)
    _assert_lossless(source, output, list(dict.fromkeys(s.part for s in doc.stories)))
    original, edited = load_document(source), load_document(output)
    for e in edits:
        old = original.paragraph(e.story, e.paragraph).text
        assert edited.paragraph(e.story, e.paragraph).text == old[: e.start] + REPLACEMENT + old[e.end :]

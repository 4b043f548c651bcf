"""The model reads tracked changes as Word does: its current view equals the -Accepted ground truth,
and its rejected view equals the -Rejected ground truth, for every file of the RP corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from draft_agreement.model import View, load_document
from tests.corpus import CORPUS, require, rp_cases


def _texts(path: Path, view: View) -> dict[str, list[str]]:
    """Each story's lines in `view`. Empty paragraphs are layout, not text, and are left out: the
    ground truth keeps some that Word itself would remove (a moved paragraph's old mark)."""
    doc = load_document(path)
    return {s.id: [line for line in doc.story_text(s.id, view).split("\n") if line] for s in doc.stories}


def _compare(original: Path, truth: Path, view: View) -> None:
    got = _texts(original, view)
    expected = _texts(truth, View.CURRENT)
    for story in sorted(set(got) | set(expected)):
        assert got.get(story, []) == expected.get(story, []), f"{original.name}: {story}"


@pytest.mark.parametrize(("original", "truth"), rp_cases("-Accepted"), ids=lambda p: p.name)
def test_current_view_equals_accepted(original: Path, truth: Path) -> None:
    _compare(original, truth, View.CURRENT)


@pytest.mark.parametrize(("original", "truth"), rp_cases("-Rejected"), ids=lambda p: p.name)
def test_rejected_view_equals_rejected(original: Path, truth: Path) -> None:
    _compare(original, truth, View.REJECTED)


def test_rp_corpus_present() -> None:
    require(CORPUS / "RP")
    assert len(rp_cases("-Accepted")) >= 50
    assert len(rp_cases("-Rejected")) >= 50

"""Our accept()/reject() commands agree with Word: on every file of the RP revision corpus, the resolved
file reads like its -Accepted / -Rejected ground truth, story by story, and holds no revision mark."""

from __future__ import annotations

from pathlib import Path

import pytest

from draft_agreement.api import accept, reject
from draft_agreement.model import View, load_document
from draft_agreement.ooxml import W_NS
from tests.corpus import CORPUS, require, rp_cases
from tests.oracle import read_part

_MARKS = [
    f"{{{W_NS}}}{tag}"
    for tag in (
        "ins",
        "del",
        "moveFrom",
        "moveTo",
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "trPrChange",
        "tcPrChange",
        "cellIns",
        "cellDel",
    )
]


def _texts(path: Path) -> dict[str, list[str]]:
    """Each story's lines. Empty paragraphs are layout, not text, and are left out: the ground truth
    keeps some that Word itself would remove (a moved paragraph's old mark)."""
    doc = load_document(path)
    return {
        s.id: [line for line in doc.story_text(s.id, View.CURRENT).split("\n") if line] for s in doc.stories
    }


def _compare(original: Path, truth: Path, resolved: Path) -> None:
    got, expected = _texts(resolved), _texts(truth)
    for story in sorted(set(got) | set(expected)):
        assert got.get(story, []) == expected.get(story, []), f"{original.name}: {story}"
    for part in dict.fromkeys(s.part for s in load_document(resolved).stories):
        left = [el.tag for el in read_part(resolved, part).iter(*_MARKS)]
        assert left == [], f"{part} still holds {sorted(set(left))}"


@pytest.mark.parametrize(("original", "truth"), rp_cases("-Accepted"), ids=lambda p: p.name)
def test_accept_equals_accepted_ground_truth(original: Path, truth: Path, tmp_path: Path) -> None:
    accept(original, tmp_path / "accepted.docx")
    _compare(original, truth, tmp_path / "accepted.docx")


@pytest.mark.parametrize(("original", "truth"), rp_cases("-Rejected"), ids=lambda p: p.name)
def test_reject_equals_rejected_ground_truth(original: Path, truth: Path, tmp_path: Path) -> None:
    reject(original, tmp_path / "rejected.docx")
    _compare(original, truth, tmp_path / "rejected.docx")


def test_ground_truth_is_present() -> None:
    require(CORPUS / "RP")
    assert len(rp_cases("-Accepted")) >= 50 and len(rp_cases("-Rejected")) >= 50

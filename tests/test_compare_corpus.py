"""Every WmlComparer compare pair in the shared corpus, both ways: accepting all of our changes gives the
newer file, rejecting all of them gives the older one (text, run formatting, paragraph properties), the
output keeps Word's structural rules, and neither input is touched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from draft_agreement.api import compare
from tests.compare_oracle import differences
from tests.corpus import CORPUS, require, wc_pairs
from tests.oracle import structural_problems

DATE = "2026-01-01T00:00:00Z"

# Pairs no tracked-change representation can take both ways in Word's own semantics, which our
# accept/reject follow (RP ground truth): a paragraph mark does not merge across a table, so a paragraph
# inserted right before an inserted table at the start of the body stays, emptied, when rejected; and a
# footnote emptied of every paragraph keeps the one Word requires.
_IMPOSSIBLE = {
    (
        "WC010-Para-Before-Table-Unmodified",
        "WC010-Para-Before-Table-Mod",
    ): "paragraph before an inserted table",
    ("WC010-Para-Before-Table-Mod", "WC010-Para-Before-Table-Unmodified"): "paragraph before a deleted table",
    ("WC063-Footnote", "WC063-Footnote-Mod"): "a footnote left without any paragraph",
    ("WC063-Footnote-Mod", "WC063-Footnote"): "a footnote that had no paragraph",
}


def _cases() -> list:
    cases = []
    for old, new in wc_pairs():
        reason = _IMPOSSIBLE.get((old.stem, new.stem))
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        cases.append(pytest.param(old, new, id=f"{old.stem}->{new.stem}", marks=marks))
    return cases


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("old", "new"), _cases())
def test_wc_pair_accepts_to_new_and_rejects_to_old(old: Path, new: Path, tmp_path: Path) -> None:
    before = (_digest(old), _digest(new))
    out = tmp_path / "redline.docx"
    compare(old, new, out, date=DATE)
    assert differences(old, new, out) == []
    assert structural_problems(out) == []
    assert (_digest(old), _digest(new)) == before


def test_the_corpus_pairs_cover_the_wmlcomparer_set() -> None:
    """Each WmlComparer WC test pair (WmlComparerTests.cs) is among ours, in both directions."""
    require(CORPUS / "WC")
    names = {(a.name, b.name) for a, b in wc_pairs()}
    for pair in (
        ("WC001-Digits.docx", "WC001-Digits-Mod.docx"),
        ("WC002-Unmodified.docx", "WC002-InsertAtEnd.docx"),
        ("WC006-Table.docx", "WC006-Table-Delete-Row.docx"),
        ("WC007-Unmodified.docx", "WC007-Moved-into-Table.docx"),
        ("WC034-Footnotes-Before.docx", "WC034-Footnotes-After3.docx"),
        ("WC066-Textbox-Before-Ins-Mod.docx", "WC066-Textbox-Before-Ins.docx"),
    ):
        assert pair in names and pair[::-1] in names
    assert len(names) >= 2 * 102

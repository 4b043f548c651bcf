"""Property tests: whatever the two versions, accepting every change of the comparison gives NEW and
rejecting every change gives OLD.

Two generators: agreement pairs with random edits of every kind (tests/agreements.py), and pairs of
random paragraph lists built from the writer's own test paragraphs (tests/docgen.py), which mix
formatting, other authors' insertions and deletions (nested too), hyperlinks, content controls, smart
tags, tabs and breaks, edited by dropping, adding, replacing, rewording and reformatting paragraphs.
"""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from draft_agreement.api import compare
from draft_agreement.ooxml import W_NS
from tests.agreements import EDIT_KINDS, agreement, edited, write
from tests.compare_oracle import differences
from tests.docgen import paragraph_xml, run_text, write_docx
from tests.oracle import structural_problems

W = f"{{{W_NS}}}"
DATE = "2026-01-01T00:00:00Z"
_SETTINGS = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _check(old: Path, new: Path, granularity: str = "word") -> None:
    out = old.with_name("redline.docx")
    compare(old, new, out, date=DATE, granularity=granularity)
    assert differences(old, new, out) == []
    assert structural_problems(out) == []


@_SETTINGS
@given(
    size=st.integers(6, 40),
    lang=st.sampled_from(["zh", "en"]),
    seed=st.integers(0, 10_000),
    prior=st.booleans(),
    kinds=st.lists(st.sampled_from(EDIT_KINDS), min_size=1, max_size=10),
    granularity=st.sampled_from(["word", "word", "char"]),
)
def test_agreement_edits_of_every_kind(
    size: int, lang: str, seed: int, prior: bool, kinds: list[str], granularity: str
) -> None:
    base = agreement(size, lang, seed, prior)
    changed = edited(base, kinds, seed + 1)
    with tempfile.TemporaryDirectory() as tmp:
        old, new = write(base, Path(tmp) / "old.docx"), write(changed, Path(tmp) / "new.docx")
        _check(old, new, granularity)


@st.composite
def _versions(draw: st.DrawFn) -> tuple[list[etree._Element], list[etree._Element]]:
    """OLD paragraphs, and NEW made from them: each kept, dropped, replaced, reworded or reformatted,
    with new paragraphs inserted anywhere."""
    old = draw(st.lists(paragraph_xml(), min_size=1, max_size=6))
    new: list[etree._Element] = []
    for p in old:
        action = draw(st.sampled_from(["keep", "keep", "drop", "replace", "reword", "bold"]))
        if action == "drop":
            continue
        if action == "replace":
            new.append(draw(paragraph_xml()))
            continue
        q = copy.deepcopy(p)
        plain = [r for r in q.iter(W + "r") if r.getparent() is q and r.find(W + "t") is not None]
        if plain and action == "reword":
            t = draw(st.sampled_from(plain)).find(W + "t")
            t.text = draw(run_text) + (t.text or "")[draw(st.integers(0, len(t.text or ""))) :]
        elif plain and action == "bold":
            run = draw(st.sampled_from(plain))
            rpr = run.find(W + "rPr")
            if rpr is None:
                rpr = etree.Element(W + "rPr")
                run.insert(0, rpr)
            bold = rpr.find(W + "b")
            if bold is None:
                etree.SubElement(rpr, W + "b")
            else:
                rpr.remove(bold)
        new.append(q)
    for _ in range(draw(st.integers(0, 2))):
        new.insert(draw(st.integers(0, len(new))), draw(paragraph_xml()))
    if not new:
        new.append(draw(paragraph_xml()))
    return old, new


@_SETTINGS
@given(_versions())
def test_paragraphs_with_others_revisions_hyperlinks_and_controls(
    versions: tuple[list[etree._Element], list[etree._Element]],
) -> None:
    old_paragraphs, new_paragraphs = versions
    with tempfile.TemporaryDirectory() as tmp:
        old = write_docx(Path(tmp) / "old.docx", old_paragraphs)
        new = write_docx(Path(tmp) / "new.docx", new_paragraphs)
        _check(old, new)

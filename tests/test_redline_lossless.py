"""The writer is lossless: rejecting our revisions restores the input exactly, accepting them gives the
intended text, and other authors' revisions survive untouched. Random documents, random edits."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from draft_agreement.model import View, load_document
from draft_agreement.redlining.revisions import accept_all
from draft_agreement.redlining.writer import Edit, Mode, RedlineWriter, minimal_change
from tests.docgen import edits_for, paragraph_xml, write_docx
from tests.oracle import part_signature, read_part, rejected_ours, structural_problems

US = "draft-agreement"
DATE = "2026-01-01T00:00:00Z"


def _intended(text: str, edits: list[Edit]) -> str:
    out = text
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        if e.replacement is not None:
            out = out[: e.start] + e.replacement + out[e.end :]
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph_xml(), min_size=1, max_size=4), st.data())
def test_random_redlines_are_lossless(paragraphs: list, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = write_docx(Path(tmp) / "in.docx", paragraphs)
        doc = load_document(src)
        texts = [p.text for p in doc.story("body").paragraphs]
        edits = [e for i, t in enumerate(texts) for e in data.draw(edits_for(t, i))]
        writer = RedlineWriter(doc, US, DATE, Mode.track)
        writer.apply(edits)
        out = Path(tmp) / "out.docx"
        writer.save(out)

        assert structural_problems(out) == []
        # Reject ours: the input, exactly (text, formatting, others' revisions).
        assert part_signature(rejected_ours(out, US)) == part_signature(read_part(src))
        # The current view already shows the intended text; accepting ours keeps it and drops the markup.
        result = load_document(out)
        for i, text in enumerate(texts):
            wanted = _intended(text, [e for e in edits if e.paragraph == i])
            assert result.paragraph("body", i).text == wanted
        accepted = copy.deepcopy(read_part(out))
        accept_all(accepted, [US])
        assert not [
            el
            for el in accepted.iter()
            if el.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}author") == US
        ]
        # Rejecting everything (ours and theirs) gives what rejecting theirs gave before.
        for i in range(len(texts)):
            assert (
                result.paragraph("body", i).view(View.REJECTED).text
                == doc.paragraph("body", i).view(View.REJECTED).text
            )


@given(
    st.text(st.sampled_from(list("ab 甲乙")), max_size=10),
    st.text(st.sampled_from(list("ab 甲乙")), max_size=10),
)
def test_minimal_change_reconstructs_the_replacement(old: str, new: str) -> None:
    if not old:
        return
    lo, hi, middle = minimal_change(old, new)
    assert 0 <= lo < hi <= len(old)
    assert old[:lo] + middle + old[hi:] == new


def test_minimal_change_keeps_shared_prefix_and_whole_words() -> None:
    assert minimal_change("甲方将账号转让给乙方", "甲方保留账号") == (2, 10, "保留账号")
    lo, hi, middle = minimal_change("Seller shall sell the Accounts", "Seller shall keep the Accounts")
    assert "Seller shall sell the Accounts"[lo:hi] == "sell" and middle == "keep"

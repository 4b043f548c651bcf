"""A case-insensitive cue searched as a case-sensitive one over lower-cased text finds the same lines.

deal/lines.py searches a long body that way because Python's re is many times faster without
IGNORECASE; the answer must not change. The oracle is the cue itself, searched as written.
"""

from __future__ import annotations

import re
from dataclasses import fields

from hypothesis import given, settings
from hypothesis import strategies as st

from draft_agreement.deal.lines import Line
from draft_agreement.deal.vocabulary import Vocabulary, load_vocabulary
from draft_agreement.redlining.replacements import load_replacements
from draft_agreement.redlining.strategies import load_strategies
from draft_agreement.regexes import _lowered
from draft_agreement.reviewing.rules import default_clauses_dir

VOCAB = load_vocabulary()
CUES = [
    value
    for f in fields(Vocabulary)
    if isinstance(value := getattr(VOCAB, f.name), re.Pattern) and value.flags & re.IGNORECASE
]
# The strategies' patterns (stale clauses, protective ones, recitals, list items) are searched so too.
STRATEGIES = load_strategies(
    (str(default_clauses_dir() / "strategies"),),
    tuple(load_replacements(str(default_clauses_dir() / "replacements")).ids()),
)
CUES += sorted(
    {
        p
        for strategy in STRATEGIES.values()
        for field in (strategy.stale, strategy.protect, strategy.recital_cues, strategy.items)
        for patterns in field.values()
        for p in patterns
    },
    key=lambda p: p.pattern,
)
# Words the cues are made of, in any case, between pieces of ordinary text.
WORDS = sorted({w for cue in CUES for w in re.findall(r"[A-Za-z]{3,}|[\u4e00-\u9fff]{2,}", cue.pattern)})


def _line(text: str) -> Line:
    return Line(("body", 0), text, text, None, False, None, False, None)


def test_the_bundled_cues_are_searched_the_fast_way() -> None:
    assert CUES and all(_lowered(cue) is not None for cue in (VOCAB.law_clause, VOCAB.forum))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(WORDS).flatmap(
                lambda w: st.sampled_from([w, w.upper(), w.title(), w.swapcase()])
            ),
            st.text(alphabet=" ,.;:()“”甲方乙方之法律中国香港ofthe0123", max_size=6),
        ),
        max_size=12,
    ).map(" ".join),
    st.sampled_from(range(len(CUES))),
)
def test_a_line_has_a_cue_exactly_when_the_cue_finds_it(text: str, which: int) -> None:
    cue = CUES[which]
    assert _line(text).has(cue) == bool(cue.search(text))

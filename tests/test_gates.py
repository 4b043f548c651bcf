"""The literal gates of regex terms: what a pattern cannot match without, and that it is never wrong."""

from __future__ import annotations

import re

import pytest

from draft_agreement.reviewing.engine import Engine, _as_bytes
from draft_agreement.reviewing.gates import required_literals
from draft_agreement.reviewing.normalize import normalize


def sets(pattern: str, flags: int = 0) -> list[set[str]]:
    return [set(found) for found in required_literals(re.compile(pattern, flags))]


def test_each_mandatory_part_is_one_set() -> None:
    assert sets("(?:客户|会员)(?:的)?(?:信息|资料)") == [{"客户", "会员"}, {"信息", "资料"}]
    assert sets(r"每(?:个|位)?[^,。]{0,6}?元") == [{"每"}, {"元"}]


def test_optional_negated_and_free_parts_require_nothing() -> None:
    assert sets(r"(?:甲方)?\d+(?!乙方)(?:条|笔)*") == []
    assert sets(r"a(?=bc)") == [{"a"}, {"bc"}]  # a positive lookahead reads text that is there


def test_an_alternative_that_needs_nothing_opens_the_whole_alternation() -> None:
    assert sets(r"(?:转让|\d+)") == []
    assert sets(r"转让给|移交(?:给)?") == [{"转让给", "移交"}]


def test_case_insensitive_patterns_are_not_gated() -> None:
    assert sets("transfer", re.IGNORECASE) == []
    assert sets("(?i)transfer") == []
    assert sets("(?i:transfer) of data") == [{" of data"}]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_no_rule_example_is_matched_by_a_pattern_its_gate_rules_out(language: str) -> None:
    engine = Engine.from_packs(language=language)
    texts = [
        normalize(example.text).text
        for rule in engine.rules()
        for example in (*rule.positive, *rule.negative)
    ]
    checked = 0
    for text in texts:
        met = engine._gates.met(_as_bytes(text))
        for pattern, mask in engine._gates.masks.items():
            if pattern.search(text):
                checked += 1
                assert mask & met == mask, (pattern.pattern, text)
    assert checked > 100

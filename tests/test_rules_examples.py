"""Every example of every rule in the default packs behaves as its rule says.

The same runner as `draft-agreement rules test` (reviewing/examples.py): positives must produce a hit
of that rule (on the marked 【…】 span when one is marked); negatives no hit of that rule at medium or
above; document rules run over whole example documents, one paragraph per line.
"""

from __future__ import annotations

from functools import cache

import pytest

from draft_agreement.reviewing.engine import Engine
from draft_agreement.reviewing.examples import check_example
from draft_agreement.reviewing.legal import LegalLibrary
from draft_agreement.reviewing.rules import (
    Example,
    Rule,
    default_clauses_dir,
    default_pack_paths,
    load_rule_set,
)


@cache
def engine(language: str) -> Engine:
    return Engine.from_packs((), language)


def _cases() -> list[pytest.param]:
    legal = LegalLibrary.load(default_clauses_dir() / "legal")
    cases = []
    for language in ("zh", "en"):
        rule_set = load_rule_set(default_pack_paths(language), language, legal)
        for rule in rule_set.rules:
            for kind, examples in (("positive", rule.positive), ("negative", rule.negative)):
                for index, example in enumerate(examples):
                    cases.append(
                        pytest.param(language, rule.id, kind, example, id=f"{rule.id}-{kind}-{index}")
                    )
    return cases


def _rule(language: str, rule_id: str) -> Rule:
    return next(rule for rule in engine(language).rules() if rule.id == rule_id)


@pytest.mark.parametrize(("language", "rule_id", "kind", "example"), _cases())
def test_example(language: str, rule_id: str, kind: str, example: Example) -> None:
    ok, detail = check_example(engine(language), _rule(language, rule_id), kind, example)
    assert ok, f"{rule_id} {kind}: {detail}: {example.text}"


def test_the_example_runner_reports_failures() -> None:
    """A positive that cannot match and a negative that does are both reported, with what was found."""
    eng = engine("zh")
    rule = _rule("zh", "zh.account.transfer")
    assert check_example(eng, rule, "positive", Example("本协议一式两份。", None)) == (False, "missed")
    ok, detail = check_example(eng, rule, "negative", rule.positive[0])
    assert not ok and detail.startswith("fired on")


def test_every_rule_has_enough_examples() -> None:
    for language in ("zh", "en"):
        for rule in engine(language).rules():
            assert len(rule.positive) >= 3 and len(rule.negative) >= 3, rule.id

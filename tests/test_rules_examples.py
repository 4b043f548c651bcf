"""Every example of every rule in the default packs behaves as its rule says.

Positives must produce a hit of that rule (on the marked 【…】 span when one is marked); negatives must
produce no hit of that rule at medium or above. Document rules run over whole example documents: each
line is scanned as a paragraph, then the document-level check runs on the hits.
"""

from __future__ import annotations

from functools import cache

import pytest

from draft_agreement.reviewing.engine import Engine
from draft_agreement.reviewing.legal import LegalLibrary
from draft_agreement.reviewing.rules import (
    Example,
    Rule,
    default_clauses_dir,
    default_pack_paths,
    load_rule_set,
)

ACTIONABLE = ("high", "medium")


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


def _document_fires(language: str, rule: Rule, text: str) -> bool:
    eng = engine(language)
    hits = [hit for line in text.splitlines() for hit in eng.scan(line)]
    return any(doc.rule.id == rule.id for doc in eng.document_hits(hits, text))


@pytest.mark.parametrize(("language", "rule_id", "kind", "example"), _cases())
def test_example(language: str, rule_id: str, kind: str, example: Example) -> None:
    rule = _rule(language, rule_id)
    if rule.is_document_rule:
        fires = _document_fires(language, rule, example.text)
        assert fires == (kind == "positive"), (
            f"{rule_id} {'missed' if kind == 'positive' else 'fired on'}:\n{example.text}"
        )
        return
    hits = [hit for hit in engine(language).scan(example.text) if hit.rule.id == rule_id]
    if kind == "positive":
        assert hits, f"{rule_id} missed: {example.text}"
        if example.span is not None:
            spans = [(hit.start, hit.end) for hit in hits]
            marked = example.text[example.span[0] : example.span[1]]
            found = [example.text[s:e] for s, e in spans]
            assert example.span in spans, f"{rule_id}: expected span {marked!r}, got {found!r}"
    else:
        actionable = [hit for hit in hits if hit.rule.severity in ACTIONABLE]
        found = [example.text[hit.start : hit.end] for hit in actionable]
        assert not actionable, f"{rule_id} fired on negative: {example.text} -> {found}"


def test_every_rule_has_enough_examples() -> None:
    for language in ("zh", "en"):
        for rule in engine(language).rules():
            assert len(rule.positive) >= 3 and len(rule.negative) >= 3, rule.id

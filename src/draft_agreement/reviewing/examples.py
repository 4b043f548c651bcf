"""Run every rule's own examples, as `draft-agreement rules test` and the test suite do.

A positive example must produce a hit of its rule (on the 【…】-marked span when one is marked); a
negative example must produce no hit of its rule at medium or above. Document rules run over whole
example documents, one paragraph per line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from draft_agreement.reviewing.engine import Engine
from draft_agreement.reviewing.rules import Example, Rule

ACTIONABLE = ("high", "medium")


@dataclass(frozen=True)
class ExampleResult:
    rule: str
    kind: str  # positive | negative
    index: int
    ok: bool
    detail: str


def check_example(engine: Engine, rule: Rule, kind: str, example: Example) -> tuple[bool, str]:
    """Whether one example behaves as its rule says, and what was found instead when not."""
    if rule.is_document_rule:
        hits = [hit for line in example.text.splitlines() for hit in engine.scan(line)]
        fires = any(d.rule.id == rule.id for d in engine.document_hits(hits, example.text))
        ok = fires == (kind == "positive")
        return ok, "" if ok else ("missed" if kind == "positive" else "fired")
    hits = [hit for hit in engine.scan(example.text) if hit.rule.id == rule.id]
    if kind == "positive":
        if not hits:
            return False, "missed"
        spans = [(hit.start, hit.end) for hit in hits]
        if example.span is not None and example.span not in spans:
            found = ", ".join(repr(example.text[s:e]) for s, e in spans)
            return False, f"expected span {example.text[example.span[0] : example.span[1]]!r}, got {found}"
        return True, ""
    actionable = [hit for hit in hits if hit.rule.severity in ACTIONABLE]
    if actionable:
        return False, "fired on " + ", ".join(repr(example.text[h.start : h.end]) for h in actionable)
    return True, ""


def run_examples(engine: Engine, rules: Iterable[Rule] | None = None) -> list[ExampleResult]:
    """Results for every example of `rules` (default: all rules of the engine)."""
    results = []
    for rule in rules if rules is not None else engine.rules():
        for kind, examples in (("positive", rule.positive), ("negative", rule.negative)):
            for index, example in enumerate(examples):
                ok, detail = check_example(engine, rule, kind, example)
                results.append(ExampleResult(rule.id, kind, index, ok, detail))
    return results

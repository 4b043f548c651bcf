"""`compare --review`: what did the other side change, and is any of it risky?

Both versions go through the review engine. A finding of NEW that falls on inserted or rewritten text is
put on the change and commented in the redline; a change whose clause had no finding of that rule in
OLD is marked newly risky (safe before, risky now), which is what a lawyer reading the counterparty's
mark-up most needs to see first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from draft_agreement.comparing.run import CompareSession, Comparison
from draft_agreement.redlining.plan import comment_text
from draft_agreement.reviewing.findings import Finding, Report
from draft_agreement.reviewing.rules import language_code
from draft_agreement.reviewing.run import review_document

_NO_COMMENT_STORIES = ("header", "footer")
_LEAD = {
    "zh": ("对方新增或改写的内容存在风险：", "此条款在上一版本中无此风险，本次修改后出现："),
    "en": (
        "Risk in text the other side inserted or rewrote:",
        "This clause had no such risk in the previous version:",
    ),
}


def _overlaps(finding: Finding, spans: list[tuple[int, int]]) -> bool:
    loc = finding.location
    return loc is not None and any(loc.start < end and start < loc.end for start, end in spans)


def review_changes(
    session: CompareSession,
    comparison: Comparison,
    *,
    rules: Sequence[Path] = (),
    lang: str | None = None,
    show_pii: bool = False,
) -> tuple[Report, Report]:
    """Attach NEW's findings to the changes they sit on, comment the risky ones, and return both
    reviews (NEW's, OLD's)."""
    new_report = review_document(session.new.doc, rules=rules, lang=lang, show_pii=show_pii)
    old_report = review_document(session.old.doc, rules=rules, lang=lang, show_pii=show_pii)
    explain = language_code(lang or session.new.doc.language)
    lead_risky, lead_new = _LEAD.get(explain, _LEAD["en"])
    by_paragraph: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for f in new_report.findings:
        if f.location is not None:
            by_paragraph[(f.location.story, f.location.paragraph)].append(f)
    old_rules: dict[tuple[str, int], set[str]] = defaultdict(set)
    for f in old_report.findings:
        if f.location is not None:
            old_rules[(f.location.story, f.location.paragraph)].add(f.rule)
    for k, change in enumerate(comparison.changes):
        if change.paragraph is None or change.kind not in ("inserted", "changed", "moved"):
            continue
        found = by_paragraph.get((change.story, change.paragraph), [])
        if change.kind == "changed" and not change.revised:
            found = [f for f in found if _overlaps(f, change.spans)]
        if not found:
            continue
        comparison.findings[k] = found
        before = (
            old_rules.get((change.story, change.old_paragraph), set())
            if change.old_paragraph is not None
            else set()
        )
        fresh = [f for f in found if f.rule not in before]
        if fresh:
            comparison.newly_risky.add(k)
        if change.story.startswith(_NO_COMMENT_STORIES):
            continue  # Word takes no comments there; the report still lists the finding
        for f in found:
            loc = f.location
            lead = lead_new if f in fresh and change.kind == "changed" else lead_risky
            session.comment(
                loc.story, loc.paragraph, loc.start, loc.end, f"{lead}\n{comment_text([f], explain)}"
            )
            comparison.comments += 1
    return new_report, old_report

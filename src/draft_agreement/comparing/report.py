"""The compare report: every change by clause, and the findings on it (schema:
report/compare-report.schema.json)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from draft_agreement.comparing.run import Comparison
from draft_agreement.reviewing.findings import Report

KINDS = ("inserted", "deleted", "changed", "moved", "formatting")
SCHEMA_VERSION = 1
# Every identifier the masker knows (resident ID, mobile, bank card, e-mail) holds four digits in a row
# or an @; text without either is shown as it is, and the detectors are only loaded for text with them.
_MAYBE_IDENTIFIER = re.compile(r"[0-9０-９]{4}|[@＠]")


def compare_report(
    comparison: Comparison,
    old: str,
    new: str,
    *,
    author: str,
    date: str,
    granularity: str,
    reviewed: Report | None = None,
    show_pii: bool = False,
) -> dict[str, Any]:
    def shown(text: str) -> str:
        if show_pii or not _MAYBE_IDENTIFIER.search(text):
            return text
        from draft_agreement.reviewing.masking import mask_text

        return mask_text(text)

    changes = []
    for k, change in enumerate(comparison.changes):
        item: dict[str, Any] = {
            "kind": change.kind,
            "story": change.story,
            "paragraph": change.paragraph,
            "old_paragraph": change.old_paragraph,
            "clause": change.label,
            "old_text": shown(change.old_text),
            "new_text": shown(change.new_text),
        }
        if reviewed is not None:
            item["findings"] = [f.to_dict() for f in comparison.findings.get(k, [])]
            item["newly_risky"] = k in comparison.newly_risky
        changes.append(item)
    counts = Counter(c.kind for c in comparison.changes)
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "old": old,
        "new": new,
        "author": author,
        "date": date,
        "granularity": granularity,
        "summary": {kind: counts.get(kind, 0) for kind in KINDS},
        "revisions": comparison.revisions,
        "comments": comparison.comments,
        "changes": changes,
    }
    if reviewed is not None:
        out["review"] = {
            "summary": reviewed.summary,
            "risky_changes": len(comparison.findings),
            "newly_risky": len(comparison.newly_risky),
        }
    return out

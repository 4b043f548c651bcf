"""Compare two files and write the redline: what `compare()`, the CLI, the server and batch mode call.

The review engine is imported only with `review`, so a plain comparison pays for the model, the
segmenter and the writer alone.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draft_agreement.atomicio import check_output_path


@dataclass(frozen=True)
class CompareOutcome:
    """What a comparison wrote: the report (every change by clause, with findings under review)."""

    report: dict[str, Any]
    output: Path

    @property
    def summary(self) -> dict[str, int]:
        return self.report["summary"]


def compare_files(
    old: str | os.PathLike[str],
    new: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    author: str,
    date: str,
    granularity: str = "word",
    review: bool = False,
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
) -> CompareOutcome:
    """Write `output` (atomically; neither input is touched) and return the report. `date` is an ISO
    timestamp: a fixed one gives the same bytes every time."""
    from draft_agreement.comparing.report import compare_report
    from draft_agreement.comparing.run import CompareSession

    old, new, output = Path(old), Path(new), Path(output)
    check_output_path(old, output)
    check_output_path(new, output)
    session = CompareSession(old, new, author=author, date=date, granularity=granularity)
    comparison = session.compare()
    reviewed = None
    if review:
        from draft_agreement.comparing.review import review_changes

        reviewed, _ = review_changes(
            session, comparison, rules=[Path(r) for r in rules], lang=lang, show_pii=show_pii
        )
    session.save(output)
    comparison.revisions = session.writer.revision_count
    report = compare_report(
        comparison,
        str(old),
        str(new),
        author=author,
        date=date,
        granularity=granularity,
        reviewed=reviewed,
        show_pii=show_pii,
    )
    return CompareOutcome(report, output)

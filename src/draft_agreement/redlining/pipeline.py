"""Redline one file: review it, plan the edits, write tracked changes and comments, attach annexes.

The one place the redline pipeline is assembled; the API, the CLI and batch workers call it here.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from draft_agreement.atomicio import check_output_path
from draft_agreement.deal import deal_of
from draft_agreement.memo.write import check_memo_path, write_memo
from draft_agreement.model.document import load_document
from draft_agreement.redlining.comment_text import annotate
from draft_agreement.redlining.consistency import check
from draft_agreement.redlining.deletions import DeletedClauses
from draft_agreement.redlining.plan import plan_edits
from draft_agreement.redlining.replacements import load_replacements
from draft_agreement.redlining.strategies import load_strategies, strategy_folders
from draft_agreement.redlining.writer import Mode, RedlineResult, RedlineWriter, revision_date
from draft_agreement.reviewing.findings import Report
from draft_agreement.reviewing.rules import default_clauses_dir, language_code
from draft_agreement.reviewing.run import review_document

DEFAULT_AUTHOR = "draft-agreement"


@dataclass(frozen=True)
class RedlineOutcome:
    """What a redline did: the review it acted on, the marks it wrote and the annexes it drafted."""

    report: Report
    result: RedlineResult
    output: Path
    annexes: tuple[Any, ...] = ()  # drafting.api.Annex: template, label, blanks

    def report_dict(self) -> dict[str, Any]:
        """The review report, with the drafted annexes and the blanks they leave for the lawyer."""
        data = self.report.to_dict()
        if self.annexes:
            data["annexes"] = [annex.to_dict() for annex in self.annexes]
        return data


def redline(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    mode: Mode | str = Mode.track,
    author: str = DEFAULT_AUTHOR,
    date: str | None = None,
    min_severity: str = "medium",
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
    in_place: bool = False,
    attach: Sequence[str] = (),
    attach_values: dict[str, str] | None = None,
    attach_strict: bool = False,
    convert_doc: bool = False,
    deleted_clauses: DeletedClauses | str = DeletedClauses.renumber,
    memo: str | os.PathLike[str] | None = None,
) -> RedlineOutcome:
    """Review `source` and write `output` with tracked replacements and comments.

    >>> outcome = redline("agreement.docx", "agreement.redlined.docx", date="2026-01-01")  # doctest: +SKIP
    >>> outcome.result.comments                                                          # doctest: +SKIP
    7

    A fixed `date` makes the output byte-for-byte reproducible. `attach` names drafting templates
    (consent-notice, referral-agreement...) appended as the agreement's next annexes, pre-filled from
    it; what it does not say is a marked blank, so the redline is always written (unless
    `attach_strict`, which refuses and writes nothing). The deal kind's strategy (clauses/strategies,
    or a pack's own `strategies/`) restructures the whole agreement; `deleted_clauses` says whether a
    deleted clause's paragraph goes (``renumber``) or its number stays (``keep-number``). `memo`
    (.docx or .md) also writes the review memo: the deal, each finding with its quoted statutes, and
    what the lawyer must still decide.
    """
    source, output = Path(source), Path(output)
    check_output_path(source, output, in_place)
    memo_path = Path(memo) if memo is not None else None
    if memo_path is not None:
        check_memo_path(source, output, memo_path)
    doc = load_document(source, convert_legacy=convert_doc)
    report = review_document(doc, rules=[Path(r) for r in rules], lang=lang, show_pii=show_pii)
    explain = language_code(lang or doc.language)
    library = load_replacements(str(default_clauses_dir() / "replacements"))
    folders = strategy_folders(default_clauses_dir() / "strategies", [Path(r) for r in rules])
    strategy = load_strategies(folders, tuple(library.ids())).get(deal_of(doc).kind)
    edits = plan_edits(
        doc, report.findings, library, explain, min_severity, strategy, DeletedClauses(deleted_clauses)
    )
    # The accepted view is checked as one contract: what can be fixed is, the rest is for the lawyer.
    script = "zh-Hant" if explain == "zh" and doc.language == "zh-Hant" else explain
    edits, to_decide = check(doc, edits, script, explain)
    report = replace(report, to_decide=(*report.to_decide, *to_decide))
    if strategy is not None:  # the comments and the memo give this deal's own advice
        report = replace(report, findings=tuple(strategy.advise(report.findings, explain)))
    edits = annotate(doc, edits, report.findings, explain, mode, min_severity)
    writer = RedlineWriter(doc, author, revision_date(date), Mode(mode))
    result = writer.apply(edits)
    if not attach:
        writer.save(output)
        return _with_memo(RedlineOutcome(report, result, output), memo_path, explain, show_pii)
    from draft_agreement.drafting import attach as attach_annexes

    # Annexes are composed onto the finished redline in a temporary file beside the output, then the
    # composed file replaces it; the input is never touched.
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        staged = Path(tmp) / output.name
        writer.save(staged)
        composed = attach_annexes(
            staged, list(attach), source, output, explain, overrides=attach_values, strict=attach_strict
        )
    outcome = RedlineOutcome(report, result, output, composed.drafted)
    return _with_memo(outcome, memo_path, explain, show_pii)


def _with_memo(outcome: RedlineOutcome, memo: Path | None, lang: str, show_pii: bool) -> RedlineOutcome:
    """Write the review memo of a finished redline, when one was asked for."""
    if memo is not None:
        write_memo(memo, outcome.report, lang, outcome.annexes, show_pii)
    return outcome

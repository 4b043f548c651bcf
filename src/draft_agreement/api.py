"""The Python API every front end is thin over: review, redline, accept/reject.

Functions return dataclasses and never print; refusals raise the documented exceptions in
draft_agreement.errors (UnsupportedDocument, RuleFileError, TemplateError, OutputError).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from draft_agreement.atomicio import check_output_path
from draft_agreement.comparing.files import CompareOutcome, compare_files, iso_date
from draft_agreement.model.document import load_document
from draft_agreement.redlining.plan import plan_edits
from draft_agreement.redlining.replacements import load_replacements
from draft_agreement.redlining.resolve import resolve_file
from draft_agreement.redlining.writer import Mode, RedlineResult, RedlineWriter
from draft_agreement.reviewing.findings import Report
from draft_agreement.reviewing.rules import default_clauses_dir, language_code
from draft_agreement.reviewing.run import review, review_document

DEFAULT_AUTHOR = "draft-agreement"

__all__ = [
    "CompareOutcome",
    "RedlineOutcome",
    "accept",
    "compare",
    "compose",
    "draft",
    "redline",
    "reject",
    "review",
    "review_many",
]


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


def _iso(date: str | None) -> str:
    return iso_date(date)


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
) -> RedlineOutcome:
    """Review `source` and write `output` with tracked replacements and comments.

    >>> outcome = redline("agreement.docx", "agreement.redlined.docx", date="2026-01-01")  # doctest: +SKIP
    >>> outcome.result.comments                                                          # doctest: +SKIP
    7

    A fixed `date` makes the output byte-for-byte reproducible. `attach` names drafting templates
    (consent-notice, referral-agreement...) appended as the agreement's next annexes, pre-filled from
    it; what it does not say is a marked blank, so the redline is always written (unless
    `attach_strict`, which refuses and writes nothing).
    """
    source, output = Path(source), Path(output)
    check_output_path(source, output, in_place)
    doc = load_document(source, convert_legacy=convert_doc)
    report = review_document(doc, rules=[Path(r) for r in rules], lang=lang, show_pii=show_pii)
    explain = language_code(lang or doc.language)
    library = load_replacements(str(default_clauses_dir() / "replacements"))
    edits = plan_edits(doc, report.findings, library, explain, min_severity)
    writer = RedlineWriter(doc, author, _iso(date), Mode(mode))
    result = writer.apply(edits)
    if not attach:
        writer.save(output)
        return RedlineOutcome(report, result, output)
    from draft_agreement.drafting import attach as attach_annexes

    # Annexes are composed onto the finished redline in a temporary file beside the output, then the
    # composed file replaces it; the input is never touched.
    with tempfile.TemporaryDirectory(dir=output.parent) as tmp:
        staged = Path(tmp) / output.name
        writer.save(staged)
        composed = attach_annexes(
            staged, list(attach), source, output, explain, overrides=attach_values, strict=attach_strict
        )
    return RedlineOutcome(report, result, output, composed.drafted)


def accept(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    authors: Sequence[str] | None = None,
    in_place: bool = False,
) -> None:
    """Accept tracked changes (all, or only those by `authors`) and write `output`."""
    resolve_file(Path(source), Path(output), True, authors, in_place)


def reject(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    authors: Sequence[str] | None = None,
    in_place: bool = False,
) -> None:
    """Reject tracked changes (all, or only those by `authors`) and write `output`."""
    resolve_file(Path(source), Path(output), False, authors, in_place)


def review_many(paths: Sequence[str | os.PathLike[str]], **options: Any) -> Iterator[Any]:
    """Review every Word file under `paths` in parallel workers; yields one BatchItem per file.

    See draft_agreement.batch.review_many for the options (glob, exclude, jobs, resume_report, rules...).
    """
    from draft_agreement.batch import review_many as run

    return run(paths, **options)


def draft(template: str, output: str | os.PathLike[str], **options: Any) -> Any:
    """Render a drafting template (consent-notice, referral-agreement...); see draft_agreement.drafting."""
    from draft_agreement.drafting import draft as run

    return run(template, Path(output), **options)


def compose(
    main: str | os.PathLike[str], annexes: Sequence[str | os.PathLike[str]], output: str | os.PathLike[str]
) -> Any:
    """Append `annexes` to `main` after page breaks, with comment ids kept unique."""
    from draft_agreement.drafting import compose as run

    return run(Path(main), [Path(a) for a in annexes], Path(output))


def compare(
    old: str | os.PathLike[str],
    new: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    author: str = DEFAULT_AUTHOR,
    date: str | None = None,
    granularity: str = "word",
    review: bool = False,
    rules: Sequence[str | os.PathLike[str]] = (),
    lang: str | None = None,
    show_pii: bool = False,
) -> CompareOutcome:
    """Write `output`: NEW with tracked changes (by `author`) that take OLD to it.

    >>> outcome = compare("v1.docx", "v2.docx", "v1-v2.redline.docx", date="2026-01-01")  # doctest: +SKIP
    >>> outcome.summary["changed"]                                                     # doctest: +SKIP
    3

    Accepting every change gives NEW, rejecting every change gives OLD (as rejecting its own tracked
    changes would); other authors' tracked changes and comments in NEW are kept as they are. With
    `review`, inserted and rewritten text is reviewed and each risky insertion commented. See
    draft_agreement.comparing for the semantics.
    """
    return compare_files(
        old,
        new,
        output,
        author=author,
        date=_iso(date),
        granularity=granularity,
        review=review,
        rules=rules,
        lang=lang,
        show_pii=show_pii,
    )

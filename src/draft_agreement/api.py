"""The Python API every front end is thin over: review, redline, compare, accept/reject.

Functions return dataclasses and never print; refusals raise the documented exceptions in
draft_agreement.errors (UnsupportedDocument, RuleFileError, TemplateError, OutputError).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from draft_agreement.comparing.files import CompareOutcome, compare_files
from draft_agreement.redlining.pipeline import DEFAULT_AUTHOR, RedlineOutcome, redline
from draft_agreement.redlining.resolve import resolve_file
from draft_agreement.redlining.writer import revision_date
from draft_agreement.reviewing.run import review

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
        date=revision_date(date),
        granularity=granularity,
        review=review,
        rules=rules,
        lang=lang,
        show_pii=show_pii,
    )
